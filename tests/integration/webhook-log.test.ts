// The Logs screen's lists of what Shopify sent, on the real database: the shop's received webhooks (all,
// or of one status) and its privacy requests, only its own, newest first, paged by keyset on received
// time and id with their totals (deliveries received in the same millisecond are neither skipped nor
// repeated, Previous finds the same pages as Next) — read down an index in order (SQLite's plan sorts
// nothing), so a shop that received 100,000 webhooks opens Logs as fast as one that received ten. Why a
// webhook failed is said in the admin's language.
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { isPostgres } from "~/jobs/claim.server";
import { pageRequestFrom } from "~/lib/keyset.server";
import { loader as dashboardLoader } from "~/routes/app._index";
import { loader as logsLoader } from "~/routes/app.logs";
import { action as dataRequestAction } from "~/routes/webhooks.customers.data_request";
import { receivedWebhooks } from "~/webhooks/log.server";
import { webhookStatusFilter } from "~/webhooks/log-lists";
import { processDueWebhooks } from "~/webhooks/processor.server";
import { adminRequest, installShop } from "../support/admin-request";
import { walkPages } from "../support/list-walk";
import { uniqueShop } from "../support/shops";
import { respond, webhookRequest } from "../support/webhooks";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

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

/** The screen's list of received webhooks, from a query string as the pager writes it. */
const webhooksAt = (shop: string) => (query: string) => {
  const params = new URLSearchParams(query.replace(/^\?/, ""));
  return receivedWebhooks(shop, webhookStatusFilter(params.get("status")), pageRequestFrom(params));
};

/** The Logs screen's loader, with one list's pager parameters under its prefix ("w" or "p"). */
const logs = async (shop: string, query: string, prefix = "") =>
  (await logsLoader({
    request: adminRequest(
      shop,
      `/app/logs?${query.replace(/^\?/, "").replace(/(^|&)(after|before)=/g, `$1${prefix}$2=`)}`,
    ),
    params: {},
    context: {},
  })) as Any;

describe("the Logs screen's received webhooks", () => {
  it("pages the shop's own deliveries newest first, 100 a page, with the total, both ways", async () => {
    const shop = uniqueShop("webhook-log");
    const other = uniqueShop("webhook-log-other");
    await deliveries(shop, 231, (n) => (n % 3 === 0 ? "failed" : "processed"));
    await deliveries(other, 5, () => "failed");

    const all = await walkPages(webhooksAt(shop), "?status=all");
    expect(all.total).toBe(231);
    expect(all.pages).toEqual([100, 100, 31]);
    expect(all.ids).toEqual(Array.from({ length: 231 }, (_, n) => id(shop, 231 - n)));

    const failed = await walkPages(webhooksAt(shop), "?status=failed");
    expect(failed.total).toBe(77);
    expect(failed.pages).toEqual([77]);
    expect(failed.ids).toEqual(Array.from({ length: 77 }, (_, n) => id(shop, 231 - n * 3)));
  });

  it("shows the list on the screen with its pager under its own parameters, the status filter kept", async () => {
    const shop = uniqueShop("webhook-log-screen");
    await installShop(shop);
    await deliveries(shop, 130, (n) => (n % 2 === 0 ? "failed" : "processed"));
    // App events page with after/before: the webhooks' `wafter` moves only the webhooks.
    await db.appEvent.create({ data: { shop, kind: "settings-changed", message: "saved" } });
    const read = async (query: string) => (await logs(shop, query, "w")).webhooks;
    const walked = await walkPages(read, "?status=failed");
    expect(walked.total).toBe(65);
    expect(walked.ids).toEqual(Array.from({ length: 65 }, (_, n) => id(shop, 130 - n * 2)));
    const second = await logs(shop, `?wafter=${encodeURIComponent((await read("?")).next)}`);
    expect(second.webhooks.items).toHaveLength(30);
    expect(second.appEvents.total).toBe(1);
  });

  it("reads a page down an index in order, sorting nothing", async () => {
    const shop = uniqueShop("webhook-log-plan");
    await deliveries(shop, 3, () => "failed");
    if (isPostgres(db)) {
      // PostgreSQL's planner picks by table size (a sequential scan of a tiny table is right): the query
      // runs there and answers the same; the plan is asserted on SQLite, whose planner goes by indexes.
      expect((await receivedWebhooks(shop, "failed")).items).toHaveLength(3);
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
        WHERE shop = ${shop} AND (receivedAt < ${at} OR (receivedAt = ${at} AND webhookId < ${"x"}))
        ORDER BY receivedAt DESC, webhookId DESC LIMIT 101`,
      db.$queryRaw<{ detail: string }[]>`EXPLAIN QUERY PLAN SELECT webhookId FROM WebhookDelivery
        WHERE shop = ${shop} AND status = ${"failed"} AND (receivedAt < ${at} OR (receivedAt = ${at} AND webhookId < ${"x"}))
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

describe("the Logs screen's privacy requests", () => {
  it("pages every customer data request and erasure newest first with the total, not only the latest 20", async () => {
    const shop = uniqueShop("privacy-log");
    const other = uniqueShop("privacy-log-other");
    await installShop(shop);
    await installShop(other);
    const start = Date.parse("2026-11-01T08:00:00Z");
    const made: { id: string; receivedAt: Date }[] = [];
    for (let n = 0; n < 47; n++) {
      // Three at a time share a received time: the id breaks the tie.
      const receivedAt = new Date(start + Math.floor(n / 3) * 60_000);
      const row = await db.complianceRequest.create({
        data: {
          shop,
          topic: n % 2 ? "customers/redact" : "customers/data_request",
          email: `c${n}@example.com`,
          receivedAt,
        },
      });
      made.push({ id: row.id, receivedAt });
    }
    const foreign = await db.complianceRequest.create({
      data: { shop: other, topic: "customers/redact", email: "x@example.com", receivedAt: new Date(start + 60_000) },
    });

    const walked = await walkPages(async (query) => (await logs(shop, query, "p")).privacy, "?");
    expect(walked.total).toBe(47);
    expect(walked.pages).toEqual([20, 20, 7]);
    const newestFirst = [...made]
      .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((r) => r.id);
    expect(walked.ids).toEqual(newestFirst);
    expect(walked.ids).not.toContain(foreign.id);
  });
});

describe("why a webhook failed, in the admin's language", () => {
  it("says the retry and the give-up in French to a French admin, in English to an English one", async () => {
    const shop = uniqueShop("webhook-log-words");
    await installShop(shop);
    const webhookId = `broken-${shop}`;
    // A payload our use-case cannot read (orders_requested is not a list): an unexpected error.
    const payload = {
      shop_domain: shop,
      customer: { id: 9, email: "customer-9@example.com" },
      orders_requested: "all of them",
      data_request: { id: 9 },
    };
    await respond(
      () =>
        dataRequestAction({
          request: webhookRequest({ topic: "customers/data_request", shop, webhookId, payload }),
          params: {},
          context: {},
        }) as Promise<Response>,
    );
    let now = new Date();
    const options = { db, now: () => now, maxAttempts: 2, baseDelayMs: 60_000, capDelayMs: 60_000 };
    await processDueWebhooks(options);

    const row = async (locale: string) =>
      (await logs(shop, `?locale=${locale}`)).webhooks.items.find((d: Any) => d.id === webhookId);
    expect(await row("en")).toMatchObject({
      status: "received",
      error: "The app could not process it (unexpected error). Trying again (attempt 2).",
      errorInWords: true,
    });
    expect((await row("fr")).error).toBe(
      "L'application n'a pas pu le traiter (erreur inattendue). Nouvel essai (essai 2).",
    );

    now = new Date(now.getTime() + 61_000);
    await processDueWebhooks(options);
    expect(await row("fr")).toMatchObject({
      status: "failed",
      error: "L'application n'a pas pu le traiter (erreur inattendue).",
    });
    expect((await row("en")).error).toBe("The app could not process it (unexpected error).");
    // The Dashboard's latest webhooks say it the same way.
    const dashboard = (await dashboardLoader({
      request: adminRequest(shop, "/app?locale=fr"),
      params: {},
      context: {},
    })) as Any;
    expect(dashboard.recentWebhooks.find((w: Any) => w.webhookId === webhookId)).toMatchObject({
      error: "L'application n'a pas pu le traiter (erreur inattendue).",
      errorInWords: true,
    });
  });
});
