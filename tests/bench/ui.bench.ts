// The screens' speed with a shop's history at scale:  npm run bench:ui   (builds first if build/ is missing)
// Seeds a SQLite database (or DATABASE_URL: a fresh, migrated one) with 100,000 variants' stock, 10,000
// runs (with skipped items and log lines) and 50,000 orders, starts the BUILT app on it with the
// emulators, opens every screen in Chromium inside the emulated admin, and prints per screen:
// LCP (largest contentful paint of the app's frame, from its own navigation start), CLS (layout shift
// score over the load and 2 s after), INP (the slowest interaction's duration: a click on the page's
// heading and a Tab; "< 16 ms" when Chromium recorded none that long), the document's server time, and
// what the largest paint was (its tag and first words: what to look at when LCP is slow).
// Asserts nothing; target: LCP < 1 s and CLS < 0.05 on every screen.
//   BENCH_UI_VARIANTS=100000  BENCH_UI_RUNS=10000  BENCH_UI_ORDERS=50000  BENCH_UI_ROUNDS=3 (median printed)
//   BENCH_UI_SCREENS=/app/runs/,/app/orders   only the screens whose path starts with one of these
//   BENCH_UI_DETAIL=1   also prints each round's timeline: server, first byte to last, parsed, first
//                       contentful paint, every LCP candidate (time, area, element), when React had
//                       hydrated, the render-blocking files and the long tasks (what held the paint)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Frame, Page } from "playwright-core";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";
import { ensureBuilt, freePort } from "./built-app";

for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
ensureBuilt();
const { startStack } = await import("../../scripts/stack");
const { createPrismaClient } = await import("../../app/db.server");
const { APP_SECTIONS } = await import("../../app/navigation");
const { launchBrowser, newMerchantPage } = await import("../e2e/support/browser");

const VARIANTS = Number(process.env.BENCH_UI_VARIANTS ?? 100_000);
const RUNS = Number(process.env.BENCH_UI_RUNS ?? 10_000);
const ORDERS = Number(process.env.BENCH_UI_ORDERS ?? 50_000);
const ROUNDS = Number(process.env.BENCH_UI_ROUNDS ?? 3);
const SCREENS = (process.env.BENCH_UI_SCREENS ?? "").split(",").filter(Boolean);
const DETAIL = process.env.BENCH_UI_DETAIL === "1";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-bench-ui-"));
const databaseUrl = process.env.DATABASE_URL ?? `file:${path.join(tmp, "bench.sqlite")}`;
const stack = await startStack({ appPort: await freePort(), shopifyPort: 0, databaseUrl, quiet: true });
const db = createPrismaClient(databaseUrl);
const browser = await launchBrowser();

// Web vitals of the app's frame, gathered from its first paint (an init script runs in every frame).
const VITALS = `(() => {
  const v = { lcp: 0, cls: 0, inp: 0, element: "", fcp: 0, hydrated: 0, candidates: [], longTasks: [] };
  window.__vitals = v;
  const describe = (el) => el ? el.tagName.toLowerCase() + " “" + (el.textContent || "").trim().slice(0, 32) + "”" : "";
  new PerformanceObserver((l) => { for (const e of l.getEntries()) {
    v.candidates.push({ at: e.startTime, size: e.size, element: describe(e.element) });
    if (e.startTime >= v.lcp) { v.lcp = e.startTime; v.element = describe(e.element); }
  } }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) v.cls += e.value; })
    .observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) v.inp = Math.max(v.inp, e.duration); })
    .observe({ type: "event", buffered: true, durationThreshold: 16 });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === "first-contentful-paint") v.fcp = e.startTime; })
    .observe({ type: "paint", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) v.longTasks.push([e.startTime, e.duration]); })
    .observe({ type: "longtask", buffered: true });
  // The root route marks <html data-hydrated> once React has taken over the page (no <html> yet when this runs).
  new MutationObserver((_, observer) => {
    if (document.documentElement?.dataset.hydrated) { v.hydrated = performance.now(); observer.disconnect(); }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-hydrated"] });
})();`;

async function seed(shop: string): Promise<{ runId: string; sku: string; orderId: string }> {
  const started = performance.now();
  const now = Date.now();
  const chunk = 2_000;
  for (let i = 0; i < VARIANTS; i += chunk)
    await db.stockSnapshot.createMany({
      data: Array.from({ length: Math.min(chunk, VARIANTS - i) }, (_, n) => ({
        shop,
        sku: `REF${String(i + n).padStart(6, "0")}|NOIR|M`,
        webStock: (i + n) % 17,
        shopifyQuantity: (i + n) % 17,
        inventoryItemId: `gid://shopify/InventoryItem/${900_000 + i + n}`,
        syncedAt: new Date(now - (i + n) * 1000),
      })),
    });
  const types = ["stock.changes", "stock.full", "prices", "orders.export", "catalog.import"];
  for (let i = 0; i < RUNS; i += chunk)
    await db.job.createMany({
      data: Array.from({ length: Math.min(chunk, RUNS - i) }, (_, n) => {
        const at = new Date(now - (i + n) * 300_000);
        const failed = (i + n) % 50 === 0;
        return {
          id: `bench-run-${i + n}`,
          shop,
          type: types[(i + n) % types.length]!,
          trigger: "schedule",
          status: failed ? "failed" : "succeeded",
          attempt: 1,
          runAfter: at,
          createdAt: at,
          startedAt: at,
          finishedAt: new Date(at.getTime() + 42_000),
          progressDone: 100,
          progressTotal: 100,
          seenCount: 100,
          changedCount: 16,
          skippedCount: 3,
          errorMessage: failed ? "Fastmag did not answer in time." : null,
        };
      }),
    });
  const runId = "bench-run-1";
  await db.jobSkippedItem.createMany({
    data: Array.from({ length: 3_001 }, (_, n) => ({
      jobId: runId,
      shop,
      entity: "variant",
      externalId: `UNKNOWN${n}`,
      reason: "No Shopify variant has this SKU.",
    })),
  });
  await db.jobLogEntry.createMany({
    data: Array.from({ length: 200 }, (_, n) => ({ jobId: runId, shop, level: "info", message: `Step ${n}` })),
  });
  const statuses = ["exported", "exported", "exported", "failed", "pending"];
  for (let i = 0; i < ORDERS; i += chunk)
    await db.orderExport.createMany({
      data: Array.from({ length: Math.min(chunk, ORDERS - i) }, (_, n) => {
        const id = 5_000_000 + i + n;
        return {
          id: `bench-order-${i + n}`,
          shop,
          shopifyOrderId: `gid://shopify/Order/${id}`,
          shopifyOrderName: `#${id}`,
          email: `customer${(i + n) % 5000}@example.com`,
          status: statuses[(i + n) % statuses.length]!,
          payloadJson: JSON.stringify({ id, name: `#${id}`, line_items: [{ sku: "REF000001|NOIR|M", quantity: 1 }] }),
          erpOrderId: String(80_000 + i + n),
          createdAt: new Date(now - (i + n) * 60_000),
        };
      }),
    });
  console.log(
    `seeded ${VARIANTS} variants, ${RUNS} runs, ${ORDERS} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { runId, sku: "REF000042|NOIR|M", orderId: "bench-order-7" };
}

async function appFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const frame = page.frame({ name: "app-iframe" });
    if (frame && (await frame.locator("html[data-hydrated]").count()) > 0) return frame;
    if (Date.now() > deadline) throw new Error("the app's frame did not load");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Vitals {
  lcp: number;
  cls: number;
  inp: number;
  server: number;
  element: string;
  fcp: number;
  hydrated: number;
  /** The document's bytes: from the first to the last (ms after navigation start), and its size. */
  firstByte: number;
  lastByte: number;
  bytes: number;
  /** When the parser had read the whole document. */
  domInteractive: number;
  /** Stylesheets and scripts that held the first paint: path and when they had arrived. */
  blocking: string[];
  longTasks: [number, number][];
  candidates: { at: number; size: number; element: string }[];
}

async function measure(page: Page, screen: string): Promise<Vitals> {
  await page.goto(`${stack.adminUrl}${screen.slice("/app".length)}`);
  const frame = await appFrame(page);
  await frame.waitForLoadState("load");
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const heading = frame.locator("h1, h2").first();
  if (await heading.count()) await heading.click({ timeout: 5_000 }).catch(() => undefined);
  await page.keyboard.press("Tab");
  await new Promise((resolve) => setTimeout(resolve, 500));
  return frame.evaluate(() => {
    const v = (
      window as unknown as {
        __vitals: Omit<Vitals, "server" | "firstByte" | "lastByte" | "bytes" | "domInteractive" | "blocking">;
      }
    ).__vitals;
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const resources = performance.getEntriesByType("resource") as (PerformanceResourceTiming & {
      renderBlockingStatus?: string;
    })[];
    return {
      ...v,
      server: nav ? nav.responseStart - nav.requestStart : 0,
      firstByte: nav?.responseStart ?? 0,
      lastByte: nav?.responseEnd ?? 0,
      bytes: nav?.decodedBodySize ?? 0,
      domInteractive: nav?.domInteractive ?? 0,
      blocking: resources
        .filter((r) => r.renderBlockingStatus === "blocking" || r.initiatorType === "script")
        .map(
          (r) =>
            `${new URL(r.name).pathname.split("/").pop()} ${r.renderBlockingStatus ?? ""} ${r.responseEnd.toFixed(0)} ms`,
        ),
    };
  });
}

try {
  // The first visit installs the shop (token exchange); the seed goes in under its domain.
  const warm = await newMerchantPage(browser);
  await warm.goto(stack.adminUrl);
  await appFrame(warm);
  await warm.close();
  const { runId, sku, orderId } = await seed(stack.shop);
  const screens = [
    ...APP_SECTIONS.map((s) => s.path),
    `/app/runs/${runId}`,
    `/app/stock/${encodeURIComponent(sku)}`,
    `/app/orders/${orderId}`,
    "/app/syncs/stock.full",
    "/app/settings/routing",
  ].filter((screen) => SCREENS.length === 0 || SCREENS.some((prefix) => screen.startsWith(prefix)));
  const results = new Map<string, Vitals[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const screen of screens) {
      const page = await newMerchantPage(browser);
      await page.addInitScript(VITALS);
      try {
        const list = results.get(screen) ?? [];
        const vitals = await measure(page, screen);
        list.push(vitals);
        results.set(screen, list);
        if (DETAIL) {
          const ms = (n: number) => `${n.toFixed(0)} ms`;
          const candidates = vitals.candidates.map((c) => `${ms(c.at)} ${c.size} px² ${c.element}`).join(" → ");
          const tasks = vitals.longTasks.map(([at, duration]) => `${ms(at)}+${ms(duration)}`).join(", ");
          console.log(
            `${screen} round ${round + 1}: server ${ms(vitals.server)}, ${Math.round(vitals.bytes / 1024)} KiB at ${ms(vitals.firstByte)}–${ms(vitals.lastByte)}, parsed ${ms(vitals.domInteractive)}, FCP ${ms(vitals.fcp)}, hydrated ${ms(vitals.hydrated)}, LCP ${ms(vitals.lcp)}: ${candidates}\n  blocking: ${vitals.blocking.join(", ")}\n  long tasks: ${tasks}`,
          );
        }
      } catch (error) {
        console.log(`${screen}: ${String(error)}`);
      } finally {
        await page.close();
      }
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const load = os.loadavg()[0]!.toFixed(1);
  console.log(
    `\nscreens of the built app in Chromium, ${VARIANTS} variants · ${RUNS} runs · ${ORDERS} orders, median of ${ROUNDS}, ${os.cpus().length} cores, load ${load}`,
  );
  console.log("target: LCP < 1000 ms, CLS < 0.05");
  console.log(
    `${"screen".padEnd(44)} ${"LCP".padStart(8)} ${"CLS".padStart(7)} ${"INP".padStart(8)} ${"server".padStart(8)}  LCP element`,
  );
  for (const [screen, list] of results) {
    const lcp = median(list.map((v) => v.lcp));
    const cls = median(list.map((v) => v.cls));
    const inp = median(list.map((v) => v.inp));
    const server = median(list.map((v) => v.server));
    const flag = lcp >= 1000 || cls >= 0.05 ? " ✗" : "  ";
    // The element of the median LCP's round.
    const element = list.find((v) => v.lcp === lcp)?.element ?? "";
    console.log(
      `${screen.padEnd(44)} ${`${lcp.toFixed(0)} ms`.padStart(8)} ${cls.toFixed(3).padStart(7)} ${(inp ? `${inp.toFixed(0)} ms` : "< 16 ms").padStart(8)} ${`${server.toFixed(0)} ms`.padStart(8)}${flag} ${element}`,
    );
  }
} finally {
  await browser.close();
  await db.$disconnect();
  await stack.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
