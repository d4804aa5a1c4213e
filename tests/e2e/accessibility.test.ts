// Every screen of the embedded app, checked by axe-core (the accessibility engine) in Chromium: no
// serious or critical violation (WCAG 2.1 A and AA rules, plus axe's best practices). A screen that
// fails names each rule, its impact and the elements, so the failure says what to fix.
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_SECTIONS } from "~/navigation";
import { blockingAxeViolations } from "./support/axe";
import { startE2eSession, type E2eSession } from "./support/session";

// The navigation's sections, and the screens reached from them.
const SCREENS = [
  ...APP_SECTIONS.map((section) => section.path),
  "/app/promotions/new",
  "/app/settings/fastmag",
  "/app/settings/retailcrm",
  "/app/settings/sftp",
  "/app/settings/tuyo",
  "/app/settings/event-feed",
  "/app/settings/orders",
  "/app/settings/routing",
  "/app/settings/pos",
  "/app/event-feed",
  "/app/tuyo/listings",
  "/app/tuyo/orders",
  "/app/tuyo/categories",
  "/app/syncs/stock.full",
];

let session: E2eSession;
let page: Page;

beforeAll(async () => {
  session = await startE2eSession("accessibility");
  ({ page } = session);
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

describe("accessibility", () => {
  it.each(SCREENS)("%s has no serious or critical axe violation", async (screen) => {
    await page.goto(`${session.stack.adminUrl}${screen.slice("/app".length)}`);
    const frame = await appFrame();
    await frame.waitForLoadState("networkidle");
    expect(await blockingAxeViolations(frame)).toEqual([]);
  });
});
