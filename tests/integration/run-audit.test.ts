// A run can be audited (issue 16, point 2): it keeps what it changed (item, field, before → after),
// paged by keyset with its total, filterable and exported as CSV with the shop's offset; its log holds
// real lines (phases, retries, warnings); its counters add up (seen = changed + unchanged + skipped +
// failed); rows the ERP sent that cannot be read are failed rows with a reason and the run ends
// "succeeded with problems"; a run waiting to retry says when; the duration is wall-clock.
// Real parts: the Fastmag and Shopify emulators, the job engine, the shop's saved settings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { fastmagDateTime } from "~/connectors/fastmag/queries.server";
import { saveFastmagSettings } from "~/connectors/fastmag/settings.server";
import { db } from "~/db.server";
import {
  allChanges,
  allRunItems,
  changesToCsv,
  enqueueJob,
  getJob,
  listChanges,
  listRunItems,
  listRunLog,
  skippedToCsv,
  type JobSummary,
} from "~/jobs/api.server";
import { listAppEvents } from "~/alerts/app-events.server";
import { registerAlerts } from "~/alerts/listeners.server";
import { connectionProblemSaid } from "~/lib/merchant-messages.server";
import { UNKNOWN_IN_SHOPIFY } from "~/sync/shopify-stock.server";
import { manualClock } from "~/jobs/clock";
import { registerJobType } from "~/jobs/registry.server";
import { runDueJobs } from "~/jobs/worker.server";
import { TransientError } from "~/lib/errors";
import { loader as jobState } from "~/routes/api.jobs.$id";
import { loader as jobChanges } from "~/routes/api.jobs.$id.changes";
import { loader as jobLog } from "~/routes/api.jobs.$id.log";
import { installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { CREDENTIALS } from "./fastmag-harness";
import { startCatalogWorld, type CatalogWorld } from "./catalog-harness";
import { startStockWorld, type StockWorld } from "./stock-harness";

const addsUp = (c: JobSummary["counters"]) => expect(c.seen).toBe(c.changed + c.unchanged + c.skipped + c.failed);

describe("auditing stock and price runs", () => {
  let world: StockWorld;
  beforeAll(async () => {
    // Every other SKU already holds its ERP level in Shopify: those are unchanged.
    world = await startStockWorld({ variants: 300, initialShopifyLevel: () => 50 });
    await installShop(world.shop);
    await db.session.update({
      where: { id: `offline_${world.shop}` },
      data: { accessToken: world.shopify.issueAccessToken(world.shop) },
    });
    const saved = await saveFastmagSettings(
      world.shop,
      {
        host: world.fastmag.emulator.url,
        ...CREDENTIALS,
        stockA: false,
        stockB: "on",
        safetyMargin: "0",
        locationId: world.locationId,
        seasons: "",
        timeZone: "Europe/Paris",
      },
      { knownLocationIds: [world.locationId] },
    );
    expect(saved.ok).toBe(true);
  });
  afterAll(() => world?.close());

  async function run(type: string) {
    const { jobId } = await enqueueJob({ db }, { shop: world.shop, type, trigger: "api" });
    await runDueJobs({ db, types: [type] });
    return (await getJob({ db }, world.shop, jobId))!;
  }

  it("a full stock run keeps each change, paged by keyset with its total, filterable, as CSV with the offset", async () => {
    const erp = world.erpWebStock();
    const expectedChanged = [...erp.values()].filter((stock) => stock !== 50).length;
    expect(expectedChanged).toBeGreaterThan(150);
    const job = await run("stock.full");
    expect(job.status).toBe("succeeded");
    expect(job.withProblems).toBe(false);
    expect(job.counters).toMatchObject({ changed: expectedChanged, failed: 0 });
    expect(job.counters.unchanged).toBe(world.skus.length - expectedChanged);
    addsUp(job.counters);

    // Page after page, each change once, in the order made; the total on every page.
    const seen = new Set<number>();
    let page = await listChanges({ db }, world.shop, job.id, { limit: 100 });
    const firstPage = page;
    expect(page.previous).toBeNull();
    for (;;) {
      expect(page.total).toBe(expectedChanged);
      for (const change of page.items) {
        expect(seen.has(change.id)).toBe(false);
        seen.add(change.id);
        expect(change).toMatchObject({ entity: "variant", field: "available", before: "50" });
        expect(change.after).toBe(String(erp.get(change.externalId)));
      }
      if (!page.next) break;
      page = await listChanges({ db }, world.shop, job.id, { limit: 100, after: page.next });
    }
    expect(seen.size).toBe(expectedChanged);
    // Back one page from the second gives the first.
    const second = await listChanges({ db }, world.shop, job.id, { limit: 100, after: firstPage.next });
    const back = await listChanges({ db }, world.shop, job.id, { limit: 100, before: second.previous });
    expect(back.items.map((c) => c.id)).toEqual(firstPage.items.map((c) => c.id));
    expect(back.previous).toBeNull();

    // Filter on the item.
    const sku = firstPage.items[3].externalId;
    const one = await listChanges({ db }, world.shop, job.id, { search: sku });
    expect(one.total).toBe(1);
    expect(one.items[0].externalId).toBe(sku);

    // CSV: one line per change, times in the shop's zone with the offset (Paris: +01:00 or +02:00).
    const csv = changesToCsv(await allChanges({ db }, world.shop, job.id, {}), "Europe/Paris");
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("entity,item,field,before,after,at");
    expect(lines).toHaveLength(expectedChanged + 1);
    expect(lines[1]).toMatch(/^variant,[^,]+,available,50,\d+,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);

    // The log tells the phases and the outcome.
    const log = await listRunLog({ db }, world.shop, job.id);
    const messages = log.items.map((l) => l.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        "Reading stock from Fastmag…",
        "Writing to Shopify…",
        expect.stringMatching(/^Finished: 300 seen, \d+ changed, \d+ unchanged, 0 skipped, 0 failed\.$/),
      ]),
    );
    expect(log.total).toBe(log.items.length);
  });

  it("a price run keeps each price it changed, before → after, and its counters add up", async () => {
    const job = await run("prices.update");
    expect(job.status).toBe("succeeded");
    addsUp(job.counters);
    expect(job.counters.changed).toBe(world.skus.length);
    const prices = await listChanges({ db }, world.shop, job.id, { field: "price", limit: 1000 });
    expect(prices.total).toBe(world.skus.length);
    expect(prices.fields).toContain("price");
    const variants = new Map([...world.shopRecord.variants.values()].map((v) => [v.sku, v.price]));
    for (const change of prices.items) {
      expect(change.before).toBe("10.00");
      expect(Number(change.after)).toBe(Number(variants.get(change.externalId)));
    }
    const log = await listRunLog({ db }, world.shop, job.id);
    expect(log.items.map((l) => l.message)).toEqual(
      expect.arrayContaining(["Reading prices from Fastmag and Shopify…", "Writing prices to Shopify…"]),
    );
  });

  it("a changes-only stock run keeps its changes too", async () => {
    await run("stock.changes"); // no watermark yet: a full run
    const at = fastmagDateTime(new Date(Date.now() + 60_000));
    const moved = world.skus.slice(20, 23);
    for (const sku of moved) world.moveErpStock(sku, 7, at);
    const job = await run("stock.changes");
    expect(job.result).toMatchObject({ mode: "differential" });
    addsUp(job.counters);
    const changes = await listChanges({ db }, world.shop, job.id);
    expect(changes.items.map((c) => c.externalId).sort()).toEqual([...moved].sort());
    const erp = world.erpWebStock();
    for (const c of changes.items) {
      expect(c.field).toBe("available");
      expect(Number(c.after)).toBe(erp.get(c.externalId));
      expect(Number(c.after) - Number(c.before)).toBe(7);
    }
  });

  it("unreadable ERP rows are failed rows with a reason, and the run succeeds with problems", async () => {
    world.fastmag.emulator.setFaults({ malformedRows: { every: 25 } });
    try {
      const job = await run("stock.full");
      const rows = world.skus.length;
      expect(job.status).toBe("succeeded");
      expect(job.withProblems).toBe(true);
      expect(job.counters.failed).toBe(Math.floor(rows / 25));
      addsUp(job.counters);
      const failed = await listRunItems({ db }, world.shop, job.id, { outcome: "failed", limit: 5 });
      expect(failed.total).toBe(job.counters.failed);
      expect(failed.items).toHaveLength(5);
      for (const item of failed.items) {
        expect(item.outcome).toBe("failed");
        expect(item.reason).toMatch(/^Could not be read from Fastmag: row \d+/);
      }
      // The skipped list does not hold them.
      const skipped = await listRunItems({ db }, world.shop, job.id, { outcome: "skipped", limit: 1000 });
      expect(skipped.items.every((i) => i.outcome === "skipped")).toBe(true);
      expect(skipped.total).toBe(job.counters.skipped);
      const log = await listRunLog({ db }, world.shop, job.id, { level: "warn" });
      expect(log.items.map((l) => l.message)).toContain(
        `${job.counters.failed} rows from Fastmag could not be read: listed under Failed rows, not synced.`,
      );
      // A French admin reads the same stored reasons and lines in French (ADR 0021); the row as Fastmag sent it stays quoted.
      const failedFr = await listRunItems({ db }, world.shop, job.id, { outcome: "failed", limit: 5 }, "fr");
      expect(failedFr.items.map((i) => i.id)).toEqual(failed.items.map((i) => i.id));
      for (const item of failedFr.items) {
        expect(item.reason).toMatch(/^Illisible dans Fastmag : ligne \d+( \(.+\))? : .+« [\s\S]* »/);
        expect(item.reason).not.toMatch(/Could not|is not|expected/);
      }
      const logFr = await listRunLog({ db }, world.shop, job.id, { level: "warn" }, "fr");
      expect(logFr.items.map((l) => l.message)).toContain(
        `${job.counters.failed} lignes de Fastmag n'ont pas pu être lues : elles sont listées dans les lignes en échec, non synchronisées.`,
      );
      const csvFr = skippedToCsv(
        await allRunItems({ db }, world.shop, job.id, { outcome: "failed" }, undefined, "fr"),
        "Europe/Paris",
        "fr",
      );
      expect(csvFr.split("\r\n")[1]).toMatch(/^row,row \d+,"Illisible dans Fastmag : ligne \d+/);
    } finally {
      world.fastmag.emulator.setFaults({});
    }
  });
});

// A run that fails on its first attempt and succeeds on its second, with a log line per item.
let attempts = 0;
const clock = manualClock(new Date("2026-12-01T09:00:00Z"));
registerJobType<Record<string, never>>({
  type: "test.audit-flaky",
  title: "Flaky audit test",
  description: "Fails once, then logs 250 lines.",
  retry: { maxAttempts: 3, baseDelayMs: 60_000, capDelayMs: 60_000 },
  handler: async (ctx) => {
    attempts++;
    clock.advance(5_000);
    if (attempts === 1) throw new TransientError("The ERP did not answer in time.");
    for (let i = 0; i < 250; i++) ctx.log("info", `line ${i}`);
    ctx.count({ seen: 10, changed: 4 });
    clock.advance(3_000);
  },
});

describe("run waiting to retry, wall-clock duration, paged log", () => {
  it("says when the next attempt comes, and measures from the first attempt's start to the end", async () => {
    const shop = uniqueShop("audit");
    await installShop(shop);
    const { jobId } = await enqueueJob({ db, clock }, { shop, type: "test.audit-flaky" });
    const start = clock.now();
    await runDueJobs({ db, clock, types: ["test.audit-flaky"] });
    const waiting = (await getJob({ db }, shop, jobId))!;
    expect(waiting.status).toBe("queued");
    expect(waiting.nextRetryAt).not.toBeNull();
    expect(new Date(waiting.nextRetryAt!).getTime()).toBeGreaterThan(clock.now().getTime());
    expect(waiting.nextRetryAt).toBe(waiting.runAfter);
    const warning = (await listRunLog({ db }, shop, jobId, { level: "warn" })).items[0];
    expect(warning.message).toMatch(
      /^Attempt 1 of 3 failed: The ERP did not answer in time\. Trying again in \d+ (s|min)\.$/,
    );

    clock.set(new Date(new Date(waiting.nextRetryAt!).getTime() + 1_000));
    await runDueJobs({ db, clock, types: ["test.audit-flaky"] });
    const done = (await getJob({ db }, shop, jobId))!;
    expect(done.status).toBe("succeeded");
    expect(done.nextRetryAt).toBeNull();
    expect(done.firstStartedAt).toBe(start.toISOString());
    expect(done.durationSeconds).toBe(Math.round((clock.now().getTime() - start.getTime()) / 100) / 10);
    // Not the last attempt's 8 s: from the first attempt's start, the wait for the retry included.
    const lastAttempt = (new Date(done.finishedAt!).getTime() - new Date(done.startedAt!).getTime()) / 1000;
    expect(lastAttempt).toBe(8);
    expect(done.durationSeconds).toBeGreaterThan(lastAttempt + 5);
    // Counters that only say seen and changed still add up.
    expect(done.counters).toMatchObject({ seen: 10, changed: 4, unchanged: 6, skipped: 0, failed: 0 });

    // The log is stored whole and paged: every line once, with the total.
    const first = await listRunLog({ db }, shop, jobId, { limit: 100 });
    expect(first.total).toBeGreaterThan(250);
    const all = [...first.items];
    let next = first.next;
    while (next) {
      const page = await listRunLog({ db }, shop, jobId, { limit: 100, after: next });
      all.push(...page.items);
      next = page.next;
    }
    expect(all).toHaveLength(first.total);
    expect(new Set(all.map((l) => l.id)).size).toBe(first.total);
    const lines = all.map((l) => l.message).filter((m) => m.startsWith("line "));
    expect(lines).toEqual(Array.from({ length: 250 }, (_, i) => `line ${i}`));
  });

  it("the JSON API keeps GET /api/jobs/<id> and adds its changes and log, paged", async () => {
    const shop = uniqueShop("audit-api");
    await installShop(shop);
    const { token } = await createApiToken(shop, "ERP");
    attempts = 1; // succeeds at once
    const { jobId } = await enqueueJob({ db, clock }, { shop, type: "test.audit-flaky" });
    await runDueJobs({ db, clock, types: ["test.audit-flaky"] });
    const request = (path: string) =>
      new Request(`${process.env.SHOPIFY_APP_URL}${path}`, { headers: { authorization: `Bearer ${token}` } });

    const state = await jobState({ request: request(`/api/jobs/${jobId}`), params: { id: jobId }, context: {} });
    expect(state.status).toBe(200);
    const body = await state.json();
    expect(body).toMatchObject({ id: jobId, status: "succeeded", counters: { seen: 10, changed: 4 } });
    expect(body.log).toHaveLength(50);

    const log = await jobLog({
      request: request(`/api/jobs/${jobId}/log?limit=100`),
      params: { id: jobId },
      context: {},
    });
    const logBody = await log.json();
    expect(logBody.items).toHaveLength(100);
    expect(logBody.total).toBeGreaterThan(250);
    const nextLog = await jobLog({
      request: request(`/api/jobs/${jobId}/log?limit=100&after=${encodeURIComponent(logBody.next)}`),
      params: { id: jobId },
      context: {},
    });
    expect((await nextLog.json()).items[0].message).toBe("line 100");

    const changes = await jobChanges({
      request: request(`/api/jobs/${jobId}/changes`),
      params: { id: jobId },
      context: {},
    });
    expect(await changes.json()).toEqual({ items: [], total: 0, next: null, previous: null, fields: [] });
    const missing = await jobChanges({
      request: request(`/api/jobs/nope/changes`),
      params: { id: "nope" },
      context: {},
    });
    expect(missing.status).toBe(404);
  });
});

// A run that skips a SKU, logs a line, and gives up on an ERP that does not answer: what it stored is
// read in each admin's language (ADR 0021).
let storedAttempts = 0;
registerJobType<Record<string, never>>({
  type: "test.stored-words",
  title: "Stored words test",
  description: "Skips a SKU, then times out twice.",
  retry: { maxAttempts: 2, baseDelayMs: 60_000, capDelayMs: 60_000 },
  handler: async (ctx) => {
    storedAttempts++;
    ctx.skip("variant", "ZZ-404", UNKNOWN_IN_SHOPIFY);
    ctx.count({ seen: 3, changed: 2 });
    throw new TransientError(connectionProblemSaid("Fastmag", "timeout"));
  },
});

describe("stored messages in the admin's language", () => {
  it("a French admin reads the failure, its log and the skipped reason in French; an English admin in English", async () => {
    registerAlerts();
    const shop = uniqueShop("stored-words");
    await installShop(shop);
    const { jobId } = await enqueueJob({ db, clock }, { shop, type: "test.stored-words" });
    await runDueJobs({ db, clock, types: ["test.stored-words"] });
    const waiting = (await getJob({ db }, shop, jobId))!;
    clock.set(new Date(new Date(waiting.nextRetryAt!).getTime() + 1_000));
    await runDueJobs({ db, clock, types: ["test.stored-words"] });
    expect(storedAttempts).toBe(2);

    const english = (await getJob({ db }, shop, jobId))!;
    expect(english.status).toBe("failed");
    expect(english.error?.message).toBe(
      "Fastmag did not answer in time. Try again in a few minutes. (gave up after 2 attempts)",
    );
    const french = (await getJob({ db }, shop, jobId, {}, "fr"))!;
    expect(french.error?.message).toBe(
      "Fastmag n'a pas répondu à temps. Réessayez dans quelques minutes. (abandon après 2 tentatives)",
    );

    const logEn = (await listRunLog({ db }, shop, jobId, { level: "warn" })).items.map((l) => l.message);
    expect(logEn[0]).toMatch(
      /^Attempt 1 of 2 failed: Fastmag did not answer in time\. Try again in a few minutes\. Trying again in \d+ (s|min)\.$/,
    );
    const logFr = (await listRunLog({ db }, shop, jobId, { level: "warn" }, "fr")).items.map((l) => l.message);
    expect(logFr[0]).toMatch(
      /^Tentative 1 sur 2 échouée : Fastmag n'a pas répondu à temps\. Réessayez dans quelques minutes\. Nouvel essai dans \d+ (s|min)\.$/,
    );

    const skippedEn = await listRunItems({ db }, shop, jobId, { outcome: "skipped" });
    expect(skippedEn.items[0]).toMatchObject({ externalId: "ZZ-404", reason: "No Shopify variant has this SKU." });
    const skippedFr = await listRunItems({ db }, shop, jobId, { outcome: "skipped" }, "fr");
    expect(skippedFr.items[0]).toMatchObject({ externalId: "ZZ-404", reason: "Aucune variante Shopify n'a ce SKU." });

    // The Logs screen's app event of the failed run.
    const eventEn = (await listAppEvents(shop, { kind: "run-failed" }, db)).items[0];
    expect(eventEn?.message).toBe(
      "Stored words test failed: Fastmag did not answer in time. Try again in a few minutes. (gave up after 2 attempts)",
    );
    const eventFr = (await listAppEvents(shop, { kind: "run-failed" }, db, "fr")).items[0];
    expect(eventFr?.message).toBe(
      "Stored words test a échoué : Fastmag n'a pas répondu à temps. Réessayez dans quelques minutes. (abandon après 2 tentatives)",
    );

    // A row written before words were stored (or by a later version's key) shows its English.
    await db.job.update({ where: { id: jobId }, data: { errorWords: null } });
    expect((await getJob({ db }, shop, jobId, {}, "fr"))!.error?.message).toBe(english.error?.message);
  });
});

describe("auditing a season import (a third run type)", () => {
  let catalog: CatalogWorld;
  beforeAll(async () => {
    catalog = await startCatalogWorld({ variants: 200 });
  });
  afterAll(() => catalog?.close());

  it("keeps a change per product created, and unreadable source rows as failed rows", async () => {
    const references = (
      catalog.fastmag.emulator.db
        .prepare("SELECT DISTINCT reference FROM products WHERE season = 'E23' AND active = 1 ORDER BY reference")
        .all() as { reference: string }[]
    ).map((r) => r.reference);
    expect(references.length).toBeGreaterThan(3);
    const run = await catalog.importSeason("E23", { bulkFrom: 1_000 });
    expect(run.report.changes.map((c) => c.externalId).sort()).toEqual([...references].sort());
    for (const change of run.report.changes) {
      expect(change).toMatchObject({ entity: "product", field: "product", before: null });
      expect(change.after).toMatch(/^created \(draft\): .+, \d+ variants?$/);
    }

    catalog.fastmag.emulator.setFaults({ malformedRows: { every: 7 } });
    try {
      const broken = await catalog.importSeason("E23", { bulkFrom: 1_000 });
      expect(broken.report.failed.length).toBeGreaterThan(0);
      for (const row of broken.report.failed) {
        expect(row.entity).toBe("product-row");
        expect(row.reason).toMatch(/^Could not be read from Fastmag: row \d+/);
      }
      expect(broken.report.counters.failed).toBe(broken.report.failed.length);
    } finally {
      catalog.fastmag.emulator.setFaults({});
    }
  });
});
