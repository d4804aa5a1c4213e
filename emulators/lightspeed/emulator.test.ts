// Contract of the Lightspeed Retail (R-Series) emulator, over real HTTP on a free port.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EmulatorClock } from "../_kit/index";
import { startLightspeedEmulator, type LightspeedEmulator, type TokenPair } from "./index";

const CLIENT = { clientId: "app", clientSecret: "secret" };
const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
let ls: LightspeedEmulator;
let tokens: TokenPair;
let base: string;
const clock = new EmulatorClock();

beforeAll(async () => {
  clock.freeze(T0);
  ls = await startLightspeedEmulator({
    accountID: "42",
    clients: [CLIENT],
    clock,
    seed: {
      shops: [
        { shopID: 1, name: "Bordeaux" },
        { shopID: 2, name: "Pau" },
      ],
      registers: [
        { registerID: 1, shopID: 1 },
        { registerID: 2, shopID: 2 },
      ],
      employees: [{ employeeID: 1, firstName: "Camille" }],
      items: [1, 2, 3, 4, 5].map((id) => ({
        itemID: id,
        description: `Item ${id}`,
        customSku: `SKU-${id}`,
        price: 10,
        qoh: { 1: id, 2: 10 * id },
      })),
    },
  });
  base = `${ls.url}/API/V3/Account/42`;
});
afterAll(() => ls.close());
// Every test starts from the seed with a fresh token pair; each request moves the frozen clock 1 s so
// the bucket drains between requests in tests that are not about it.
beforeEach(() => {
  clock.freeze(T0);
  ls.reset();
  tokens = ls.issueTokens();
});
afterEach(() => clock.reset());

async function api(url: string, init: { method?: string; body?: unknown; token?: string; tick?: number } = {}) {
  clock.advance(init.tick ?? 10_000);
  const response = await fetch(url.startsWith("http") ? url : `${base}${url}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { authorization: `Bearer ${init.token ?? tokens.access_token}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read arbitrary API answers
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

async function token(fields: Record<string, string>) {
  const response = await fetch(`${ls.url}/auth/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- OAuth answers
  return { status: response.status, body: (await response.json()) as any };
}

const refreshWith = (refreshToken: string, secret = CLIENT.clientSecret) =>
  token({
    grant_type: "refresh_token",
    refresh_token: refreshToken,
    client_id: CLIENT.clientId,
    client_secret: secret,
  });

describe("OAuth tokens", () => {
  it("expires an access token after its lifetime; a refresh gives a new pair and retires the old refresh token", async () => {
    expect((await api("/Shop.json")).status).toBe(200);
    clock.advance(3600 * 1000);
    expect(await api("/Shop.json", { tick: 0 })).toMatchObject({
      status: 401,
      body: { httpCode: "401", message: "Expired access token." },
    });
    const refreshed = await refreshWith(tokens.refresh_token);
    expect(refreshed).toMatchObject({ status: 200, body: { token_type: "bearer", expires_in: 3600 } });
    expect(refreshed.body.refresh_token).not.toBe(tokens.refresh_token);
    expect((await api("/Shop.json", { token: refreshed.body.access_token })).status).toBe(200);
    expect(await refreshWith(tokens.refresh_token)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect((await refreshWith(refreshed.body.refresh_token)).status).toBe(200);
  });

  it("answers invalid_grant for a revoked refresh token, and 401 for the grant's access tokens", async () => {
    ls.revokeTokens(tokens.refresh_token);
    expect(await refreshWith(tokens.refresh_token)).toMatchObject({
      status: 400,
      body: { error: "invalid_grant", error_description: expect.stringContaining("revoked") },
    });
    expect(await api("/Shop.json")).toMatchObject({ status: 401, body: { message: "Invalid access token." } });
  });

  it("refuses a wrong client secret, an unknown grant type, and expires tokens on demand", async () => {
    expect(await refreshWith(tokens.refresh_token, "wrong")).toMatchObject({
      status: 401,
      body: { error: "invalid_client" },
    });
    expect(
      await token({ grant_type: "password", client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret }),
    ).toMatchObject({
      status: 400,
      body: { error: "unsupported_grant_type" },
    });
    await fetch(`${ls.url}/_emulator/tokens/expire`, { method: "POST", body: "{}" });
    expect((await api("/Shop.json")).body.message).toBe("Expired access token.");
  });

  it("exchanges an authorization code once", async () => {
    const { code } = (await (await fetch(`${ls.url}/_emulator/oauth/code`, { method: "POST" })).json()) as {
      code: string;
    };
    const fields = {
      grant_type: "authorization_code",
      code,
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    };
    expect((await token(fields)).status).toBe(200);
    expect(await token(fields)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });
});

describe("items and quantities on hand", () => {
  it("pages Item.json with limit and the next URL, with ItemShops qoh per shop and the shop-0 total", async () => {
    const ids: string[] = [];
    let url: string = `/Item.json?limit=2&load_relations=${encodeURIComponent('["ItemShops"]')}`;
    let pages = 0;
    while (url && pages < 10) {
      const { status, body } = await api(url);
      expect(status).toBe(200);
      const items = Array.isArray(body.Item) ? body.Item : [body.Item];
      ids.push(...items.map((item: { itemID: string }) => item.itemID));
      url = body["@attributes"].next;
      pages++;
    }
    expect(pages).toBe(3);
    expect(ids).toEqual(["1", "2", "3", "4", "5"]);
    const { body } = await api(`/Item/3.json?load_relations=["ItemShops"]`);
    expect(body.Item.ItemShops.ItemShop.map((row: { shopID: string; qoh: string }) => [row.shopID, row.qoh])).toEqual([
      ["0", "33"],
      ["1", "3"],
      ["2", "30"],
    ]);
  });

  it("answers a single result as an object, filters with operators, and pages by offset on the older API", async () => {
    const single = await api(`/Item.json?customSku=SKU-4`);
    expect(single.body.Item).toMatchObject({ itemID: "4", customSku: "SKU-4" });
    const some = await api(`/Item.json?itemID=${encodeURIComponent("IN,[2,5]")}`);
    expect(some.body.Item.map((item: { itemID: string }) => item.itemID)).toEqual(["2", "5"]);
    expect((await api(`/Item.json?customSku=none`)).body.Item).toBeUndefined();
    ls.seed({ items: [{ itemID: 6, description: "Old", archived: true }] });
    expect((await api(`/Item.json?archived=only`)).body.Item.itemID).toBe("6");
    expect((await api(`/Item.json?limit=10`)).body.Item).toHaveLength(5);
    const legacy = await api(`${ls.url}/API/Account/42/Item.json?limit=2&offset=4`);
    expect(legacy.body["@attributes"]).toEqual({ count: "5", offset: "4", limit: "2" });
    expect(legacy.body.Item.itemID).toBe("5");
  });

  it("sets qoh through PUT Item and PUT ItemShop (never the shop-0 total) and lists the rows changed since a time", async () => {
    const { body } = await api(`/Item/1.json?load_relations=["ItemShops"]`);
    const paris = body.Item.ItemShops.ItemShop.find((row: { shopID: string }) => row.shopID === "2");
    await api("/Item/1.json", {
      method: "PUT",
      body: { ItemShops: { ItemShop: [{ itemShopID: paris.itemShopID, qoh: 7 }] } },
    });
    await api(`/ItemShop/${body.Item.ItemShops.ItemShop[1].itemShopID}.json`, { method: "PUT", body: { qoh: "4" } });
    const rows = (await api("/ItemShop.json?itemID=1")).body.ItemShop;
    expect(rows.map((row: { shopID: string; qoh: string }) => [row.shopID, row.qoh])).toEqual([
      ["0", "11"],
      ["1", "4"],
      ["2", "7"],
    ]);
    expect((await api(`/ItemShop/${rows[0].itemShopID}.json`, { method: "PUT", body: { qoh: 1 } })).status).toBe(400);
    const since = encodeURIComponent(">,2026-01-05T11:00:05+01:00"); // 10:00:05 UTC
    const changed = (await api(`/ItemShop.json?timeStamp=${since}&shopID=${encodeURIComponent("!=,0")}`)).body.ItemShop;
    expect(changed.map((row: { itemID: string; shopID: string }) => [row.itemID, row.shopID])).toEqual([
      ["1", "1"],
      ["1", "2"],
    ]);
  });
});

describe("sales", () => {
  const saleBody = (extra: Record<string, unknown> = {}) => ({
    shopID: 1,
    registerID: 1,
    employeeID: 1,
    completed: true,
    referenceNumber: "order-9",
    SaleLines: { SaleLine: [{ itemID: 5, unitQuantity: 2 }] },
    SalePayments: { SalePayment: [{ paymentTypeID: 1, amount: 20 }] },
    ...extra,
  });
  const qoh = () =>
    ls
      .state()
      .items.find((item) => item.itemID === 5)!
      .itemShops.find((row) => row.shopID === 1)!.qoh;

  it("takes a completed sale's lines out of the shop's qoh, and finds it by referenceNumber", async () => {
    const created = await api("/Sale.json", { body: saleBody() });
    expect(created).toMatchObject({
      status: 200,
      body: { Sale: { completed: "true", shopID: "1", referenceNumber: "order-9" } },
    });
    expect(qoh()).toBe(3);
    const found = await api("/Sale.json?referenceNumber=order-9");
    expect(found.body.Sale.saleID).toBe(created.body.Sale.saleID);
    await api("/Sale.json", {
      body: saleBody({ SaleLines: [{ itemID: 5, unitQuantity: -1 }], referenceNumber: "refund-9" }),
    });
    expect(qoh()).toBe(4);
  });

  it("moves nothing until an open sale is completed, and refuses an unknown register or a register of another shop", async () => {
    const open = await api("/Sale.json", { body: saleBody({ completed: false }) });
    expect(qoh()).toBe(5);
    await api(`/Sale/${open.body.Sale.saleID}.json`, { method: "PUT", body: { completed: true } });
    await api(`/Sale/${open.body.Sale.saleID}.json`, { method: "PUT", body: { completed: true } });
    expect(qoh()).toBe(3);
    expect(await api("/Sale.json", { body: saleBody({ registerID: 9 }) })).toMatchObject({
      status: 400,
      body: { httpCode: "400" },
    });
    expect((await api("/Sale.json", { body: saleBody({ registerID: 2 }) })).status).toBe(400);
    expect(qoh()).toBe(3);
  });
});

describe("leaky bucket", () => {
  it("costs 1 per GET and 10 per write, refuses with 429 and Retry-After when full, and drips 1 unit per second", async () => {
    const first = await api("/Shop.json", { tick: 0 });
    expect(first.headers.get("x-ls-api-bucket-level")).toBe("1/60");
    for (let i = 0; i < 5; i++) await api("/Item/1.json", { method: "PUT", body: {}, tick: 0 });
    const full = await api("/Item/1.json", { method: "PUT", body: { description: "x" }, tick: 0 });
    expect(full.status).toBe(429);
    expect(full.headers.get("retry-after")).toBe("1");
    expect(full.headers.get("x-ls-api-bucket-level")).toBe("51/60");
    expect(full.body).toMatchObject({ httpCode: "429" });
    expect(ls.state().items[0].description).toBe("Item 1");
    clock.advance(1000);
    expect((await api("/Item/1.json", { method: "PUT", body: {}, tick: 0 })).headers.get("x-ls-api-bucket-level")).toBe(
      "60/60",
    );
    const get = await api("/Shop.json", { tick: 0 });
    expect(get.status).toBe(429);
    expect(get.headers.get("retry-after")).toBe("1");
    clock.advance(2500);
    expect((await api("/Shop.json", { tick: 0 })).headers.get("x-ls-api-bucket-level")).toBe("58.5/60");
  });

  it("does not charge the bucket for the token endpoint or a refused token", async () => {
    await refreshWith(tokens.refresh_token);
    await api("/Shop.json", { token: "nope", tick: 0 });
    expect(ls.bucket().level).toBe(0);
  });

  it("injects faults in Lightspeed's error shape", async () => {
    ls.faults.add([{ route: "GET /API/V3/*", kind: "status", status: 503, count: 1 }]);
    expect(await api("/Shop.json")).toMatchObject({
      status: 503,
      body: { httpCode: "503", httpMessage: "Service Unavailable" },
    });
  });
});
