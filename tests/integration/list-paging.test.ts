// Every list a merchant reads is paged by keyset with its total (issue 16, points 2 and 11): Previous and
// Next walk it without an offset, each row once, the total counts the whole filtered list, and another
// shop's rows never show. Through the screens' loaders, on the real database, with signed admin requests.
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { loader as syncsLoader } from "~/routes/app.syncs._index";
import { loader as syncTypeLoader } from "~/routes/app.syncs.$type";
import { loader as promotionsLoader } from "~/routes/app.promotions._index";
import { loader as feedLoader } from "~/routes/app.event-feed";
import { loader as listingsLoader } from "~/routes/app.tuyo.listings";
import { loader as tuyoOrdersLoader } from "~/routes/app.tuyo.orders";
import { adminRequest, installShop } from "../support/admin-request";
import { walkPages } from "../support/list-walk";
import { uniqueShop } from "../support/shops";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const walk = walkPages;

describe("run history (Syncs screen and a sync's page)", () => {
  it("pages a shop's runs newest first with the total, filtered by sync and status", async () => {
    const shop = uniqueShop("runs-paged");
    const other = uniqueShop("runs-paged-other");
    await installShop(shop, { ianaTimezone: "Europe/Paris" });
    await installShop(other);
    const start = Date.parse("2026-11-01T08:00:00Z");
    // 45 runs; several share a creation time (the keyset's id breaks the tie).
    const made: { id: string; type: string; status: string; createdAt: Date }[] = [];
    for (let n = 0; n < 45; n++) {
      const createdAt = new Date(start + Math.floor(n / 3) * 60_000);
      const type = n % 3 === 0 ? "stock.full" : "prices.update";
      const status = n % 5 === 0 ? "failed" : "succeeded";
      const job = await db.job.create({
        data: { shop, type, trigger: "schedule", status, runAfter: createdAt, createdAt, finishedAt: createdAt },
      });
      made.push({ id: job.id, type, status, createdAt });
    }
    await db.job.create({
      data: { shop: other, type: "stock.full", trigger: "schedule", status: "failed", runAfter: new Date() },
    });
    const newestFirst = [...made].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    );

    const syncs = async (query: string) =>
      ((await syncsLoader({ request: adminRequest(shop, `/app/syncs${query}`), params: {}, context: {} })) as Any).runs;
    const all = await walk(syncs, "?");
    expect(all.total).toBe(45);
    expect(all.pages).toEqual([20, 20, 5]);
    expect(all.ids).toEqual(newestFirst.map((r) => r.id));

    const failedStock = await walk(syncs, "?type=stock.full&status=failed");
    const expected = newestFirst.filter((r) => r.type === "stock.full" && r.status === "failed");
    expect(failedStock.total).toBe(expected.length);
    expect(failedStock.ids).toEqual(expected.map((r) => r.id));

    // A sync's own page: its runs only, with their total and the status filter.
    const ofType = async (query: string) =>
      (
        (await syncTypeLoader({
          request: adminRequest(shop, `/app/syncs/prices.update${query}`),
          params: { type: "prices.update" },
          context: {},
        })) as Any
      ).runs;
    const prices = await walk(ofType, "?");
    expect(prices.total).toBe(30);
    expect(prices.ids).toEqual(newestFirst.filter((r) => r.type === "prices.update").map((r) => r.id));
    const failedPrices = await ofType("?status=failed");
    expect(failedPrices.total).toBe(made.filter((r) => r.type === "prices.update" && r.status === "failed").length);

    // Another shop's run never shows, and a cursor from it does not open its rows.
    expect(all.ids).not.toContain((await db.job.findFirst({ where: { shop: other } }))!.id);
  });
});

describe("promotions list", () => {
  it("pages the shop's promotions newest first with the total", async () => {
    const shop = uniqueShop("promos-paged");
    const other = uniqueShop("promos-paged-other");
    await installShop(shop);
    await installShop(other);
    const at = Date.parse("2026-11-01T08:00:00Z");
    const promotion = (forShop: string, n: number) => ({
      shop: forShop,
      name: `Promo ${n}`,
      tag: `promo-${n}`,
      percentage: 10,
      mode: "price",
      rounding: "cent",
      productIdsJson: "[]",
      collectionIdsJson: "[]",
      startsAt: new Date(at),
      state: "scheduled",
      createdAt: new Date(at + Math.floor(n / 2) * 1000),
    });
    await db.promotion.createMany({ data: Array.from({ length: 120 }, (_, n) => promotion(shop, n)) });
    await db.promotion.createMany({ data: [promotion(other, 999)] });
    const read = async (query: string) => {
      const data = (await promotionsLoader({
        request: adminRequest(shop, `/app/promotions${query}`),
        params: {},
        context: {},
      })) as Any;
      return { items: data.promotions, total: data.total, next: data.next, previous: data.previous };
    };
    const all = await walk(read, "?");
    expect(all.total).toBe(120);
    expect(all.pages).toEqual([50, 50, 20]);
    expect(new Set(all.ids).size).toBe(120);
    const names = (await read("?")).items.map((p: Any) => p.name);
    expect(names.slice(0, 2).sort()).toEqual(["Promo 118", "Promo 119"]);
    expect(names).not.toContain("Promo 999");
  });
});

describe("event feed deliveries log", () => {
  it("pages the deliveries newest first with the total, keeping the endpoint, topic, status and resource filters", async () => {
    const shop = uniqueShop("feed-paged");
    const other = uniqueShop("feed-paged-other");
    await installShop(shop);
    await installShop(other);
    const endpoint = async (forShop: string, name: string) =>
      db.feedEndpoint.create({
        data: { shop: forShop, name, url: "https://erp.example/hook", topicsJson: "[]", secretCiphertext: "x" },
      });
    const [a, b, elsewhere] = [await endpoint(shop, "A"), await endpoint(shop, "B"), await endpoint(other, "C")];
    const at = Date.parse("2026-11-01T08:00:00Z");
    const statuses = ["delivered", "dead", "pending"] as const;
    for (let n = 0; n < 130; n++) {
      const topic = n % 2 ? "orders/create" : "products/update";
      const resourceKey = `${topic.startsWith("orders") ? "order" : "product"} ${n % 10}`;
      const event = await db.feedEvent.create({
        data: {
          id: `${shop}-${n}`,
          shop,
          topic,
          resourceKey,
          apiVersion: "2026-07",
          occurredAt: new Date(at),
          body: "{}",
        },
      });
      await db.feedDelivery.create({
        data: {
          shop,
          endpointId: n % 4 === 0 ? b.id : a.id,
          eventId: event.id,
          topic,
          resourceKey,
          occurredAt: new Date(at),
          status: statuses[n % 3],
          createdAt: new Date(at + Math.floor(n / 4) * 1000),
        },
      });
    }
    const foreign = await db.feedEvent.create({
      data: {
        id: `${other}-1`,
        shop: other,
        topic: "orders/create",
        resourceKey: "order 1",
        apiVersion: "2026-07",
        occurredAt: new Date(at),
        body: "{}",
      },
    });
    await db.feedDelivery.create({
      data: {
        shop: other,
        endpointId: elsewhere.id,
        eventId: foreign.id,
        topic: "orders/create",
        resourceKey: "order 1",
        occurredAt: new Date(at),
      },
    });
    const read = async (query: string) =>
      ((await feedLoader({ request: adminRequest(shop, `/app/event-feed${query}`), params: {}, context: {} })) as Any)
        .deliveries;
    const all = await walk(read, "?");
    expect(all.total).toBe(130);
    expect(all.pages).toEqual([50, 50, 30]);
    expect(new Set(all.ids).size).toBe(130);
    const rows = await db.feedDelivery.findMany({ where: { shop } });
    const ids = (keep: (r: (typeof rows)[number]) => boolean) =>
      rows
        .filter(keep)
        .map((r) => r.id)
        .sort();

    const dead = await walk(read, "?status=dead");
    expect(dead.total).toBe(ids((r) => r.status === "dead").length);
    expect([...dead.ids].sort()).toEqual(ids((r) => r.status === "dead"));
    const ofB = await walk(read, `?endpoint=${b.id}&topic=products%2Fupdate`);
    expect([...ofB.ids].sort()).toEqual(ids((r) => r.endpointId === b.id && r.topic === "products/update"));
    const product3 = await walk(read, "?resource=3");
    expect(product3.total).toBe(13);
    expect([...product3.ids].sort()).toEqual(ids((r) => r.resourceKey.endsWith(" 3")));
    // Another shop's endpoint filters to nothing here.
    expect(await read(`?endpoint=${elsewhere.id}`)).toMatchObject({ total: 0, items: [], next: null });
  });
});

describe("Tuyo listings and orders", () => {
  it("page the shop's listings (latest change first) and sales (newest first) with their totals", async () => {
    const shop = uniqueShop("tuyo-paged");
    const other = uniqueShop("tuyo-paged-other");
    await installShop(shop);
    await installShop(other);
    const at = Date.parse("2026-11-01T08:00:00Z");
    await db.tuyoListing.createMany({
      data: Array.from({ length: 75 }, (_, n) => ({
        shop,
        shopifyProductId: `gid://shopify/Product/${1000 + n}`,
        state: "listed",
        updatedAt: new Date(at + Math.floor(n / 5) * 1000),
      })),
    });
    await db.tuyoListing.create({
      data: { shop: other, shopifyProductId: "gid://shopify/Product/1", state: "listed" },
    });
    await db.tuyoOrder.createMany({
      data: Array.from({ length: 55 }, (_, n) => ({
        shop,
        code: `T${n}`,
        kind: "unique",
        skusJson: "[]",
        createdAt: new Date(at + Math.floor(n / 2) * 1000),
      })),
    });
    await db.tuyoOrder.create({ data: { shop: other, code: "T-other", kind: "unique", skusJson: "[]" } });

    const listings = async (query: string) => {
      const data = (await listingsLoader({
        request: adminRequest(shop, `/app/tuyo/listings${query}`),
        params: {},
        context: {},
      })) as Any;
      return { ...data, items: data.listings.map((l: Any) => ({ ...l, id: l.productId })) };
    };
    const listed = await walk(listings, "?");
    expect(listed.total).toBe(75);
    expect(listed.pages).toEqual([50, 25]);
    expect(new Set(listed.ids).size).toBe(75);
    expect(listed.ids).not.toContain("gid://shopify/Product/1");

    const sales = async (query: string) => {
      const data = (await tuyoOrdersLoader({
        request: adminRequest(shop, `/app/tuyo/orders${query}`),
        params: {},
        context: {},
      })) as Any;
      return { ...data, items: data.orders.map((o: Any) => ({ ...o, id: o.code })) };
    };
    const sold = await walk(sales, "?");
    expect(sold.total).toBe(55);
    expect(sold.pages).toEqual([50, 5]);
    expect(new Set(sold.ids).size).toBe(55);
    expect(sold.ids.slice(0, 2).sort()).toEqual(["T53", "T54"]);
    expect(sold.ids).not.toContain("T-other");
  });
});
