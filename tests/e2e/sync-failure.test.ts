// A sync that fails, seen by the merchant: the run shows Fastmag's error, and once Fastmag is back,
// Retry runs it again to success.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let page: Page;
let app: FrameLocator;

beforeAll(async () => {
  session = await startE2eSession("sync-failure", { configureFastmag: true });
  ({ page, app } = session);
  await page.goto(session.stack.adminUrl);
  await app.getByRole("heading", { name: "Dashboard" }).waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await session?.close();
});

describe("a failing sync", () => {
  it("shows Fastmag's error on the run, and Retry works once Fastmag answers again", async () => {
    session.stack.fastmag.setFaults({ koNext: 1_000, koMessage: "Base en maintenance, réessayez plus tard" });

    await openFromAdminMenu(page, app, "Syncs");
    const card = app.getByRole("region", { name: "Stock (full)" });
    await card.getByRole("button", { name: "Run now: Stock (full)" }).click({ timeout: 30_000 });
    const recent = app.getByRole("region", { name: "Recent runs" });
    await recent.getByRole("link", { name: "Stock (full)" }).first().click({ timeout: 30_000 });

    await app.getByText("This run failed").waitFor({ timeout: 60_000 });
    await app.getByText("Base en maintenance, réessayez plus tard", { exact: false }).first().waitFor();
    await screenshot(page, "sync-failed-run");

    session.stack.fastmag.setFaults({});
    await app.getByRole("button", { name: "Retry" }).click();
    // Retry is a new run; the page follows it to the end.
    await app.getByText("Succeeded").first().waitFor({ timeout: 90_000 });
    await app.getByText("100%").first().waitFor();
    await screenshot(page, "sync-retried-run");
  });
});
