// Tuyo's sales and their progress: recorded through the JSON API (checked against what is listed), then
// accepted → Empaque, fulfilled → Ruta, cancelled → Cancelada reported with update_order/{sku} for an
// order of unique products and change_order/{code} for an order with variants, once per change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { providerOf } from "~/connectors/registry.server";
import { db } from "~/db.server";
import { action } from "~/routes/api.tuyo.orders";
import { reportMarketplaceProgress } from "~/sync/listings/order-progress.server";
import type { TuyoEmulator } from "../../emulators/tuyo/index";
import { uniqueProduct, variantProduct } from "../../emulators/tuyo/test-kit";
import { installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { setUpTuyo, startTuyo } from "./tuyo-harness";

const shop = uniqueShop("tuyoord");
let tuyo: TuyoEmulator;
let token: string;

beforeAll(async () => {
  tuyo = await startTuyo();
  await installShop(shop);
  await setUpTuyo(shop, tuyo);
  token = (await createApiToken(shop, "ERP")).token;
  tuyo.seed({ products: [uniqueProduct(), variantProduct()] });
  // What publishing would have remembered of the two products.
  await db.tuyoListing.createMany({
    data: [
      {
        shop,
        shopifyProductId: "gid://shopify/Product/1",
        tuyoSku: "32G4HJ32G4",
        state: "listed",
        listedAt: new Date(),
        variantsJson: JSON.stringify([{ sku: "32G4HJ32G4", values: "Unico", stock: 1 }]),
      },
      {
        shop,
        shopifyProductId: "gid://shopify/Product/2",
        tuyoSku: "ZAP-01",
        state: "listed",
        listedAt: new Date(),
        variantsJson: JSON.stringify([
          { sku: "ZAP-01-N", values: "8,Negro", stock: 5 },
          { sku: "ZAP-01-B", values: "8,Blanco", stock: 3 },
        ]),
      },
    ],
  });
});
afterAll(() => tuyo?.close());

const record = (json: unknown) =>
  action({
    request: new Request(`${process.env.SHOPIFY_APP_URL}/api/tuyo/orders`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(json),
    }),
    params: {},
    context: {},
  }) as Promise<Response>;
const orderCalls = () => tuyo.calls().filter((c) => /^\/api\/(update|change)_order\//.test(c.path));
const report = (order: string, progress: "accepted" | "fulfilled" | "cancelled") =>
  reportMarketplaceProgress({ shop, db }, order, progress);

describe("Tuyo promos", () => {
  it("puts the best running promotion on each listed product and removes it when the promotion ends", async () => {
    const promos = (await providerOf({ shop, db }, "tuyo", "promotion-destination"))!.port;
    const product = (sku: string) => tuyo.products().find((p) => p.sku === sku)!;
    const promotion = (id: string, percentage: number, shopifyProductIds: string[]) => ({
      id,
      name: id,
      tag: `promo-${percentage}`,
      percentage,
      mode: "discount" as const,
      startsAt: new Date("2026-06-24T06:00:00Z"),
      endsAt: null,
      variants: [],
      shopifyProductIds,
    });
    const both = ["gid://shopify/Product/1", "gid://shopify/Product/2"];
    const summer = promotion("summer-10", 10, both);
    const zap = promotion("zap-25", 25, ["gid://shopify/Product/2"]);
    expect(await promos.promotionsChanged([summer, zap])).toEqual({ skipped: [] });
    expect(product("32G4HJ32G4").discount).toBe(10);
    expect(product("ZAP-01").discount).toBe(25);
    expect(product("ZAP-01").variants.map((v) => v.discount)).toEqual([25, 25]);

    // Told again with nothing changed: no call to Tuyo.
    const calls = tuyo.calls().length;
    await promos.promotionsChanged([summer, zap]);
    expect(tuyo.calls().length).toBe(calls);

    // The 10% ends: its product goes back to no discount, the other keeps 25%.
    expect(await promos.promotionsChanged([zap])).toEqual({ skipped: [] });
    expect(product("32G4HJ32G4").discount).toBe(0);
    expect(product("ZAP-01").discount).toBe(25);
    await promos.promotionsChanged([]);
    expect(product("ZAP-01").discount).toBe(0);
  });
});

describe("Tuyo orders", () => {
  it("records a sale by code and items, refusing SKUs not listed on Tuyo", async () => {
    const bad = await record({ code: "E1", items: [{ sku: "NOPE" }] });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toHaveProperty("items[0].sku");
  });

  it("reports a unique product's order with update_order/{sku}, once per change", async () => {
    const sale = tuyo.createOrder({ items: [{ sku: "32G4HJ32G4" }] });
    const response = await record({
      code: sale.code,
      items: [{ sku: "32G4HJ32G4", quantity: 1 }],
      shopifyOrderId: "gid://shopify/Order/101",
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ kind: "unique" });

    expect(await report("gid://shopify/Order/101", "accepted")).toEqual({ sent: ["Tuyo"], failed: [] });
    expect(await report("gid://shopify/Order/101", "accepted")).toEqual({ sent: [], failed: [] });
    expect(await report("gid://shopify/Order/101", "fulfilled")).toEqual({ sent: ["Tuyo"], failed: [] });
    expect(orderCalls().map((c) => c.path)).toEqual(["/api/update_order/32G4HJ32G4", "/api/update_order/32G4HJ32G4"]);
    expect(tuyo.orders().find((o) => o.code === sale.code)!.status).toBe("Ruta");
  });

  it("reports an order with variants with change_order/{code}; Cancelada ends it", async () => {
    const sale = tuyo.createOrder({ items: [{ sku: "ZAP-01-N", quantity: 2 }] });
    const before = orderCalls().length;
    expect(
      (
        await record({
          code: sale.code,
          items: [{ sku: "ZAP-01-N", quantity: 2 }],
          shopifyOrderId: "gid://shopify/Order/102",
        })
      ).status,
    ).toBe(201);
    await report("gid://shopify/Order/102", "accepted");
    await report("gid://shopify/Order/102", "cancelled");
    await report("gid://shopify/Order/102", "fulfilled");
    expect(
      orderCalls()
        .slice(before)
        .map((c) => c.path),
    ).toEqual([`/api/change_order/${sale.code}`, `/api/change_order/${sale.code}`]);
    expect(tuyo.orders().find((o) => o.code === sale.code)!.status).toBe("Cancelada");
    expect(await report("gid://shopify/Order/999", "accepted")).toEqual({ sent: [], failed: [] });
  });
});
