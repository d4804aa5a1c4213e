// Cancel on a run's page in Chromium: it asks first (a merchant can keep the run going), then the run
// stops and shows "Cancelled" with what it had changed.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let page: Page;
let app: FrameLocator;

beforeAll(async () => {
  session = await startE2eSession("run-cancel", { configureFastmag: true });
  ({ page, app } = session);
  await page.goto(session.stack.adminUrl);
  await app.getByRole("heading", { name: "Dashboard" }).waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await session?.close();
});

describe("Cancelling a run", () => {
  it("asks to confirm, then the run ends Cancelled", async () => {
    await openFromAdminMenu(page, app, "Syncs");
    const card = app.getByRole("region", { name: "Prices" });
    await card.waitFor({ timeout: 30_000 });
    // Shopify answers slowly from now on: the run is still going when the merchant cancels it.
    session.stack.shopify.faults.add({ kind: "latency", ms: 5_000, route: "POST /admin/api/*" });
    await card.getByRole("button", { name: "Run now: Prices" }).click();
    await card.getByRole("link", { name: "follow" }).click({ timeout: 30_000 });
    await app.getByRole("heading", { name: "Prices" }).waitFor({ timeout: 30_000 });
    await app.getByText("Running").first().waitFor({ timeout: 30_000 });

    await app.getByRole("button", { name: "Cancel" }).click();
    const dialog = app.getByRole("dialog");
    await dialog.getByText("Cancel this Prices run?").waitFor({ timeout: 10_000 });
    await screenshot(page, "run-cancel-confirm");
    // Keeping it running changes nothing.
    await dialog.getByRole("button", { name: "Keep it running" }).click();
    await dialog.waitFor({ state: "detached", timeout: 10_000 });
    await app.getByText("Running").first().waitFor();

    await app.getByRole("button", { name: "Cancel" }).click();
    await app.getByRole("dialog").getByRole("button", { name: "Cancel the run" }).click();
    await app
      .getByText("This run was cancelled")
      .waitFor({ timeout: 60_000 })
      .catch(async (e) => {
        await screenshot(page, "run-cancel-debug");
        throw e;
      });
    await expect.poll(() => app.getByText("Cancelled", { exact: true }).count()).toBeGreaterThan(0);
    expect(await app.getByText("Succeeded").count()).toBe(0);
    session.stack.shopify.faults.clear();
    await screenshot(page, "run-cancelled");
  });
});
