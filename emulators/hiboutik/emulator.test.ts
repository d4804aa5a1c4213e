// Contract of the Hiboutik emulator, over real HTTP on a free port.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EmulatorClock } from "../_kit/index";
import { startHiboutikEmulator, type HiboutikEmulator } from "./index";

const USER = { email: "shop@example.test", apiKey: "key-123" };
const T0 = Date.UTC(2026, 0, 5, 22, 0, 0);
let hiboutik: HiboutikEmulator;
const clock = new EmulatorClock();

beforeAll(async () => {
  hiboutik = await startHiboutikEmulator({
    account: "myshop",
    users: [USER],
    clock,
    pageSize: 3,
    quota: { limit: 50 },
    seed: {
      stores: [
        { id: 1, name: "Nantes" },
        { id: 2, name: "Rennes" },
      ],
      warehouses: [
        { id: 10, name: "Nantes stock", storeId: 1 },
        { id: 20, name: "Rennes stock", storeId: 2 },
      ],
      products: [
        {
          id: 1,
          model: "T-shirt",
          price: 19.9,
          sizes: [
            { id: 1, name: "S", barcode: "111" },
            { id: 2, name: "M", barcode: "112" },
          ],
          stock: [
            { warehouseId: 10, sizeId: 1, quantity: 5 },
            { warehouseId: 10, sizeId: 2, quantity: 3 },
            { warehouseId: 20, sizeId: 1, quantity: 1 },
          ],
        },
        ...[2, 3, 4, 5].map((id) => ({
          id,
          model: `Mug ${id}`,
          barcode: `20${id}`,
          stock: [{ warehouseId: 10, quantity: id }],
        })),
      ],
    },
  });
});
afterAll(() => hiboutik.close());
beforeEach(() => {
  clock.freeze(T0);
  hiboutik.reset();
});
afterEach(() => clock.reset());

const basic = (email: string, key: string) => `Basic ${Buffer.from(`${email}:${key}`).toString("base64")}`;

async function api(path: string, init: { body?: Record<string, unknown>; form?: boolean; auth?: string } = {}) {
  const headers: Record<string, string> = { authorization: init.auth ?? basic(USER.email, USER.apiKey) };
  let body: string | undefined;
  if (init.body) {
    headers["content-type"] = init.form ? "application/x-www-form-urlencoded" : "application/json";
    body = init.form
      ? new URLSearchParams(Object.entries(init.body).map(([k, v]) => [k, String(v)])).toString()
      : JSON.stringify(init.body);
  }
  const response = await fetch(`${hiboutik.url}${path}`, { method: init.body ? "POST" : "GET", headers, body });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read arbitrary API answers
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

describe("auth", () => {
  it("refuses missing or wrong credentials with 401 and does not count them", async () => {
    expect((await api("/api/products/", { auth: "" })).status).toBe(401);
    const wrong = await api("/api/products/", { auth: basic(USER.email, "nope") });
    expect(wrong).toMatchObject({
      status: 401,
      body: { error: "unauthorized", error_description: expect.any(String) },
    });
    expect((await api("/api/products/", { auth: basic("SHOP@example.test", USER.apiKey) })).status).toBe(200);
    expect(hiboutik.quota().used).toBe(1);
  });
});

describe("products and stock", () => {
  it("pages products by ?p= with Content-Range and Link headers", async () => {
    const first = await api("/api/products/");
    expect(first.body.map((product: { product_id: number }) => product.product_id)).toEqual([1, 2, 3]);
    expect(first.body[0]).toMatchObject({ product_model: "T-shirt", product_price: "19.90", product_size_type: 1 });
    expect(first.body[0].product_sizes).toEqual([
      { size_id: 1, size_name: "S", barcode: "111" },
      { size_id: 2, size_name: "M", barcode: "112" },
    ]);
    expect(first.headers.get("content-range")).toBe("1-3/5");
    expect(first.headers.get("link")).toContain('/api/products/?p=2>; rel="next"');
    const second = await api("/api/products/?p=2");
    expect(second.body.map((product: { product_id: number }) => product.product_id)).toEqual([4, 5]);
    expect(second.headers.get("content-range")).toBe("4-5/5");
    expect(second.headers.get("link")).not.toContain('rel="next"');
  });

  it("reads stock_available per warehouse across pages, and per product", async () => {
    const rows: { product_id: number; product_size: number; stock_available: number }[] = [];
    for (let page = 1; page <= 2; page++)
      rows.push(...(await api(`/api/stock_available/warehouse_id/10?p=${page}`)).body);
    expect(rows.map((row) => [row.product_id, row.product_size, row.stock_available])).toEqual([
      [1, 1, 5],
      [1, 2, 3],
      [2, 0, 2],
      [3, 0, 3],
      [4, 0, 4],
      [5, 0, 5],
    ]);
    const byProduct = await api("/api/stock_available/product_id/1");
    expect(byProduct.body).toContainEqual(
      expect.objectContaining({ warehouse_id: 20, product_size: 1, stock_available: 1 }),
    );
    expect(await api("/api/stock_available/warehouse_id/99")).toMatchObject({
      status: 404,
      body: { error: "not_found" },
    });
  });
});

describe("sales", () => {
  it("withdraws stock from the store's warehouse when a product is added, and closes the sale", async () => {
    const sale = await api("/api/sales/", {
      body: { store_id: 1, currency_code: "EUR", customer_id: 0, sale_ext_ref: "order-7" },
    });
    expect(sale.status).toBe(200);
    const saleId = sale.body.sale_id;
    const line = await api("/api/sales/add_product/", {
      form: true,
      body: { sale_id: saleId, product_id: 1, size_id: 2, quantity: 2, stock_withdrawal: 1 },
    });
    expect(line.body).toMatchObject({ sale_id: saleId, product_id: 1, quantity: 2, stock_withdrawal: 1 });
    await api("/api/sales/add_product/", {
      body: { sale_id: saleId, product_id: 2, quantity: 1, stock_withdrawal: 0 },
    });
    expect((await api("/api/sales/close/", { body: { sale_id: saleId } })).body).toMatchObject({
      sale_id: saleId,
      closed: 1,
    });

    const stock = (await api("/api/stock_available/product_id_size/1/2")).body;
    expect(stock).toEqual([expect.objectContaining({ warehouse_id: 10, stock_available: 1 })]);
    expect((await api("/api/stock_available/product_id/2")).body[0].stock_available).toBe(2);
    const found = await api("/api/sales/search/?sale_ext_ref=order-7");
    expect(found.body).toEqual([
      expect.objectContaining({ sale_id: saleId, closed: 1, line_items: expect.any(Array) }),
    ]);
    expect(
      await api("/api/sales/add_product/", { body: { sale_id: saleId, product_id: 1, size_id: 1, quantity: 1 } }),
    ).toMatchObject({
      status: 422,
      body: { details: { sale_id: expect.stringContaining("closed") } },
    });
  });

  it("puts stock back for a returned product (negative quantity)", async () => {
    const { body } = await api("/api/sales/", { body: { store_id: 2, currency_code: "EUR" } });
    await api("/api/sales/add_product/", { body: { sale_id: body.sale_id, product_id: 1, size_id: 1, quantity: -2 } });
    expect((await api("/api/stock_available/warehouse_id/20")).body[0].stock_available).toBe(3);
  });

  it("answers 422 with details for an unknown store, product or size", async () => {
    expect(await api("/api/sales/", { body: { store_id: 9, currency_code: "euro" } })).toMatchObject({
      status: 422,
      body: {
        error: "unprocessable_entity",
        details: { store_id: expect.any(String), currency_code: expect.any(String) },
      },
    });
    const { body } = await api("/api/sales/", { body: { store_id: 1, currency_code: "EUR" } });
    expect(
      await api("/api/sales/add_product/", { body: { sale_id: body.sale_id, product_id: 1, size_id: 7, quantity: 1 } }),
    ).toMatchObject({
      status: 422,
      body: { details: { size_id: expect.any(String) } },
    });
    expect(
      hiboutik.state().stock.find((line) => line.productId === 1 && line.sizeId === 1 && line.warehouseId === 10)
        ?.quantity,
    ).toBe(5);
  });
});

describe("call quota", () => {
  it("answers 429 once the day's calls are used up, counts nothing refused, and opens again the next day", async () => {
    await fetch(`${hiboutik.url}/_emulator/quota`, { method: "POST", body: JSON.stringify({ limit: 3 }) });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await api("/api/stores/")).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await api("/api/stores/");
    expect(refused.body).toMatchObject({
      error: "too_many_requests",
      error_description: expect.stringContaining("3 calls per day"),
    });
    expect(hiboutik.quota()).toMatchObject({ limit: 3, used: 3, left: 0, periodStart: "2026-01-05" });
    clock.advance(2 * 60 * 60 * 1000); // past midnight UTC
    expect((await api("/api/stores/")).status).toBe(200);
    expect(hiboutik.quota()).toMatchObject({ used: 1, periodStart: "2026-01-06" });
  });

  it("counts calls another application made (control API) against the same quota", async () => {
    await fetch(`${hiboutik.url}/_emulator/quota`, { method: "POST", body: JSON.stringify({ consume: 49 }) });
    expect((await api("/api/stores/")).status).toBe(200);
    expect((await api("/api/stores/")).status).toBe(429);
  });

  it("injects faults in Hiboutik's error shape", async () => {
    hiboutik.faults.add([{ route: "GET /api/products/*", kind: "status", status: 500, count: 1 }]);
    expect(await api("/api/products/1")).toMatchObject({ status: 500, body: { error: expect.any(String) } });
    expect((await api("/api/products/1")).status).toBe(200);
  });
});
