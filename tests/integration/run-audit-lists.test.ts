// A run's lists say their totals and their filters' choices right whether or not a filter is on (the
// totals and choices come from one GROUP BY per list; a COUNT only for a filter), and a log that fits
// on its first page is its own total. The audit use-cases on the real database, rows written as runs do.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { listChanges, listRunItems, listRunLog, listSkipped } from "~/jobs/api.server";
import { uniqueShop } from "../support/shops";

const shop = uniqueShop("run-lists");
const otherShop = uniqueShop("run-lists-other");
let jobId = "";
let shortLogJobId = "";

async function newJob(forShop: string): Promise<string> {
  const job = await db.job.create({
    data: { shop: forShop, type: "stock.full", trigger: "manual", status: "succeeded", runAfter: new Date() },
  });
  return job.id;
}

beforeAll(async () => {
  jobId = await newJob(shop);
  shortLogJobId = await newJob(shop);
  const at = new Date("2026-12-01T10:00:00Z");
  // 150 changes: 100 of "available", 50 of "price".
  await db.jobChange.createMany({
    data: Array.from({ length: 150 }, (_, n) => ({
      jobId,
      shop,
      entity: "variant",
      externalId: `SKU${String(n).padStart(3, "0")}`,
      field: n % 3 === 2 ? "price" : "available",
      before: "1",
      after: "2",
      at,
    })),
  });
  // Skipped: 120 variants, 30 products; failed: 7 rows.
  await db.jobSkippedItem.createMany({
    data: [
      ...Array.from({ length: 150 }, (_, n) => ({
        jobId,
        shop,
        entity: n < 120 ? "variant" : "product",
        externalId: `ITEM${n}`,
        reason: n < 120 ? "No Shopify variant has this SKU." : "No such product.",
        outcome: "skipped",
        createdAt: new Date(at.getTime() + n),
      })),
      ...Array.from({ length: 7 }, (_, n) => ({
        jobId,
        shop,
        entity: "row",
        externalId: `row ${n}`,
        reason: "Could not be read.",
        outcome: "failed",
        createdAt: new Date(at.getTime() + n),
      })),
    ],
  });
  await db.jobLogEntry.createMany({
    data: Array.from({ length: 130 }, (_, n) => ({
      jobId,
      shop,
      level: "info",
      message: `Step ${n}`,
      at: new Date(at.getTime() + n),
    })),
  });
  await db.jobLogEntry.createMany({
    data: Array.from({ length: 3 }, (_, n) => ({
      jobId: shortLogJobId,
      shop,
      level: "info",
      message: `Step ${n}`,
      at: new Date(at.getTime() + n),
    })),
  });
});

describe("a run's lists", () => {
  it("changes: the total and the fields to filter on, unfiltered and filtered", async () => {
    const all = await listChanges({ db }, shop, jobId, { limit: 100 });
    expect(all.total).toBe(150);
    expect(all.items).toHaveLength(100);
    expect(all.fields).toEqual(["available", "price"]);
    const prices = await listChanges({ db }, shop, jobId, { field: "price", limit: 100 });
    expect(prices.total).toBe(50);
    expect(prices.items.every((c) => c.field === "price")).toBe(true);
    // The choices stay all the run's fields while one is chosen.
    expect(prices.fields).toEqual(["available", "price"]);
    expect((await listChanges({ db }, shop, jobId, { search: "SKU14" })).total).toBe(10);
    const second = await listChanges({ db }, shop, jobId, { limit: 100, after: all.next });
    expect(second.total).toBe(150);
    expect(second.items).toHaveLength(50);
  });

  it("skipped and failed items: the total and the kinds to filter on, unfiltered and filtered", async () => {
    const skipped = await listRunItems({ db }, shop, jobId, { outcome: "skipped", limit: 100 });
    expect(skipped.total).toBe(150);
    expect(skipped.entities).toEqual(["product", "variant"]);
    const products = await listRunItems({ db }, shop, jobId, { outcome: "skipped", entity: "product" });
    expect(products.total).toBe(30);
    expect(products.entities).toEqual(["product", "variant"]);
    expect((await listRunItems({ db }, shop, jobId, { outcome: "skipped", search: "No such" })).total).toBe(30);
    const failed = await listRunItems({ db }, shop, jobId, { outcome: "failed" });
    expect(failed.total).toBe(7);
    expect(failed.entities).toEqual(["row"]);
  });

  it("the log's total, on a page that holds it all and on pages that do not", async () => {
    const short = await listRunLog({ db }, shop, shortLogJobId);
    expect(short).toMatchObject({ total: 3, next: null, previous: null });
    const first = await listRunLog({ db }, shop, jobId, { limit: 100 });
    expect(first.total).toBe(130);
    const second = await listRunLog({ db }, shop, jobId, { limit: 100, after: first.next });
    expect(second.total).toBe(130);
    expect(second.items).toHaveLength(30);
    expect(second.next).toBeNull();
  });

  it("listSkipped pages by keyset like the run's other lists: every item once, forwards and back", async () => {
    const seen: string[] = [];
    let page = await listSkipped({ db }, shop, jobId, { limit: 40 });
    expect(page.total).toBe(150);
    expect(page.previous).toBeNull();
    const firstIds = page.items.map((i) => i.externalId);
    for (;;) {
      seen.push(...page.items.map((i) => i.externalId));
      if (!page.next) break;
      page = await listSkipped({ db }, shop, jobId, { limit: 40, after: page.next });
      expect(page.total).toBe(150);
    }
    expect(seen).toEqual(Array.from({ length: 150 }, (_, n) => `ITEM${n}`));
    // Back from the second page lands on the first.
    const second = await listSkipped({ db }, shop, jobId, {
      limit: 40,
      after: (await listSkipped({ db }, shop, jobId, { limit: 40 })).next,
    });
    const back = await listSkipped({ db }, shop, jobId, { limit: 40, before: second.previous });
    expect(back.items.map((i) => i.externalId)).toEqual(firstIds);
    expect(back.previous).toBeNull();
    const failed = await listSkipped({ db }, shop, jobId, { outcome: "failed", entity: "row" });
    expect(failed).toMatchObject({ total: 7, next: null, entities: ["row"] });
    expect(await listSkipped({ db }, otherShop, jobId)).toMatchObject({ total: 0, items: [] });
  });

  it("another shop sees none of it", async () => {
    expect(await listChanges({ db }, otherShop, jobId)).toMatchObject({ total: 0, items: [], fields: [] });
    expect(await listRunItems({ db }, otherShop, jobId)).toMatchObject({ total: 0, items: [], entities: [] });
    expect(await listRunLog({ db }, otherShop, jobId)).toMatchObject({ total: 0, items: [] });
  });
});
