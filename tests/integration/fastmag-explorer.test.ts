// The ERP explorer screen and GET /api/fastmag/<operation> against the Fastmag emulator, and the
// password's absence from everything the screens, the API and the logs give out.
import { restoreLogLevel } from "./fastmag-debug-logs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { saveFastmagSettings } from "~/connectors/fastmag/settings.server";
import { EXPLORER_OPERATIONS } from "~/connectors/fastmag/explorer-operations";
import { loader as explorerLoader } from "~/routes/app.fastmag.explorer";
import { loader as apiLoader } from "~/routes/api.fastmag.$operation";
import { action as settingsAction } from "~/routes/app.settings.fastmag";
import { db } from "~/db.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { startFastmagEmulator, type FastmagEmulator } from "../../emulators/fastmag/index";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { adminRequest, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { CREDENTIALS } from "./fastmag-harness";

const shop = uniqueShop("fmexp");
const BOXE = "BOXE20BEWARE|MARINE/GRIS CHINE|S";
let fastmag: FastmagEmulator;
let shopify: ShopifyEmulator;
let locationId = "";
let token: string;
const logLines: string[] = [];
const answers: string[] = [];

beforeAll(async () => {
  // Keep every line the app writes (our JSON logs on stdout/stderr, libraries' console output) for
  // the password search.
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
      logLines.push(String(chunk));
      return true;
    });
  }
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation(
      (...args: unknown[]) => void logLines.push(args.map(String).join(" ")),
    );
  }
  shopify = await startShopifyEmulator({
    app: {
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: process.env.SHOPIFY_API_SECRET!,
      appUrl: process.env.SHOPIFY_APP_URL!,
    },
    shops: [{ domain: shop, locations: [{ name: "Entrepôt" }] }],
  });
  installShopifyOriginOverride(shopify.url);
  fastmag = await startFastmagEmulator({ credentials: CREDENTIALS, seed: "demo" });
  await installShop(shop);
  await db.session.update({ where: { id: `offline_${shop}` }, data: { accessToken: shopify.issueAccessToken(shop) } });
  locationId = `gid://shopify/Location/${[...shopify.store.shop(shop).locations.keys()][0]}`;
  ({ token } = await createApiToken(shop, "explorer tests"));
  const saved = await saveFastmagSettings(shop, {
    host: fastmag.url,
    ...CREDENTIALS,
    stockA: true,
    stockB: false,
    safetyMargin: 2,
    locationId,
    timeZone: "Europe/Paris",
  });
  expect(saved.ok).toBe(true);
});

afterAll(async () => {
  vi.restoreAllMocks();
  restoreLogLevel();
  await fastmag?.close();
  await shopify?.close();
});

async function explore(params: Record<string, string>) {
  const data = await explorerLoader({
    request: adminRequest(shop, `/app/fastmag/explorer?${new URLSearchParams(params)}`),
    params: {},
    context: {},
  });
  answers.push(JSON.stringify(data));
  return data;
}

async function api(operation: string, params: Record<string, string> = {}, auth: string | null = `Bearer ${token}`) {
  const headers = auth ? { authorization: auth } : undefined;
  const request = new Request(
    `${process.env.SHOPIFY_APP_URL}/api/fastmag/${operation}?${new URLSearchParams(params)}`,
    { headers },
  );
  const response = await apiLoader({ request, params: { operation }, context: {} });
  const text = await response.text();
  answers.push(text);
  return { status: response.status, body: JSON.parse(text) };
}

/** The page (sorted by reference, color, size) holding a SKU in the emulator's stocks. */
function pageOf(sku: string, pageSize: number): number {
  const [reference, color, size] = sku.split("|");
  const { n } = fastmag.db
    .prepare("SELECT COUNT(*) AS n FROM stocks WHERE (reference, color, size) < (?, ?, ?)")
    .get(reference, color, size) as { n: number };
  return Math.floor(n / pageSize) + 1;
}

const count = (sql: string) => (fastmag.db.prepare(sql).get() as { n: number }).n;

describe("ERP explorer screen", () => {
  it("looks a product up by GENCOD and a PME's remaining balance", async () => {
    const product = await explore({ operation: "product-by-gencod", q: "3700000000017" });
    expect(product.error).toBeNull();
    expect(product.result?.items).toEqual([
      expect.objectContaining({ sku: BOXE, barcode: "3700000000017", reference: "BOXE20BEWARE" }),
    ]);

    const balance = await explore({ operation: "pme-balance", q: "PME-WEB-001" });
    expect(balance.result?.items).toEqual([{ code: "PME-WEB-001", balance: 42.5 }]);
  });

  it("pages through all products in memory", async () => {
    const total = count("SELECT COUNT(*) AS n FROM products");
    const first = await explore({ operation: "products", page: "1" });
    const second = await explore({ operation: "products", page: "2" });
    expect(first.result?.paging).toEqual({
      page: 1,
      pageSize: 50,
      totalItems: total,
      totalPages: Math.ceil(total / 50),
    });
    expect(first.result?.items).toHaveLength(50);
    expect(second.result?.items[0]?.sku).not.toBe(first.result?.items[0]?.sku);
  });

  it("shows field errors, not-found notices and an unconfigured Fastmag plainly", async () => {
    expect((await explore({ operation: "product-by-sku", q: "BOXE20" })).error?.fieldErrors.query).toContain(
      "REFERENCE|COLOR|SIZE",
    );
    expect((await explore({ operation: "customer", q: "nobody@example.fr" })).notice).toBe(
      "Fastmag has no customer with the email nobody@example.fr.",
    );
    expect((await explore({ operation: "teleport" })).error?.message).toContain('no explorer operation "teleport"');

    const other = uniqueShop("fmexp-none");
    await installShop(other);
    const data = await explorerLoader({
      request: adminRequest(other, "/app/fastmag/explorer?operation=products"),
      params: {},
      context: {},
    });
    expect(data.error).toMatchObject({ setup: true, message: expect.stringContaining("not set up") });
  });

  it("says them in French to a French admin", async () => {
    const fr = (params: Record<string, string>) => explore({ ...params, locale: "fr" });
    expect((await fr({ operation: "product-by-sku", q: "BOXE20" })).error?.fieldErrors.query).toBe(
      "Saisissez un SKU sous la forme RÉFÉRENCE|COULEUR|TAILLE, par exemple BOXE20BEWARE|MARINE/GRIS CHINE|S.",
    );
    expect((await fr({ operation: "customer", q: "nobody@example.fr" })).notice).toBe(
      "Fastmag n'a pas de client avec l'e-mail nobody@example.fr.",
    );
    expect((await fr({ operation: "product-by-sku", q: "NOPE|NONE|XL" })).notice).toBe(
      "Fastmag n'a pas de produit avec le SKU NOPE|NONE|XL.",
    );
    const other = uniqueShop("fmexp-none-fr");
    await installShop(other);
    const data = await explorerLoader({
      request: adminRequest(other, "/app/fastmag/explorer?operation=products&locale=fr"),
      params: {},
      context: {},
    });
    expect(data.error).toMatchObject({
      setup: true,
      message: "Fastmag n'est pas encore configuré pour cette boutique : remplissez Paramètres → Fastmag.",
    });
  });
});

describe("GET /api/fastmag/<operation>", () => {
  it("answers every explorer operation", async () => {
    const cases: [
      string,
      Record<string, string>,
      (body: { items: Record<string, unknown>[]; paging: { totalItems: number } | null }) => void,
    ][] = [
      [
        "product-by-sku",
        { sku: BOXE },
        (b) => expect(b.items[0]).toMatchObject({ sku: BOXE, barcode: "3700000000017" }),
      ],
      ["product-by-gencod", { gencod: "3700000000017" }, (b) => expect(b.items[0]).toMatchObject({ sku: BOXE })],
      [
        "products-of-season",
        { season: "E24" },
        (b) => expect(b.paging?.totalItems).toBe(count("SELECT COUNT(*) AS n FROM products WHERE season = 'E24'")),
      ],
      [
        "products",
        { pageSize: "10" },
        (b) =>
          expect([b.items.length, b.paging?.totalItems]).toEqual([10, count("SELECT COUNT(*) AS n FROM products")]),
      ],
      // Stock A only, minus a safety margin of 2: 12 − 2.
      [
        "stock-of-sku",
        { sku: BOXE },
        (b) => expect(b.items[0]).toMatchObject({ sku: BOXE, stockA: 12, stockB: 3, webStock: 10 }),
      ],
      ["inventory", {}, (b) => expect(b.paging?.totalItems).toBe(count("SELECT COUNT(*) AS n FROM stocks"))],
      [
        "inventory-with-prices",
        { pageSize: "250", page: String(pageOf(BOXE, 250)) },
        (b) => {
          const boxe = b.items.find((i) => i.sku === BOXE) as { price: number; compareAtPrice: number };
          expect(boxe.price).toBeCloseTo(boxe.compareAtPrice * 0.8, 2);
        },
      ],
      [
        "order",
        { id: "2" },
        (b) => expect(b.items[0]).toMatchObject({ id: "2", status: 300, shipped: true, carrier: "COLISSIMO" }),
      ],
      [
        "order-by-shopify-id",
        { shopifyOrderId: "1003" },
        (b) => expect(b.items[0]).toMatchObject({ id: "3", carrier: "CHRONOPOST" }),
      ],
      ["orders", {}, (b) => expect(b.paging?.totalItems).toBe(count("SELECT COUNT(*) AS n FROM orders"))],
      [
        "customer",
        { email: "HELENE.LEFEVRE@example.fr" },
        (b) => expect(b.items[0]).toMatchObject({ id: "1", email: "helene.lefevre@example.fr" }),
      ],
      [
        "gift-card",
        { id: "CADEAU-0003" },
        (b) => expect(b.items[0]).toMatchObject({ id: "CADEAU-0003", activated: false }),
      ],
      [
        "gift-cards",
        {},
        (b) => expect(b.items.map((i) => i.id)).toEqual(["CADEAU-0001", "CADEAU-0002", "CADEAU-0003"]),
      ],
      [
        "pme",
        { code: "PME-MAG-001" },
        (b) =>
          expect(b.items[0]).toEqual({
            code: "PME-MAG-001",
            kind: "store",
            balance: 15,
            customerId: "1",
            // The single-PME call does not join the customer: its e-mail comes with pmesByCustomerEmail.
            customerEmail: null,
          }),
      ],
      ["pmes", {}, (b) => expect(b.items.map((i) => i.code)).toEqual(["PME-MAG-001", "PME-MAG-002", "PME-WEB-001"])],
      ["pmes", { kind: "web" }, (b) => expect(b.items.map((i) => i.code)).toEqual(["PME-WEB-001"])],
      ["pmes", { kind: "store" }, (b) => expect(b.items.map((i) => i.code)).toEqual(["PME-MAG-001", "PME-MAG-002"])],
      ["pme-balance", { code: "PME-MAG-001" }, (b) => expect(b.items).toEqual([{ code: "PME-MAG-001", balance: 15 }])],
      ["avoirs", {}, (b) => expect(b.paging?.totalItems).toBe(count("SELECT COUNT(*) AS n FROM avoirs"))],
    ];
    const covered = new Set(cases.map(([operation]) => operation));
    expect(EXPLORER_OPERATIONS.filter((op) => !covered.has(op.id))).toEqual([]);
    for (const [operation, params, check] of cases) {
      const { status, body } = await api(operation, params);
      expect({ operation, status }).toEqual({ operation, status: 200 });
      check(body);
    }
    const { body } = await api("operations");
    expect(body.operations).toContainEqual({
      id: "product-by-gencod",
      label: "Product by GENCOD",
      path: "/api/fastmag/product-by-gencod",
      parameter: "gencod",
      paginated: false,
    });
  });

  it("answers 401, 422, 404 and 409 with a message", async () => {
    expect(await api("products", {}, null)).toMatchObject({
      status: 401,
      body: { error: expect.stringContaining("Bearer") },
    });
    expect(await api("products", {}, "Bearer psk_not-a-real-token")).toMatchObject({ status: 401 });
    expect(await api("product-by-gencod", { gencod: "12ab" })).toMatchObject({
      status: 422,
      body: { fieldErrors: { query: expect.stringContaining("digits") } },
    });
    expect(await api("products", { page: "0" })).toMatchObject({
      status: 422,
      body: { fieldErrors: { page: expect.any(String) } },
    });
    expect(await api("gift-card", { id: "CADEAU-9999" })).toMatchObject({
      status: 404,
      body: { error: "Fastmag has no gift card CADEAU-9999." },
    });
    expect(await api("teleport")).toMatchObject({
      status: 404,
      body: { error: expect.stringContaining("/api/fastmag/operations") },
    });

    const other = uniqueShop("fmexp-api");
    await installShop(other);
    const { token: otherToken } = await createApiToken(other, "no fastmag");
    expect(await api("products", {}, `Bearer ${otherToken}`)).toMatchObject({
      status: 409,
      body: { error: expect.stringContaining("not set up") },
    });
  });

  it("answers 503 when Fastmag is unavailable and 502 when it refuses", async () => {
    fastmag.setFaults({ http5xxNext: 10 });
    const unavailable = await api("pmes");
    fastmag.setFaults({});
    expect(unavailable).toMatchObject({
      status: 503,
      body: {
        error: expect.stringMatching(/^Fastmag answered HTTP 503 \(.*\)\. Check the address, or try again later\.$/),
      },
    });

    fastmag.setFaults({ koNext: 1, koMessage: "Erreur SQL : table pme verrouillée" });
    const refused = await api("pmes");
    expect(refused).toMatchObject({
      status: 502,
      body: { error: "Fastmag refused the request: “Erreur SQL : table pme verrouillée”" },
    });
  });
});

describe("the Fastmag password stays on the server", () => {
  it("appears in no loader data, action data, API answer or log line", async () => {
    // Settings screen: loader, a save with errors, a save that keeps the password, a test.
    const { loader: settingsLoader } = await import("~/routes/app.settings.fastmag");
    const screen = await settingsLoader({
      request: adminRequest(shop, "/app/settings/fastmag"),
      params: {},
      context: {},
    });
    expect(screen).toMatchObject({ passwordSet: true, locationsError: null, settings: { compte: CREDENTIALS.compte } });
    answers.push(JSON.stringify(screen));
    const form = {
      intent: "save",
      host: fastmag.url,
      ...CREDENTIALS,
      stockA: "on",
      locationId,
      timeZone: "Europe/Paris",
    };
    const post = async (fields: Record<string, string>) => {
      const data = await settingsAction({
        request: adminRequest(shop, "/app/settings/fastmag", { form: fields }),
        params: {},
        context: {},
      });
      answers.push(JSON.stringify(data));
      return data;
    };
    expect(await post({ ...form, timeZone: "Nowhere/Atlantis" })).toMatchObject({ ok: false });
    expect(await post({ intent: "test" })).toMatchObject({ ok: true });

    // Fastmag echoing the password in a refusal, on the screen and through the API.
    fastmag.setFaults({ koNext: 2, koMessage: `Mot de passe ${CREDENTIALS.motpasse} expiré` });
    expect(await post({ intent: "test" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("Mot de passe *** expiré"),
    });
    expect((await api("avoirs")).status).toBe(502);
    fastmag.setFaults({});

    // A wrong password: its refusal and the logs must not show it either.
    const wrong = "Wr0ng&Secret%42";
    expect(await post({ ...form, motpasse: wrong })).toMatchObject({ ok: true });
    expect(await post({ intent: "test" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("refused the login"),
    });
    expect((await api("products")).status).toBe(502);
    answers.push(JSON.stringify(await explore({ operation: "products" })));

    const everything = [...answers, ...logLines].join("\n");
    // The search is not vacuous: answers were collected and the app really logged, at debug level.
    expect(answers.length).toBeGreaterThan(30);
    expect(logLines.some((line) => line.includes('"fastmag call"'))).toBe(true);
    expect(logLines.some((line) => line.includes("fastmag connection tested"))).toBe(true);
    for (const secret of [CREDENTIALS.motpasse, wrong]) {
      for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64")])
        expect(everything).not.toContain(form);
    }
  });
});
