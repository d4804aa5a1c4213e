// Contract of the RetailCRM emulator, over real HTTP on a free port.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EmulatorClock, startHttpServer, type RunningHttpServer } from "../_kit/index";
import { startRetailCrmEmulator, type RetailCrmEmulator } from "./index";

const KEY = "test-key";
let crm: RetailCrmEmulator;
const clock = new EmulatorClock();

beforeAll(async () => {
  crm = await startRetailCrmEmulator({
    apiKeys: [KEY],
    site: "shop",
    clock,
    seed: {
      stores: [{ code: "main", name: "Main" }, { code: "paris" }],
      productGroups: [{ id: 900, externalId: "tops", name: "Tops" }],
      products: [
        {
          name: "T-shirt",
          article: "TSH",
          externalId: "TSH",
          groups: ["tops"],
          offers: [
            {
              externalId: "TSH-S",
              xmlId: "x-tsh-s",
              article: "TSH|WHITE|S",
              properties: { size: "S" },
              stores: [{ code: "main", available: 4, purchasePrice: 7 }],
            },
            {
              externalId: "TSH-M",
              xmlId: "x-tsh-m",
              article: "TSH|WHITE|M",
              properties: { size: "M" },
              stores: [{ code: "paris", available: 1 }],
            },
          ],
        },
      ],
      orders: [{ externalId: "5001" }],
    },
  });
});
afterAll(() => crm.close());
beforeEach(() => clock.freeze(Date.UTC(2026, 0, 5, 10, 0, 0)));
afterEach(async () => {
  crm.reset();
  clock.reset();
});

/** Each call moves the frozen clock 150 ms so the rate limit stays out of tests that are not about it. */
async function api(path: string, init: { method?: string; form?: Record<string, string>; key?: string | null } = {}) {
  clock.advance(150);
  const headers: Record<string, string> = {};
  if (init.key !== null) headers["x-api-key"] = init.key ?? KEY;
  if (init.form) headers["content-type"] = "application/x-www-form-urlencoded";
  const response = await fetch(`${crm.url}${path}`, {
    method: init.method ?? (init.form ? "POST" : "GET"),
    headers,
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read arbitrary API answers
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const moduleInput = (baseUrl: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    code: "passerelle",
    name: "Passerelle",
    baseUrl,
    clientId: "client-123",
    logo: "https://example.invalid/logo.svg",
    integrations: {
      store: { actions: [{ code: "inventoriesUpload", url: "/retailcrm/inventories", callPoints: ["offersList"] }] },
    },
    ...extra,
  });

function offers(count: number, prefix = "TSH-S") {
  return JSON.stringify(
    Array.from({ length: count }, (_, i) => ({
      externalId: i === 0 ? prefix : `missing-${i}`,
      stores: [{ code: "main", available: 3, purchasePrice: 8 }],
    })),
  );
}

describe("authentication", () => {
  it("refuses a missing key with 401 and a wrong one with 403, in RetailCRM's envelope", async () => {
    const missing = await api("/api/v5/store/inventories", { key: null });
    expect(missing).toEqual({ status: 401, body: { success: false, errorMsg: '"apiKey" is missing.' } });
    const wrong = await api("/api/v5/store/inventories", { key: "nope" });
    expect(wrong).toEqual({ status: 403, body: { success: false, errorMsg: 'Wrong "apiKey" value.' } });
  });

  it("takes the key from the X-API-KEY header or the apiKey parameter", async () => {
    expect((await api("/api/v5/reference/stores")).status).toBe(200);
    const byParam = await api(`/api/v5/reference/stores?apiKey=${KEY}`, { key: null });
    expect(byParam.status).toBe(200);
    expect(byParam.body.stores.map((s: { code: string }) => s.code)).toEqual(["main", "paris"]);
    const inForm = await api("/api/v5/store/inventories/upload", {
      key: null,
      form: {
        apiKey: KEY,
        offers: JSON.stringify([{ externalId: "TSH-S", stores: [{ code: "main", available: 1 }] }]),
      },
    });
    expect(inForm).toMatchObject({ status: 200, body: { success: true, processedOffersCount: 1 } });
  });

  it("answers unknown methods and addresses with the envelope", async () => {
    expect(await api("/api/v5/nothing-here")).toEqual({
      status: 404,
      body: { success: false, errorMsg: "API method not found" },
    });
    expect((await api("/api/v5/store/inventories", { method: "DELETE" })).status).toBe(405);
  });
});

describe("integration module", () => {
  it("creates the module on the first edit, changes it on the next, and reads it back", async () => {
    const created = await api("/api/v5/integration-modules/passerelle/edit", {
      form: { integrationModule: moduleInput("http://127.0.0.1:1/app") },
    });
    expect(created).toEqual({ status: 201, body: { success: true, info: {} } });
    const again = await api("/api/v5/integration-modules/passerelle/edit", {
      form: { integrationModule: moduleInput("http://127.0.0.1:2/app", { name: "Passerelle stock" }) },
    });
    expect(again.status).toBe(200);

    const read = await api("/api/v5/integration-modules/passerelle");
    expect(read.status).toBe(200);
    expect(read.body.integrationModule).toMatchObject({
      code: "passerelle",
      name: "Passerelle stock",
      baseUrl: "http://127.0.0.1:2/app",
      clientId: "client-123",
      logo: "https://example.invalid/logo.svg",
      active: true,
      integrations: {
        store: { actions: [{ code: "inventoriesUpload", url: "/retailcrm/inventories", callPoints: ["offersList"] }] },
      },
    });
  });

  it("refuses a module without its required fields, and an unknown module is 404", async () => {
    const refused = await api("/api/v5/integration-modules/other/edit", {
      form: { integrationModule: JSON.stringify({ name: "No address" }) },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ success: false, errorMsg: "Errors in the entity format" });
    expect(Object.keys(refused.body.errors)).toEqual(expect.arrayContaining(["baseUrl", "clientId"]));
    expect(await api("/api/v5/integration-modules/other")).toEqual({
      status: 404,
      body: { success: false, errorMsg: "Not found" },
    });
    const missing = await api("/api/v5/integration-modules/other/edit", { form: {} });
    expect(missing.body.errorMsg).toBe("Parameter 'integrationModule' is missing");
  });
});

describe("inventories", () => {
  it("filters by article, externalId and site, with leftovers per store when details are asked", async () => {
    const byArticle = await api("/api/v5/store/inventories?filter[offerArticle][]=TSH|WHITE|S&filter[details]=1");
    expect(byArticle.status).toBe(200);
    expect(byArticle.body.offers).toEqual([
      {
        id: expect.any(Number),
        externalId: "TSH-S",
        xmlId: "x-tsh-s",
        site: "shop",
        quantity: 4,
        stores: [{ store: "main", quantity: 4, purchasePrice: 7 }],
      },
    ]);
    const byExternalId = await api("/api/v5/store/inventories?filter[offerExternalId][]=TSH-M");
    expect(byExternalId.body.offers).toEqual([
      { id: expect.any(Number), externalId: "TSH-M", xmlId: "x-tsh-m", site: "shop", quantity: 1 },
    ]);
    const otherSite = await api("/api/v5/store/inventories?filter[sites][]=elsewhere");
    expect(otherSite.body.offers).toEqual([]);
  });

  it("pages 20, 50 or 100 at a time and refuses any other limit", async () => {
    crm.seed({ offers: Array.from({ length: 58 }, (_, i) => ({ externalId: `BULK-${i}` })) });
    const second = await api("/api/v5/store/inventories?limit=50&page=2");
    expect(second.body.pagination).toEqual({ limit: 50, totalCount: 60, currentPage: 2, totalPageCount: 2 });
    expect(second.body.offers).toHaveLength(10);
    const first = await api("/api/v5/store/inventories");
    expect(first.body.pagination).toMatchObject({ limit: 20, currentPage: 1, totalPageCount: 3 });
    const refused = await api("/api/v5/store/inventories?limit=30");
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ success: false, errors: { limit: expect.any(String) } });
  });

  it("uploads 250 offers at once, reporting those it does not know", async () => {
    const upload = await api("/api/v5/store/inventories/upload", { form: { offers: offers(250) } });
    expect(upload.status).toBe(200);
    expect(upload.body.success).toBe(true);
    expect(upload.body.processedOffersCount).toBe(1);
    expect(upload.body.notFoundOffers).toHaveLength(249);
    expect(upload.body.notFoundOffers[0]).toEqual({ externalId: "missing-1" });
    const after = await api("/api/v5/store/inventories?filter[offerExternalId][]=TSH-S&filter[details]=1");
    expect(after.body.offers[0]).toMatchObject({
      purchasePrice: 8,
      stores: [{ store: "main", quantity: 3, purchasePrice: 8 }],
    });
  });

  it("refuses 251 offers in one request and changes nothing", async () => {
    const refused = await api("/api/v5/store/inventories/upload", { form: { offers: offers(251) } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      success: false,
      errorMsg: "Errors in the input parameters",
      errors: { offers: expect.stringContaining("250") },
    });
    const after = await api("/api/v5/store/inventories?filter[offerExternalId][]=TSH-S");
    expect(after.body.offers[0].quantity).toBe(4);
  });

  it("answers 460 when a leftover names an unknown store, keeping the rest", async () => {
    const form = {
      offers: JSON.stringify([
        {
          xmlId: "x-tsh-m",
          stores: [
            { code: "paris", available: 9 },
            { code: "lyon", available: 1 },
          ],
        },
      ]),
    };
    const partial = await api("/api/v5/store/inventories/upload", { form });
    expect(partial.status).toBe(460);
    expect(partial.body).toMatchObject({
      success: false,
      processedOffersCount: 1,
      errors: [expect.stringContaining("lyon")],
    });
    expect((await api("/api/v5/store/inventories?filter[offerXmlId][]=x-tsh-m")).body.offers[0].quantity).toBe(9);
  });
});

describe("items", () => {
  it("lists product groups, products with their offers, and properties", async () => {
    const groups = await api("/api/v5/store/product-groups");
    expect(groups.body.productGroup).toEqual([
      { site: "shop", id: 900, name: "Tops", externalId: "tops", active: true },
    ]);
    const products = await api("/api/v5/store/products?filter[groups][]=900");
    expect(products.body.products).toHaveLength(1);
    expect(products.body.products[0]).toMatchObject({
      article: "TSH",
      quantity: 5,
      groups: [{ id: 900, externalId: "tops" }],
    });
    expect(products.body.products[0].offers.map((o: { article: string }) => o.article)).toEqual([
      "TSH|WHITE|S",
      "TSH|WHITE|M",
    ]);
    const properties = await api("/api/v5/store/products/properties");
    expect(properties.body.properties).toEqual([expect.objectContaining({ code: "size", sites: ["shop"] })]);
  });
});

describe("order shipment", () => {
  const shipped = () => ({
    by: "externalId",
    order: JSON.stringify({ shipped: true, shipmentStore: "main", shipmentDate: "2026-01-05" }),
  });

  it("refuses order[shipped] until a warehouse module is registered, then records the shipment", async () => {
    const before = await api("/api/v5/orders/5001/edit", { form: shipped() });
    expect(before.status).toBe(400);
    expect(before.body).toMatchObject({ success: false, errors: { shipped: expect.stringContaining("warehouse") } });

    await api("/api/v5/integration-modules/passerelle/edit", {
      form: { integrationModule: moduleInput("http://127.0.0.1:1") },
    });
    const after = await api("/api/v5/orders/5001/edit", { form: shipped() });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({
      success: true,
      order: { externalId: "5001", shipped: true, shipmentStore: "main", shipmentDate: "2026-01-05" },
    });
    expect(crm.state().orders[0]).toMatchObject({ shipped: true, shipmentStore: "main" });
  });

  it("answers 404 for an unknown order and 400 for an unknown store", async () => {
    await api("/api/v5/integration-modules/passerelle/edit", {
      form: { integrationModule: moduleInput("http://127.0.0.1:1") },
    });
    expect((await api("/api/v5/orders/nope/edit", { form: shipped() })).status).toBe(404);
    const badStore = await api("/api/v5/orders/5001/edit", {
      form: { by: "externalId", order: JSON.stringify({ shipmentStore: "lyon" }) },
    });
    expect(badStore.status).toBe(400);
    expect(badStore.body.errors).toHaveProperty("shipmentStore");
  });
});

describe("rate limit", () => {
  it("answers the 11th request within one second with 503, and serves again a second later", async () => {
    const hit = () =>
      fetch(`${crm.url}/api/v5/reference/stores`, { headers: { "x-api-key": KEY } }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      }));
    const first = [];
    for (let i = 0; i < 10; i++) first.push((await hit()).status);
    expect(first).toEqual(Array(10).fill(200));
    const eleventh = await hit();
    expect(eleventh.status).toBe(503);
    expect(eleventh.body).toMatchObject({ success: false, errorMsg: expect.stringContaining("10 requests") });
    clock.advance(1_000);
    expect((await hit()).status).toBe(200);
  });
});

describe("inventoriesUpload callback", () => {
  let app: RunningHttpServer;
  const received: { method: string; path: string; body: string }[] = [];
  beforeAll(async () => {
    app = await startHttpServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      received.push({ method: req.method ?? "", path: req.url ?? "", body });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ success: true }));
    });
  });
  afterAll(() => app.close());

  it("posts the module's clientId to baseUrl + action url when told to, at a registered call point", async () => {
    await api("/api/v5/integration-modules/passerelle/edit", {
      form: { integrationModule: moduleInput(`${app.url}/hooks/`) },
    });
    const response = await fetch(`${crm.url}/_emulator/modules/passerelle/actions/inventoriesUpload/call`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ callPoint: "offersList" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 200,
      answer: { success: true },
      url: `${app.url}/hooks/retailcrm/inventories`,
    });
    expect(received).toEqual([{ method: "POST", path: "/hooks/retailcrm/inventories", body: "clientId=client-123" }]);

    const wrongPoint = await fetch(`${crm.url}/_emulator/modules/passerelle/actions/inventoriesUpload/call`, {
      method: "POST",
      body: JSON.stringify({ callPoint: "orderCard" }),
    });
    expect(wrongPoint.status).toBe(409);
    expect(received).toHaveLength(1);
  });
});
