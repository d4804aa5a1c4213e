// One chaos run: start the stack, push orders, webhooks and full stock syncs through it while each
// fault of faults.ts takes its turn, let it drain, settle the stock with one more full sync, then judge.
// Always stops what it started; the report says per fault what was lost, doubled or stuck and how long
// the app took to recover. Used by tests/chaos/chaos.ts (npm run test:chaos) and tests/e2e/chaos.test.ts.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../app/db.server";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";
import {
  compareStock,
  erpStocks,
  observe,
  orderDone,
  stuckJobs,
  tally,
  transfersByOrder,
  webhookDone,
  type Observation,
  type StockComparison,
  type Tally,
} from "./checks";
import type { ChaosProfile, DatabaseKind } from "./config";
import { FAULTS, fastmagFaults, shopifyFaults, sleep, type FaultContext } from "./faults";
import { getJson, Load } from "./load";
import { startChaosStack, type ChaosStack, type Crash } from "./stack";

export interface ChaosOptions {
  profile: ChaosProfile;
  database: DatabaseKind;
  databaseUrl?: string;
  worker: boolean;
  logDir: string;
  log?: (line: string) => void;
}

export interface PhaseReport {
  fault: string;
  note: string[];
  skipped?: string;
  startedAt: number;
  faultEndedAt: number;
  orders: number;
  webhooks: number;
  tally: Tally;
  crashes: number;
  appDownMs: number;
  /** ms from the end of the fault until all of its work was done (null: never). */
  recoveredMs: number | null;
}

export interface Invariant {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ChaosReport {
  ok: boolean;
  phases: PhaseReport[];
  invariants: Invariant[];
  notes: string[];
  crashes: Crash[];
  table: string;
  seconds: number;
}

export const STOCK_JOB = "stock.full";

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { profile } = options;
  const began = Date.now();
  fs.mkdirSync(options.logDir, { recursive: true });
  for (const file of fs.readdirSync(options.logDir))
    if (file.endsWith(".log")) fs.rmSync(path.join(options.logDir, file), { force: true });
  for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
  const { createPrismaClient } = await import("../../app/db.server");

  const stack = await startChaosStack({
    variants: profile.variants,
    webhookRetryDelaysMs: profile.webhookRetryDelaysMs,
    database: options.database,
    databaseUrl: options.databaseUrl,
    worker: options.worker,
    logDir: options.logDir,
    log,
  });
  const db = createPrismaClient(stack.databaseUrl);
  const phases: PhaseReport[] = [];
  const notes: string[] = [];
  const invariants: Invariant[] = [];
  let load: Load | undefined;
  let monitor: Monitor | undefined;
  let stock: StockComparison | null = null;
  try {
    load = new Load(stack, await orderableSkus(stack));
    monitor = new Monitor(stack, db, load, phases);
    monitor.start();
    await injectFaults(stack, db, load, phases, options, log);
    await drain(stack, db, load, profile, log, notes);
    stock = await settleStock(stack, db, load, profile, log, notes);
  } catch (error) {
    invariants.push({ name: "the run completed", ok: false, detail: (error as Error).stack ?? String(error) });
  }
  try {
    monitor?.stop();
    if (load) {
      const final = await observe(stack, db);
      monitor?.finish(final);
      judge(final, stock, load, phases, stack, invariants, notes, await transfersByOrder(stack));
    }
    const calls = await getJson<{ calls: number; byOutcome: Record<string, number> }>(
      `${stack.emulators.fastmagUrl}_emulator/outcomes`,
    );
    notes.push(`Fastmag calls: ${calls.calls} (${JSON.stringify(calls.byOutcome)})`);
  } catch (error) {
    invariants.push({ name: "the final checks ran", ok: false, detail: (error as Error).stack ?? String(error) });
  } finally {
    await db.$disconnect().catch(() => undefined);
    await stack.stop().catch((e: Error) => notes.push(`stopping: ${e.message}`));
  }
  const crashes = [...stack.app.crashes, ...(stack.worker?.crashes ?? [])];
  invariants.push({
    name: "no process crashed",
    ok: crashes.length === 0,
    detail: crashes.length
      ? crashes.map((c) => `${c.process} exit ${c.exit.code ?? c.exit.signal}: ${c.lastWords.slice(-300)}`).join("\n")
      : "app and worker only ever stopped when killed on purpose",
  });
  invariants.push({
    name: "every process started was stopped",
    ok: stack.book.started === stack.book.stopped && stack.book.alive().length === 0,
    detail: `${stack.book.started} started, ${stack.book.stopped} stopped`,
  });
  if (load?.errors.length) notes.push(`load errors (${load.errors.length}): ${load.errors.slice(0, 5).join(" | ")}`);
  const report: ChaosReport = {
    ok: invariants.every((i) => i.ok),
    phases,
    invariants,
    notes,
    crashes,
    table: "",
    seconds: (Date.now() - began) / 1000,
  };
  report.table = formatReport(report, options);
  return report;
}

/** SKUs whose web stock can take a few orders' transfers. */
async function orderableSkus(stack: ChaosStack): Promise<string[]> {
  const { rows } = await getJson<{ rows: [string, string, string, number, number][] }>(
    `${stack.emulators.fastmagUrl}_emulator/stocks`,
  );
  const skus = rows.filter((r) => r[4] >= 3).map((r) => `${r[0]}|${r[1]}|${r[2]}`);
  if (skus.length < 10) throw new Error(`only ${skus.length} SKUs have web stock for orders`);
  return skus;
}

async function injectFaults(
  stack: ChaosStack,
  db: Db,
  load: Load,
  phases: PhaseReport[],
  options: ChaosOptions,
  log: (line: string) => void,
): Promise<void> {
  const { profile } = options;
  const faults = FAULTS;
  for (const [index, fault] of faults.entries()) {
    const remaining = faults.length - index;
    const orders = Math.ceil((profile.orders - load.orders.length) / remaining);
    const webhooks = Math.ceil((profile.webhooks - load.webhooks.length) / remaining);
    const phase: PhaseReport = {
      fault: fault.name,
      note: [],
      startedAt: Date.now(),
      faultEndedAt: 0,
      orders: 0,
      webhooks: 0,
      tally: emptyTally(),
      crashes: 0,
      appDownMs: 0,
      recoveredMs: null,
    };
    phases.push(phase);
    const ctx: FaultContext = {
      stack,
      profile,
      database: options.database,
      note: (text) => phase.note.push(text),
      burst: async (share = 1) => {
        const o = Math.round(orders * share);
        const w = Math.round(webhooks * share);
        await Promise.all([load.orderBurst(o, index), load.webhookBurst(w, index)]);
      },
    };
    const skip = fault.skip?.(ctx);
    if (skip) {
      phase.skipped = skip;
      phase.faultEndedAt = Date.now();
      continue;
    }
    log(`== fault ${index}: ${fault.name}`);
    await ensureStockSync(stack, db, load, index);
    try {
      await fault.run(ctx);
    } catch (error) {
      // A fault that could not be set or lifted is reported; the run goes on with the faults cleared.
      phase.note.push(`injection failed: ${(error as Error).message}`);
      await Promise.allSettled([fastmagFaults(ctx, {}), shopifyFaults(ctx, {})]);
    }
    phase.faultEndedAt = Date.now();
  }
}

/** Starts a full stock sync unless one is queued or running; Shopify's levels move first so it has work. */
async function ensureStockSync(stack: ChaosStack, db: Db, load: Load, index: number): Promise<void> {
  try {
    const active = await db.job.count({
      where: { shop: stack.shop, type: STOCK_JOB, status: { in: ["queued", "running"] } },
    });
    if (active > 0) return;
    await load.shiftShopifyStock(3, index % 3, index % 2 === 0 ? 2 : -1).catch(() => undefined);
    await load.runNow(STOCK_JOB);
  } catch {
    // the database may be locked or the app down: the next phase tries again
  }
}

/** Waits until every order is in the ERP and every webhook processed, doing what a merchant would. */
async function drain(
  stack: ChaosStack,
  db: Db,
  load: Load,
  profile: ChaosProfile,
  log: (line: string) => void,
  notes: string[],
): Promise<Observation> {
  log(`== drain (up to ${profile.drainMs / 1000} s${profile.warp ? ", retry waits skipped" : ""})`);
  const deadline = Date.now() + profile.drainMs;
  const retried = new Map<string, number>();
  let warped = 0;
  let last = await observe(stack, db);
  while (Date.now() < deadline) {
    last = await observe(stack, db).catch(() => last);
    const ordersLeft = load.orders.filter((o) => !orderDone(last, o));
    const webhooksLeft = load.webhooks.filter((w) => !webhookDone(last, w));
    if (ordersLeft.length === 0 && webhooksLeft.length === 0 && stuckJobs(last).length === 0) break;
    // The Orders page shows failed exports with a Retry button; the merchant presses it.
    for (const order of ordersLeft) {
      const row = last.exports.get(order.gid);
      if (row?.status !== "failed" || (retried.get(row.id) ?? 0) >= 3) continue;
      if (await load.retryOrder(row.id)) retried.set(row.id, (retried.get(row.id) ?? 0) + 1);
    }
    if (profile.warp) {
      const now = new Date();
      const { count } = await db.job
        .updateMany({ where: { status: "queued", runAfter: { gt: now } }, data: { runAfter: now } })
        .catch(() => ({ count: 0 }));
      warped += count;
    }
    await sleep(1_000);
  }
  notes.push(
    `drain: ${Math.round((Date.now() - (deadline - profile.drainMs)) / 1000)} s; merchant Retry pressed on ${retried.size} failed export(s)` +
      (profile.warp ? `; ${warped} retry wait(s) skipped` : ""),
  );
  return last;
}

/** One more full stock sync once the faults are over (what the next scheduled run does), then compare. */
async function settleStock(
  stack: ChaosStack,
  db: Db,
  load: Load,
  profile: ChaosProfile,
  log: (line: string) => void,
  notes: string[],
): Promise<StockComparison | null> {
  log(`== settle: a last full stock sync (up to ${profile.settleMs / 1000} s)`);
  const deadline = Date.now() + profile.settleMs;
  let outcome = "not started: an earlier full stock sync stayed queued or running the whole time";
  let before = await erpStocks(stack);
  let lastReport = 0;
  while (Date.now() < deadline) {
    const active = await db.job.findFirst({
      where: { shop: stack.shop, type: STOCK_JOB, status: { in: ["queued", "running"] } },
    });
    if (active) {
      // Whether the earlier run is moving or stalled is what a failed settle needs to be read by.
      if (Date.now() - lastReport >= 30_000) {
        lastReport = Date.now();
        log(
          `   earlier full sync ${active.status}: ${active.progressDone}/${active.progressTotal ?? "?"} ${active.phase ?? ""}`,
        );
        outcome = `not started: an earlier full stock sync was still ${active.status} at ${active.progressDone}/${active.progressTotal ?? "?"} (${active.phase ?? "no phase"})`;
      }
      await sleep(1_000);
      continue;
    }
    before = await erpStocks(stack);
    const jobId = await load.runNow(STOCK_JOB);
    if (!jobId) {
      await sleep(1_000);
      continue;
    }
    while (Date.now() < deadline) {
      const job = await db.job.findUnique({ where: { id: jobId } });
      outcome = job?.status ?? "missing";
      if (job && ["succeeded", "failed", "cancelled"].includes(job.status)) break;
      if (profile.warp && job?.status === "queued")
        await db.job.update({ where: { id: jobId }, data: { runAfter: new Date() } }).catch(() => undefined);
      await sleep(500);
    }
    break;
  }
  notes.push(`settling full stock sync: ${outcome}`);
  if (outcome !== "succeeded") return null;
  return compareStock(stack, db, before);
}

function judge(
  final: Observation,
  stock: StockComparison | null,
  load: Load,
  phases: PhaseReport[],
  stack: ChaosStack,
  invariants: Invariant[],
  notes: string[],
  transfers: Map<string, number>,
): void {
  const stuck = stuckJobs(final);
  const phaseOfJob = (createdAt: Date) => {
    let found = 0;
    phases.forEach((p, i) => {
      if (createdAt.getTime() >= p.startedAt) found = i;
    });
    return found;
  };
  for (const [index, phase] of phases.entries()) {
    const orders = load.orders.filter((o) => o.phase === index);
    const webhooks = load.webhooks.filter((w) => w.phase === index);
    phase.orders = orders.length;
    phase.webhooks = webhooks.length;
    phase.tally = tally(final, orders, webhooks, stuck.filter((j) => phaseOfJob(j.createdAt) === index).length);
    const next = phases[index + 1]?.startedAt ?? Infinity;
    phase.crashes = [...stack.app.crashes, ...(stack.worker?.crashes ?? [])].filter(
      (c) => c.at >= phase.startedAt && c.at < next,
    ).length;
  }
  const all = tally(final, load.orders, load.webhooks, stuck.length);
  invariants.push({
    name: "every order once in the ERP",
    ok: all.lostOrders === 0 && all.lateOrders === 0 && all.doubledOrders === 0 && load.orders.length > 0,
    detail:
      `${load.orders.length} orders sent; ${all.lostOrders} lost, ${all.lateOrders} still queued when the drain ended, ` +
      `${all.doubledOrders} doubled, ${all.stuckOrders} left "exporting"`,
  });
  const orderDeliveries = load.orders.map((o) => final.deliveries.get(o.webhookId));
  const unprocessedOrderDeliveries = orderDeliveries.filter((d) => d && d.status !== "processed").length;
  invariants.push({
    name: "every webhook processed once",
    ok:
      all.lostWebhooks === 0 &&
      all.doubledWebhooks === 0 &&
      unprocessedOrderDeliveries === 0 &&
      load.webhooks.length > 0,
    detail:
      `${load.webhooks.length} data requests sent; ${all.lostWebhooks} not processed, ${all.doubledWebhooks} processed twice or more, ` +
      `${all.stuckWebhooks} left "received"; orders/create deliveries not processed: ${unprocessedOrderDeliveries}`,
  });
  invariants.push({
    name: "Shopify stock equals the ERP (shop's formula)",
    ok: stock !== null && stock.differing === 0 && stock.compared > 0,
    detail: stock
      ? `${stock.compared} SKUs compared, ${stock.differing} differ${stock.examples.length ? `: ${stock.examples.join("; ")}` : ""}`
      : "the settling full stock sync did not succeed, so nothing could be compared",
  });
  invariants.push({
    name: "no job stuck in running",
    ok: stuck.length === 0,
    detail: stuck.length
      ? stuck.map((j) => `${j.type} ${j.id} (lease ended ${j.leaseExpiresAt?.toISOString() ?? "never set"})`).join(", ")
      : `${final.running.length} running at the end, all with a live lease`,
  });
  const exported = load.orders.filter((o) => (final.erpOrders.get(o.gid) ?? 0) > 0);
  const doubledTransfers = exported.filter((o) => (transfers.get(o.gid) ?? 0) > 1).length;
  const missingTransfers = exported.filter((o) => (transfers.get(o.gid) ?? 0) === 0).length;
  invariants.push({
    name: "stock moved at most once per order",
    ok: doubledTransfers === 0,
    detail: `${doubledTransfers} orders moved twice or more; ${missingTransfers} exported orders never moved (at-most-once by design)`,
  });
  if (stock?.onlyInShopify) notes.push(`${stock.onlyInShopify} Shopify SKUs unknown to the ERP (not compared)`);
  if (stock?.movedMeanwhile)
    notes.push(`${stock.movedMeanwhile} SKUs moved in the ERP while the settling sync ran (exports): not compared`);
}

/** Watches the run: app reachability per phase, and when each phase's work is all done. */
class Monitor {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private ticks = 0;

  constructor(
    private readonly stack: ChaosStack,
    private readonly db: Db,
    private readonly load: Load,
    private readonly phases: PhaseReport[],
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), 1_000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const phase = this.phases.at(-1);
      const up = await fetch(`${this.stack.appUrl}/`, { signal: AbortSignal.timeout(2_000) })
        .then(async (r) => (await r.body?.cancel(), r.status < 500))
        .catch(() => false);
      if (phase && !up) phase.appDownMs += 1_000;
      if (this.ticks++ % 2 === 0) this.finish(await observe(this.stack, this.db));
    } catch {
      // the database may be locked: look again next tick
    } finally {
      this.busy = false;
    }
  }

  /** Marks the phases whose faults are over and whose work is all done. */
  finish(o: Observation): void {
    for (const [index, phase] of this.phases.entries()) {
      if (!phase.faultEndedAt || phase.recoveredMs !== null || phase.skipped) continue;
      const done =
        this.load.orders.filter((x) => x.phase === index).every((x) => orderDone(o, x)) &&
        this.load.webhooks.filter((x) => x.phase === index).every((x) => webhookDone(o, x));
      if (done) phase.recoveredMs = Math.max(0, o.at - phase.faultEndedAt);
    }
  }
}

const emptyTally = (): Tally => ({
  lostOrders: 0,
  lateOrders: 0,
  lostWebhooks: 0,
  doubledOrders: 0,
  doubledWebhooks: 0,
  stuckOrders: 0,
  stuckWebhooks: 0,
  stuckJobs: 0,
});

/** The table (fault → lost / doubled / stuck / recovered), the invariants and the notes, as text. */
export function formatReport(report: ChaosReport, options: ChaosOptions): string {
  const header = [
    "fault",
    "orders",
    "webhooks",
    "lost o/w",
    "late o",
    "doubled o/w",
    "stuck o/w/jobs",
    "crashes",
    "app down",
    "recovered within",
  ];
  const rows = report.phases.map((p) => {
    const t = p.tally;
    return [
      p.fault,
      String(p.orders),
      String(p.webhooks),
      `${t.lostOrders}/${t.lostWebhooks}`,
      String(t.lateOrders),
      `${t.doubledOrders}/${t.doubledWebhooks}`,
      `${t.stuckOrders}/${t.stuckWebhooks}/${t.stuckJobs}`,
      String(p.crashes),
      `${Math.round(p.appDownMs / 1000)} s`,
      p.skipped ? `skipped: ${p.skipped}` : p.recoveredMs === null ? "never" : `${(p.recoveredMs / 1000).toFixed(0)} s`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ");
  const out = [
    `chaos ${options.profile.name} on ${options.database} — ${options.profile.variants} variants, ${options.profile.orders} orders, ${options.profile.webhooks} webhooks, ${report.seconds.toFixed(0)} s`,
    line(header),
    widths.map((w) => "-".repeat(w)).join("-|-"),
    ...rows.map(line),
    "Work counts in the phase that sent it. lost: not in the ERP / not processed, nothing left to do it; late: its",
    "export still queued when the drain ended; stuck: orders left exporting, webhooks left received, jobs running",
    "on an expired lease; recovered within: from the end of the fault until all of its work was done.",
    "",
    ...report.invariants.map((i) => `${i.ok ? "PASS" : "FAIL"}  ${i.name}: ${i.detail}`),
    ...report.phases.filter((p) => p.note.length).map((p) => `note  ${p.fault}: ${p.note.join("; ")}`),
    ...report.notes.map((n) => `note  ${n}`),
    `logs  ${path.resolve(options.logDir)}`,
  ];
  return out.join("\n");
}
