// Shared by the Tuyo emulator's tests: one emulator per test file on a free port, a frozen clock, an API
// caller that signs with a key and a fresh timestamp, and the seed's two example products.
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { EmulatorClock } from "../_kit/index";
import { DEMO_PRODUCTION_TOKEN, startTuyoEmulator, type TuyoEmulator } from "./index";

export let tuyo: TuyoEmulator;
export const clock = new EmulatorClock();
export const NOW = Date.UTC(2026, 0, 5, 10, 0, 0);

/** Starts the emulator for the calling test file; each test starts at NOW, frozen, and ends with a reset. */
export function withTuyoEmulator(): void {
  beforeAll(async () => {
    tuyo = await startTuyoEmulator({ clock });
  });
  afterAll(() => tuyo.close());
  beforeEach(() => clock.freeze(NOW));
  afterEach(() => {
    tuyo.reset();
    clock.reset();
  });
}

export interface CallOptions {
  body?: unknown;
  raw?: string;
  token?: string | null;
  /** A timestamp other than the emulator's now; null leaves it out. */
  timestamp?: number | string | null;
}

export async function api(method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.token !== null) headers["x-api-token"] = options.token ?? DEMO_PRODUCTION_TOKEN;
  const timestamp = options.timestamp === undefined ? clock.now() : options.timestamp;
  const query = timestamp === null ? "" : `?timestamp=${timestamp}`;
  const response = await fetch(`${tuyo.url}${path}${query}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read arbitrary API answers
  return { status: response.status, body: (await response.json()) as any };
}

export const USER = 16890;
export const stockLine = (stock: number, branch = 428) => ({ stock, fk_storesBranchesId: branch, createdBy: USER });

/** The seed's first example: a product without variants (one "Tipo: Unico" variant). */
export function uniqueProduct(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    preparationTime: 86400000,
    name: "Nike AIR Ultra comfort",
    hasVariant: false,
    fk_categoriesId: 10,
    fk_subcategoriesId: 81,
    sku: "32G4HJ32G4",
    regularPrice: 85.99,
    discount: 0,
    cargoType: "Motocicleta",
    freeShipping: false,
    isFragile: false,
    description: "Description ultra comfortable shoes",
    fk_usersId: USER,
    tags: "Tag01,Tag02,Tag03",
    active: "1",
    createdBy: USER,
    fk_storesId: 362,
    fk_productsTypesId: 1,
    images: [{ url: "https://cdn.example.invalid/empty.jpg", createdBy: USER }],
    variants: [
      { attributes: "Tipo", values: "Unico", sku: "32G4HJ32G4", price: 85.99, createdBy: USER, stock: [stockLine(1)] },
    ],
    ...overrides,
  };
}

/** The seed's second example: two variants, Talla,Color = 8,Negro / 8,Blanco. */
export function variantProduct(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return uniqueProduct({
    sku: "ZAP-01",
    hasVariant: true,
    fk_categoriesId: 2,
    fk_subcategoriesId: 3,
    variants: [
      {
        attributes: "Talla,Color",
        values: "8,Negro",
        sku: "ZAP-01-N",
        price: 85.99,
        createdBy: USER,
        stock: [stockLine(5), stockLine(2, 429)],
      },
      {
        attributes: "Talla,Color",
        values: "8,Blanco",
        sku: "ZAP-01-B",
        price: 85.99,
        createdBy: USER,
        stock: [stockLine(3)],
      },
    ],
    ...overrides,
  });
}

export const product = (sku: string, mode: "production" | "testing" = "production") =>
  tuyo.products(mode).find((p) => p.sku === sku);

export function seedBoth(mode: "production" | "testing" = "production") {
  tuyo.seed({ mode, products: [uniqueProduct(), variantProduct()] });
}

export function omit<T extends object>(value: T, key: string): Partial<T> {
  const copy = { ...value } as Record<string, unknown>;
  delete copy[key];
  return copy as Partial<T>;
}

export const stocks = (sku: string) => product(sku)!.variants.map((v) => v.stock.map((line) => line.stock));

export async function createOrder(body: Record<string, unknown>) {
  const response = await fetch(`${tuyo.url}/_emulator/orders`, { method: "POST", body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}
