// A shop that installed the app but has not set up Fastmag yet: its schedules are on, yet nothing
// fails every 2 minutes. The scheduler leaves those syncs alone, a run started anyway ends "waiting
// for setup" without retries, and the Dashboard says what to set up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveConnectorSettings } from "~/connectors/settings.server";
import { db } from "~/db.server";
import { enqueueFiresBetween, fireSchedule } from "~/jobs/scheduler.server";
import { runDueJobs } from "~/jobs/worker.server";
import { loader as embeddedApp } from "~/routes/app";
import { loader as dashboard } from "~/routes/app._index";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { adminRequest, callRoute } from "../support/admin-request";
import { uniqueShop } from "../support/shops";

let shopify: ShopifyEmulator;
const shop = uniqueShop("setup");

beforeAll(async () => {
  shopify = await startShopifyEmulator({
    port: 0,
    app: {
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: process.env.SHOPIFY_API_SECRET!,
      appUrl: process.env.SHOPIFY_APP_URL!,
    },
    shops: [{ domain: shop, name: "Boutique Neuve", ianaTimezone: "Europe/Paris", currencyCode: "EUR" }],
  });
  installShopifyOriginOverride(shopify.url);
  // Installation as a merchant does it: the first visit exchanges the session token and records the shop.
  const host = Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString("base64url");
  const url = `${process.env.SHOPIFY_APP_URL}/app?embedded=1&shop=${shop}&host=${host}&id_token=${shopify.mintSessionToken(shop)}`;
  const visit = new Request(url, { headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0" } });
  expect(await callRoute(() => embeddedApp({ request: visit, params: {}, context: {} }))).not.toBeInstanceOf(Response);
});

afterAll(async () => {
  await shopify?.close();
});

// The syncs that need a back office: everything but Shopify's own setup and housekeeping.
const SYNC_TYPES = [
  "stock.full",
  "stock.changes",
  "prices.update",
  "orders.export",
  "orders.reconcile",
  "orders.statuses",
  "orders.deliveries",
];
const fastmagTypes = (rows: { type: string }[]) => rows.filter((r) => SYNC_TYPES.includes(r.type));

describe("a shop that has not set up Fastmag", () => {
  it("gets no failed runs from its schedules: they wait for setup", async () => {
    const schedules = await db.schedule.findMany({ where: { shop, enabled: true } });
    expect(fastmagTypes(schedules).map((s) => s.type)).toContain("stock.changes");

    // What the running scheduler does on each fire: nothing for the Fastmag syncs.
    const now = new Date();
    for (const schedule of schedules) {
      const fired = await fireSchedule(db, schedule, now);
      if (SYNC_TYPES.includes(schedule.type))
        expect(fired).toEqual({ jobId: null, created: false, waitingForSetup: "Fastmag" });
    }
    expect(fastmagTypes(await db.job.findMany({ where: { shop } }))).toEqual([]);

    // Runs queued anyway (ten minutes of fires, a "Run now"): they end waiting for setup, never retried.
    for (const schedule of schedules)
      await enqueueFiresBetween(db, schedule, new Date(now.getTime() - 10 * 60_000), now);
    const queued = fastmagTypes(await db.job.findMany({ where: { shop } }));
    expect(queued.length).toBeGreaterThanOrEqual(5);
    await runDueJobs({ db, types: [...new Set(queued.map((j) => j.type))] });

    const runs = await db.job.findMany({ where: { shop, type: { in: SYNC_TYPES } } });
    expect(runs.filter((r) => r.status !== "succeeded" && r.status !== "skipped")).toEqual([]);
    expect(runs.every((r) => r.attempt === 1)).toBe(true);
    // Those that need Fastmag say so; a sync with nothing to do without it (deliveries, and missed orders,
    // which fires at :20 and so falls in the window between :20 and :30) just succeeds.
    const withoutFastmag = ["orders.deliveries", "orders.reconcile"];
    const skipped = runs.filter((r) => !withoutFastmag.includes(r.type));
    expect(skipped.map((r) => r.type)).toContain("stock.changes");
    expect(skipped.filter((r) => r.status !== "skipped")).toEqual([]);
    expect(skipped.every((r) => /Fastmag is not set up/.test(r.errorMessage ?? ""))).toBe(true);
  });

  it("sees on the Dashboard what to set up, until it is", async () => {
    const before = await dashboard({ request: adminRequest(shop, "/app"), params: {}, context: {} });
    expect(before.setup).toEqual([
      expect.objectContaining({
        what: "Fastmag",
        url: "/app/settings/fastmag",
        syncs: expect.arrayContaining(["Stock (changes only)", "Prices"]),
      }),
    ]);
    expect(before.failuresLast24h).toEqual([]);

    await saveConnectorSettings(shop, "fastmag", { host: "https://fastmag.example" }, { motpasse: "secret" });
    const after = await dashboard({ request: adminRequest(shop, "/app"), params: {}, context: {} });
    expect(after.setup).toEqual([]);
    const schedule = await db.schedule.findFirstOrThrow({ where: { shop, type: "stock.changes" } });
    expect(await fireSchedule(db, schedule, new Date())).toMatchObject({ created: true });
  });
});
