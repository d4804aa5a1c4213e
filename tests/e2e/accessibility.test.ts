// Every screen of the embedded app (every app.* route: tests/support/app-screens.ts), checked by axe-core
// (the accessibility engine) in Chromium: no serious or critical violation (WCAG 2.1 A and AA rules, plus
// axe's best practices; `button-name` and `link-name` are the checks that icon-only buttons and links
// have a name). The shop has a history first (runs with changes, failed rows, skipped items and a log,
// orders, unmatched SKUs, events, deliveries, listings, a promotion: tests/support/screens-seed.ts), and
// a screen is checked once its rows are on it, so the tables, badges and paging are checked, not the
// empty states. Also: the 404 page, the Cancel confirmation of a running run, the other Unmatched tabs
// and the login page. A screen that fails names each rule, its impact and the elements.
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

describe("accessibility", () => {
  it("checks every section of the navigation", () => {
    expect(SCREENS).toEqual(expect.arrayContaining(APP_SECTIONS.map((section) => section.path)));
  });

  it.each(SCREENS)("%s has no serious or critical axe violation", async (screen) => {
    const frame = await openScreen(withSeededIds(screen, seeded));
    const shows = SHOWS[screen];
    if (shows) await app.getByText(shows).first().waitFor({ timeout: 10_000 });
    expect(await blockingAxeViolations(frame)).toEqual([]);
  });

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
