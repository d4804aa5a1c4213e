// The Logs screen's received webhooks, on the real database: the shop's deliveries (all, or of one
// status), only its own, newest first, 100 a page, "Older" from the last one shown (keyset on received
// time and id: deliveries received in the same millisecond are neither skipped nor repeated) — read down
// an index in order (SQLite's plan sorts nothing), so a shop that received 100,000 webhooks opens Logs
// as fast as one that received ten.
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { isPostgres } from "~/jobs/claim.server";
import { webhookLog } from "~/webhooks/log.server";
import { uniqueShop } from "../support/shops";

const id = (shop: string, n: number) => `${shop}-${String(n).padStart(4, "0")}`;

/** `count` deliveries, two a second (same received time in pairs), n = 0 the newest. */
async function deliveries(shop: string, count: number, status: (n: number) => string) {
  const now = Date.now();
  await db.webhookDelivery.createMany({
    data: Array.from({ length: count }, (_, n) => ({
      webhookId: id(shop, count - n),
      shop,
      topic: "orders/create",
      status: status(n),
      payloadJson: "{}",
      receivedAt: new Date(now - Math.floor(n / 2) * 1000),
    })),
  });
}

async function allPages(shop: string, status: string): Promise<string[][]> {
  const pages: string[][] = [];
  let before: string | null = null;
  do {
    const page = await webhookLog(shop, status, before);
    pages.push(page.deliveries.map((d) => d.webhookId));
    before = page.olderDeliveries;
  } while (before && pages.length < 10);
  return pages;
}

describe("the Logs screen's received webhooks", () => {
  it("pages the shop's own deliveries newest first, 100 a page, none skipped or repeated", async () => {
    const shop = uniqueShop("webhook-log");
    const other = uniqueShop("webhook-log-other");
    await deliveries(shop, 231, (n) => (n % 3 === 0 ? "failed" : "processed"));
    await deliveries(other, 5, () => "failed");

    const pages = await allPages(shop, "all");
    expect(pages.map((page) => page.length)).toEqual([100, 100, 31]);
    expect(pages.flat()).toEqual(Array.from({ length: 231 }, (_, n) => id(shop, 231 - n)));

    const failed = await allPages(shop, "failed");
    expect(failed.map((page) => page.length)).toEqual([77]);
    expect(failed.flat()).toEqual(Array.from({ length: 77 }, (_, n) => id(shop, 231 - n * 3)));
    expect((await webhookLog(shop, "failed")).olderDeliveries).toBeNull();
  });

  it("reads a page down an index in order, sorting nothing", async () => {
    const shop = uniqueShop("webhook-log-plan");
    await deliveries(shop, 3, () => "failed");
    if (isPostgres(db)) {
      // PostgreSQL's planner picks by table size (a sequential scan of a tiny table is right): the query
      // runs there and answers the same; the plan is asserted on SQLite, whose planner goes by indexes.
      expect((await webhookLog(shop, "failed")).deliveries).toHaveLength(3);
      return;
    }
    // The statements the screen's reads make (first page and a later one, all or one status).
    const at = new Date();
    const plans = await Promise.all([
      db.$queryRaw<{ detail: string }[]>`EXPLAIN QUERY PLAN SELECT webhookId FROM WebhookDelivery
        WHERE shop = ${shop} ORDER BY receivedAt DESC, webhookId DESC LIMIT 101`,
      db.$queryRaw<{ detail: string }[]>`EXPLAIN QUERY PLAN SELECT webhookId FROM WebhookDelivery
        WHERE shop = ${shop} AND status = ${"failed"} ORDER BY receivedAt DESC, webhookId DESC LIMIT 101`,
      db.$queryRaw<{ detail: string }[]>`EXPLAIN QUERY PLAN SELECT webhookId FROM WebhookDelivery
        WHERE shop = ${shop} AND receivedAt <= ${at} AND NOT (receivedAt = ${at} AND webhookId >= ${"x"})
        ORDER BY receivedAt DESC, webhookId DESC LIMIT 101`,
      db.$queryRaw<{ detail: string }[]>`EXPLAIN QUERY PLAN SELECT webhookId FROM WebhookDelivery
        WHERE shop = ${shop} AND status = ${"failed"} AND receivedAt <= ${at} AND NOT (receivedAt = ${at} AND webhookId >= ${"x"})
        ORDER BY receivedAt DESC, webhookId DESC LIMIT 101`,
    ]);
    for (const plan of plans) {
      const steps = plan.map((row) => row.detail);
      expect(steps.filter((step) => /TEMP B-TREE|^SCAN /.test(step))).toEqual([]);
      expect(steps).toEqual([
        expect.stringMatching(/^SEARCH WebhookDelivery USING (COVERING )?INDEX WebhookDelivery_shop_/),
      ]);
    }
  });
});
