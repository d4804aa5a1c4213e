// Every screen of the embedded app (every app.* route: tests/support/app-screens.ts), checked by axe-core
// (the accessibility engine) in Chromium: no serious or critical violation (WCAG 2.1 A and AA rules, plus
// axe's best practices; `button-name` and `link-name` are the checks that icon-only buttons and links
// have a name). The shop has a history first (runs with changes, failed rows, skipped items and a log,
// orders, unmatched SKUs, events, deliveries, listings, a promotion: tests/support/screens-seed.ts), and
// a screen is checked once its rows are on it, so the tables, badges and paging are checked, not the
// empty states. Each screen also keeps its tables within their cards at 1280 px, and what the server sends
// stays where it is once React runs (the title, card headings and tables of the first screenful, before
// and after: a shift there is a layout shift the merchant sees). Also: the 404 page, the Cancel
// confirmation of a running run, the other Unmatched tabs and the login page. A screen that fails names
// each rule, its impact and the elements.
import type { Frame, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { APP_SECTIONS } from "~/navigation";
import { appScreens, withSeededIds } from "../support/app-screens";
import { seedScreens, type SeededScreens } from "../support/screens-seed";
import { blockingAxeViolations } from "./support/axe";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let page: Page;
let app: FrameLocator;
let seeded: SeededScreens;

beforeAll(async () => {
  session = await startE2eSession("accessibility");
  ({ page, app } = session);
  // The first visit installs the shop; its history goes in under its domain.
  await page.goto(session.stack.adminUrl);
  await appFrame();
  const db = createPrismaClient(session.stack.databaseUrl);
  try {
    seeded = await seedScreens(db, session.stack.shop, {
      variants: 300,
      runs: 150,
      orders: 150,
      changes: 150,
      failedRows: 12,
      skipped: 120,
      logLines: 60,
      unmatched: 120,
      events: 120,
      marketplace: 60,
    });
  } finally {
    await db.$disconnect();
  }
});

afterAll(async () => {
  await session?.close();
});

async function appFrame(): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const frame = page.frame({ name: "app-iframe" });
    if (frame && (await frame.locator("html[data-hydrated]").count()) > 0) return frame;
    if (Date.now() > deadline) throw new Error("the app's frame did not load");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function openScreen(screen: string): Promise<Frame> {
  await page.goto(`${session.stack.adminUrl}${screen.slice("/app".length)}`);
  const frame = await appFrame();
  await frame.waitForLoadState("networkidle");
  return frame;
}

/** What a screen shows of the seeded history: axe runs once it is there. */
const SHOWS: Record<string, string | RegExp> = {
  "/app": "3 sync runs failed in the last 24 hours",
  "/app/orders": "#5000003",
  "/app/unmatched": "SRC000000|BLEU|S",
  "/app/logs": "bench-webhook-0",
  "/app/promotions": /^Winter sale/,
  "/app/mail": "customer1@example.com",
  "/app/event-feed": "order 5000001",
  "/app/tuyo/listings": "TUYO-0",
  "/app/tuyo/orders": "TY-100000",
  "/app/settings/pos": "Moves the point of sale refused",
  "/app/catalog": "REF000000_NOIR_1.jpg",
  "/app/runs/{runId}": "Changes (150)",
  "/app/runs/{runningRunId}": "Running",
  "/app/orders/{orderId}": "Order #5000007",
  "/app/stock/{sku}": "Stock of REF000042|NOIR|M",
  "/app/promotions/{promotionId}": "Winter sale",
  "/app/no-such-screen": "Page not found",
};

const SCREENS = appScreens();

interface Placed {
  what: string;
  top: number;
  height: number;
}

/** Where the title, card headings and tables of the first screenful (900 px) are. */
async function firstScreenful(frame: Frame): Promise<Placed[]> {
  return frame.evaluate(() =>
    [...document.querySelectorAll("h1, h2, table")]
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.height > 0 && box.top < window.innerHeight)
      .map(({ element, box }) => ({
        what:
          element.tagName === "TABLE" ? "a table" : `${element.tagName} “${element.textContent?.trim().slice(0, 40)}”`,
        top: Math.round(box.top),
        height: Math.round(box.height),
      })),
  );
}

/**
 * What moved or changed size between the server's page and the page React runs. Chromium does not count
 * a move under 3 px as a layout shift (a multiline field measures itself 2 px shorter), so neither do we.
 */
function moved(served: Placed[], shown: Placed[]): string[] {
  const differences = served.length === shown.length ? [] : [`${served.length} elements served, ${shown.length} shown`];
  served.forEach((before, i) => {
    const after = shown[i];
    if (!after || after.what !== before.what) differences.push(`${before.what} is not where it was`);
    else if (Math.abs(after.top - before.top) >= 3 || Math.abs(after.height - before.height) >= 3)
      differences.push(`${before.what}: ${before.top}+${before.height} → ${after.top}+${after.height}`);
  });
  return differences;
}

/** The screen as the server sends it, before React runs (the app's scripts refused). */
async function openServerRender(screen: string): Promise<Frame> {
  const scripts = /\/assets\/.+\.js$/;
  await page.route(scripts, (route) => route.abort());
  try {
    await page.goto(`${session.stack.adminUrl}${screen.slice("/app".length)}`);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const frame = page.frame({ name: "app-iframe" });
      if (frame && (await frame.locator("#page-end").count()) > 0) return frame;
      if (Date.now() > deadline) throw new Error("the app's frame did not load");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await page.unroute(scripts);
  }
}

/**
 * The tables wider than their card at the merchant's 1280 px: their last columns are off-screen, and
 * Polaris's DataTable, measuring itself after the page shows, adds its scroll buttons above the table
 * and pushes it down (a layout shift). Each is named by its first heading.
 */
async function overflowingTables(frame: Frame): Promise<string[]> {
  return frame.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".Polaris-DataTable__ScrollContainer")]
      .filter((container) => container.scrollWidth > container.clientWidth + 1)
      .map((container) => {
        const heading = container.querySelector("th")?.textContent?.trim() ?? "";
        return `the table "${heading}…" is ${container.scrollWidth} px wide in ${container.clientWidth} px`;
      }),
  );
}

describe("accessibility", () => {
  it("checks every section of the navigation", () => {
    expect(SCREENS).toEqual(expect.arrayContaining(APP_SECTIONS.map((section) => section.path)));
  });

  it.each(SCREENS)(
    "%s has no serious or critical axe violation, no table wider than its card, and stays in place when React takes over",
    async (screen) => {
      const frame = await openScreen(withSeededIds(screen, seeded));
      const shows = SHOWS[screen];
      if (shows) await app.getByText(shows).first().waitFor({ timeout: 10_000 });
      expect(await blockingAxeViolations(frame)).toEqual([]);
      expect(await overflowingTables(frame)).toEqual([]);
      const shown = await firstScreenful(frame);
      const served = await firstScreenful(await openServerRender(withSeededIds(screen, seeded)));
      expect(moved(served, shown)).toEqual([]);
    },
  );

  it("the audited run's page shows its changes, failed rows, skipped items and log", async () => {
    // What the axe check above saw on the run's page: its sections filled, not empty.
    await openScreen(withSeededIds("/app/runs/{runId}", seeded));
    await app.getByRole("heading", { name: "Changes (150)" }).waitFor();
    await app.getByRole("heading", { name: "Failed rows (12)" }).waitFor();
    await app.getByRole("heading", { name: "Skipped records (120)" }).waitFor();
    await app.getByRole("heading", { name: "Log (60)" }).waitFor();
  });

  it.each([
    ["In Shopify, not in the stock source", "WEB000000|BLEU|S"],
    ["Ignored", "SRCIGN0"],
    ["Linked", "SRCLNK0"],
  ])("the Unmatched tab %s has no serious or critical axe violation", async (tab, sku) => {
    const frame = await openScreen("/app/unmatched");
    await app.getByRole("tab", { name: new RegExp(`^${tab} \\(`) }).click();
    await app.getByText(sku, { exact: true }).first().waitFor({ timeout: 10_000 });
    expect(await blockingAxeViolations(frame)).toEqual([]);
  });

  it("the Cancel confirmation of a running run has no serious or critical axe violation", async () => {
    const frame = await openScreen(withSeededIds("/app/runs/{runningRunId}", seeded));
    await app.getByRole("button", { name: "Cancel" }).click();
    await app
      .getByRole("dialog")
      .getByText(/^Cancel this .+ run\?$/)
      .waitFor({ timeout: 10_000 });
    expect(await blockingAxeViolations(frame)).toEqual([]);
    await app.getByRole("dialog").getByRole("button", { name: "Keep it running" }).click();
  });

  it("the login page (the app opened outside the admin) has no serious or critical axe violation", async () => {
    const outside = await session.browser.newPage();
    try {
      await outside.goto(`${session.stack.appUrl}/auth/login`);
      await outside.locator("form button").first().waitFor();
      expect(await blockingAxeViolations(outside.mainFrame())).toEqual([]);
    } finally {
      await outside.close();
    }
  });
});
