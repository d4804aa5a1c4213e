// The Orders screens and their JSON API, against the Shopify and Fastmag emulators: a refusal by Fastmag
// is explained in the merchant's words (Fastmag's own text kept as technical detail), the order page has
// the customer, lines, amounts, the link to Shopify admin and a timeline, the list searches by order name
// and customer, filters by status and date, pages by cursor with its total, and retries in bulk.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { db } from "~/db.server";
import { loader as apiOrder } from "~/routes/api.orders.$orderId._index";
import { loader as apiOrders } from "~/routes/api.orders._index";
import { action as apiRetry } from "~/routes/api.orders.retry";
import { loader as orderPage } from "~/routes/app.orders.$id";
import { action as ordersAction, loader as ordersPage } from "~/routes/app.orders._index";
import { adminRequest } from "../support/admin-request";
import { startOrdersWorld, type OrdersWorld } from "./orders-harness";

let world: OrdersWorld;
let token: string;
const orders: Record<string, { id: string; legacyId: number; name: string }> = {};

beforeAll(async () => {
  world = await startOrdersWorld("orders-screen");
  ({ token } = await createApiToken(world.shop, "ERP"));
  const place = async (key: string, input: Parameters<OrdersWorld["createOrder"]>[0]) => {
    orders[key] = await world.createOrder(input);
    expect((await world.deliverOrderCreated(orders[key].legacyId)).status).toBe(200);
  };
  await place("unknownArticle", {
    email: "hugo.petit@example.fr",
    customer: { firstName: "Hugo", lastName: "Petit" },
    shippingAddress: { firstName: "Hugo", lastName: "Petit", address1: "1 rue Haute", zip: "75001", city: "Paris" },
    lineItems: [{ sku: "NOPE|X|Y", title: "Article fantôme", quantity: 2, price: 15 }],
    shippingPrice: 5,
  });
  await place("good", {
    email: "lea.roux@example.fr",
    customer: { firstName: "Léa", lastName: "Roux" },
    shippingAddress: {
      firstName: "Léa",
      lastName: "Roux",
      address1: "3 quai Saint-Antoine",
      zip: "69002",
      city: "Lyon",
    },
  });
  await place("secondUnknown", {
    email: "ines.morel@example.fr",
    customer: { firstName: "Inès", lastName: "Morel" },
    shippingAddress: { firstName: "Inès", lastName: "Morel", address1: "8 rue Neuve", zip: "59000", city: "Lille" },
    lineItems: [{ sku: "NOPE|Z|M", title: "Autre fantôme", quantity: 1, price: 10 }],
  });
  await world.runJobs(["orders.export"]);
  // The good order was placed "last month": the date filter must tell it apart.
  await db.orderExport.update({
    where: { shop_shopifyOrderId: { shop: world.shop, shopifyOrderId: orders.good.id } },
    data: { createdAt: new Date("2026-10-15T10:00:00Z") },
  });
});

afterAll(async () => {
  await world?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const list = async (query = "") =>
  (await ordersPage({ request: adminRequest(world.shop, `/app/orders${query}`), params: {}, context: {} })) as Any;
const rowId = async (key: string) => (await world.exportRow(orders[key].id)).id;
function api(path: string, method = "GET", body?: unknown) {
  return new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const read = async (response: Response) => ({ status: response.status, body: (await response.json()) as Any });

describe("an ERP refusal in the merchant's words", () => {
  it("says what Fastmag does not know and what to do; Fastmag's text stays behind Technical details", async () => {
    const row = await world.exportRow(orders.unknownArticle.id);
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain("does not know the article “NOPE X Y”: create it there or map it");
    expect(row.lastError).not.toMatch(/ENTETE|inconnu/);
    expect(row.lastErrorDetail).toContain("ENTETE+LIGNE: “Article inconnu : NOPE X Y”");

    const page = (await orderPage({
      request: adminRequest(world.shop, `/app/orders/${row.id}`),
      params: { id: row.id },
      context: {},
    })) as Any;
    expect(page.order.error).toContain("does not know the article “NOPE X Y”");
    expect(page.order.errorDetail).toContain("Article inconnu : NOPE X Y");
    const failed = page.timeline.find((e: Any) => e.kind === "failed");
    expect(failed.message).not.toContain("inconnu");
    expect(failed.detail).toContain("Article inconnu : NOPE X Y");
  });
});

describe("the order page", () => {
  it("shows the customer, lines, amounts, the ERP's number and status, a timeline and a link to Shopify admin", async () => {
    const id = await rowId("good");
    const page = (await orderPage({
      request: adminRequest(world.shop, `/app/orders/${id}`),
      params: { id },
      context: {},
    })) as Any;
    const legacyId = orders.good.legacyId;
    expect(page.order.shopifyAdminUrl).toBe(
      `https://admin.shopify.com/store/${world.shop.replace(".myshopify.com", "")}/orders/${legacyId}`,
    );
    expect(page.customer).toMatchObject({ name: "Léa Roux", email: "lea.roux@example.fr" });
    expect(page.customer.address).toContain("Lyon");
    expect(page.lines).toEqual([
      expect.objectContaining({ sku: "BOXE20BEWARE|MARINE/GRIS CHINE|S", title: "Boxer Beware", quantity: 2 }),
    ]);
    expect(page.amounts).toMatchObject({ currency: expect.any(String), shipping: "4.90", total: "64.70" });
    expect(page.order.erpOrderId).toMatch(/\d+/);
    expect(page.timeline.map((e: Any) => e.kind)).toEqual(expect.arrayContaining(["received", "exported"]));

    const other = await rowId("unknownArticle");
    const failedPage = (await orderPage({
      request: adminRequest(world.shop, `/app/orders/${other}`),
      params: { id: other },
      context: {},
    })) as Any;
    expect(failedPage.lines).toEqual([expect.objectContaining({ sku: "NOPE|X|Y", quantity: 2, price: "15.00" })]);
    expect(failedPage.customer.name).toBe("Hugo Petit");
  });
});

describe("the order page once the ERP ships it", () => {
  it("shows the ERP's status, the carrier and the tracking number with its link, and the shipping on the timeline", async () => {
    const id = await rowId("good");
    world.shipInFastmag(orders.good.id, 300, "CHRONOPOST", "XY123456789FR");
    await db.job.create({
      data: {
        shop: world.shop,
        type: "orders.statuses",
        trigger: "manual",
        paramsJson: "{}",
        runAfter: new Date(),
        maxAttempts: 1,
      },
    });
    await world.runJobs(["orders.statuses"]);
    const pageIn = async (locale: "en" | "fr") =>
      (await orderPage({
        request: adminRequest(world.shop, `/app/orders/${id}?locale=${locale}`),
        params: { id },
        context: {},
      })) as Any;
    const page = await pageIn("en");
    expect(page.order).toMatchObject({
      stage: "shipped",
      erpStatus: expect.stringMatching(/^300 \S/),
      carrier: "Chronopost",
      trackingNumber: "XY123456789FR",
      trackingUrl: expect.stringMatching(/^https:\/\/.*XY123456789FR/),
    });
    expect(page.order.erpOrderId).toMatch(/\d+/);
    expect(page.timeline.map((e: Any) => e.kind)).toEqual(
      expect.arrayContaining(["received", "exported", "status", "fulfilled"]),
    );
    // The same order for a French admin: the ERP's status label is the ERP's own words, unchanged.
    expect((await pageIn("fr")).order).toMatchObject({
      erpStatus: page.order.erpStatus,
      carrier: "Chronopost",
      trackingNumber: "XY123456789FR",
    });
  });
});

describe("the Orders list", () => {
  it("searches by order name and by customer, filters by status and date, pages by cursor with the total", async () => {
    const byName = await list(`?q=${encodeURIComponent(orders.good.name)}`);
    expect(byName.orders.map((o: Any) => o.name)).toEqual([orders.good.name]);
    const byCustomer = await list(`?q=${encodeURIComponent("Inès")}`);
    expect(byCustomer.orders.map((o: Any) => o.name)).toEqual([orders.secondUnknown.name]);
    const byEmail = await list("?q=hugo.petit");
    expect(byEmail.orders.map((o: Any) => o.name)).toEqual([orders.unknownArticle.name]);

    const errors = await list("?filter=errors");
    expect(errors.total).toBe(2);
    expect(errors.orders.map((o: Any) => o.name).sort()).toEqual(
      [orders.unknownArticle.name, orders.secondUnknown.name].sort(),
    );

    const october = await list("?from=2026-10-01&to=2026-10-31");
    expect(october.orders.map((o: Any) => o.name)).toEqual([orders.good.name]);
    const sinceNovember = await list("?from=2026-11-01");
    expect(sinceNovember.total).toBe(2);

    const first = await list("?limit=2");
    expect(first.total).toBe(3);
    expect(first.orders).toHaveLength(2);
    expect(first.page.next).toBeTruthy();
    expect(first.page.previous).toBeNull();
    const second = await list(`?limit=2&after=${encodeURIComponent(first.page.next)}`);
    expect(second.orders).toHaveLength(1);
    expect(second.page.next).toBeNull();
    expect(second.page.previous).toBeTruthy();
    const all = [...first.orders, ...second.orders].map((o: Any) => o.name);
    expect(new Set(all).size).toBe(3);
    const back = await list(`?limit=2&before=${encodeURIComponent(second.page.previous)}`);
    expect(back.orders.map((o: Any) => o.name)).toEqual(first.orders.map((o: Any) => o.name));
  });

  it("retries the selected orders in one action: each failed one is queued, the others are said not to need it", async () => {
    const ids = [await rowId("unknownArticle"), await rowId("secondUnknown"), await rowId("good")];
    const answer = (await ordersAction({
      request: adminRequest(world.shop, "/app/orders", { form: { intent: "retry-selected", ids: ids.join(",") } }),
      params: {},
      context: {},
    })) as Any;
    expect(answer).toMatchObject({ ok: true, queued: 2 });
    expect(answer.notRetried).toEqual([expect.objectContaining({ id: ids[2] })]);
    const jobs = await db.job.count({ where: { shop: world.shop, type: "orders.export", status: "queued" } });
    expect(jobs).toBe(2);
  });
});

describe("the orders JSON API", () => {
  it("lists with filters and paging, shows one order, and retries in bulk", async () => {
    const listed = await read(
      await apiOrders({ request: api("/api/orders?status=all&limit=2"), params: {}, context: {} }),
    );
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(3);
    expect(listed.body.orders).toHaveLength(2);
    expect(listed.body.next).toBeTruthy();
    const next = await read(
      await apiOrders({
        request: api(`/api/orders?limit=2&after=${encodeURIComponent(listed.body.next)}`),
        params: {},
        context: {},
      }),
    );
    expect(next.body.orders).toHaveLength(1);
    const search = await read(await apiOrders({ request: api("/api/orders?q=roux"), params: {}, context: {} }));
    expect(search.body.orders.map((o: Any) => o.name)).toEqual([orders.good.name]);
    const bad = await read(await apiOrders({ request: api("/api/orders?from=yesterday"), params: {}, context: {} }));
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/from/);

    const id = await rowId("unknownArticle");
    const one = await read(await apiOrder({ request: api(`/api/orders/${id}`), params: { orderId: id }, context: {} }));
    expect(one.status).toBe(200);
    expect(one.body.order).toMatchObject({ name: orders.unknownArticle.name, stage: "error" });
    expect(one.body.order.error).toContain("does not know the article “NOPE X Y”");
    expect(one.body.order.errorDetail).toContain("Article inconnu");
    expect(one.body.lines[0]).toMatchObject({ sku: "NOPE|X|Y" });
    expect(one.body.timeline.length).toBeGreaterThan(0);
    const missing = await apiOrder({ request: api("/api/orders/nope"), params: { orderId: "nope" }, context: {} });
    expect(missing.status).toBe(404);

    // Let the queued retries run (still refused), then retry in bulk through the API.
    await world.runJobs(["orders.export"]);
    const retried = await read(
      await apiRetry({ request: api("/api/orders/retry", "POST", { ids: [id, "nope"] }), params: {}, context: {} }),
    );
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({
      queued: 1,
      jobs: [expect.objectContaining({ id, jobId: expect.any(String) })],
    });
    expect(retried.body.notRetried).toEqual([expect.objectContaining({ id: "nope" })]);
  });
});

describe("Retry for a French admin", () => {
  it("says why an order cannot go again in French, and the timeline's retry event reads French", async () => {
    const good = await rowId("good");
    const refused = (await ordersAction({
      request: adminRequest(world.shop, "/app/orders?locale=fr", { form: { intent: "retry", id: good } }),
      params: {},
      context: {},
    })) as Any;
    expect(refused).toMatchObject({ ok: false });
    expect(refused.message).toMatch(/^La commande .+ est déjà dans Fastmag \(commande \d+\)\.$/);

    const missing = (await ordersAction({
      request: adminRequest(world.shop, "/app/orders?locale=fr", { form: { intent: "retry-selected", ids: "nope" } }),
      params: {},
      context: {},
    })) as Any;
    expect(missing.notRetried).toEqual([
      { id: "nope", reason: "Cette commande n'est pas dans les commandes enregistrées par l'app." },
    ]);

    const failed = await rowId("secondUnknown");
    const retried = (await ordersAction({
      request: adminRequest(world.shop, "/app/orders?locale=fr", { form: { intent: "retry", id: failed } }),
      params: {},
      context: {},
    })) as Any;
    expect(retried).toMatchObject({ ok: true });
    const page = (await orderPage({
      request: adminRequest(world.shop, `/app/orders/${failed}?locale=fr`),
      params: { id: failed },
      context: {},
    })) as Any;
    expect(page.timeline.map((e: Any) => e.message)).toContain("Export relancé par le marchand.");
  });
});
