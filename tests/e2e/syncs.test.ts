// The Syncs screens in Chromium: start a sync with "Run now", follow its progress to the end, open
// the run's detail.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let page: Page;
let app: FrameLocator;

beforeAll(async () => {
  session = await startE2eSession("syncs");
  ({ page, app } = session);
  await page.goto(session.stack.adminUrl);
  await app.getByRole("heading", { name: "Dashboard" }).waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await session?.close();
});

describe("Syncs", () => {
  it("runs a sync from the Syncs screen and shows its run to the end", async () => {
    await openFromAdminMenu(page, app, "Syncs");
    await app.getByRole("heading", { name: "Syncs" }).waitFor({ timeout: 30_000 });
    const card = app.getByRole("region", { name: "Clean up sync history" });
    await card.waitFor({ timeout: 30_000 });
    await expect.poll(() => card.getByText("every day at 4:20, Europe/Paris").count()).toBeGreaterThan(0);
    await screenshot(page, "syncs-overview");

    await card.getByRole("button", { name: "Run now: Clean up sync history" }).click();
    await card
      .getByRole("link", { name: "follow" })
      .or(card.getByText("Succeeded"))
      .first()
      .waitFor({ timeout: 30_000 });
    const recent = app.getByRole("region", { name: "Recent runs" });
    await recent.getByRole("link", { name: "Clean up sync history" }).first().click();

    await app.getByRole("heading", { name: "Clean up sync history" }).waitFor({ timeout: 30_000 });
    await app.getByText("Succeeded").first().waitFor({ timeout: 30_000 });
    await app.getByText("100%").first().waitFor();
    await app.getByText("Deleted 0 old runs").waitFor();
    await screenshot(page, "syncs-run-detail");
  });

  it("lets an ERP start the same sync over the JSON API with a token made in Settings", async () => {
    await openFromAdminMenu(page, app, "Settings");
    // Submitting before the page is hydrated would post a plain form, without the session token.
    await app.getByLabel("Token name").waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await app.getByLabel("Token name").fill("Fastmag scripts");
    await app.getByRole("button", { name: "Create token" }).click();
    const token = (await app.locator("code", { hasText: "psk_" }).textContent({ timeout: 30_000 }))?.trim() ?? "";
    expect(token).toMatch(/^psk_/);
    await screenshot(page, "settings-api-token");

    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${session.stack.appUrl}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      });
    const started = await api("/api/sync/maintenance.prune-job-history", { method: "POST", body: "{}" });
    expect(started.status).toBe(202);
    const { jobId } = (await started.json()) as { jobId: string };
    await expect
      .poll(async () => ((await (await api(`/api/jobs/${jobId}`)).json()) as { status: string }).status, {
        timeout: 30_000,
      })
      .toBe("succeeded");

    const refused = await fetch(`${session.stack.appUrl}/api/sync/maintenance.prune-job-history`, { method: "POST" });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: string }).error).toMatch(/API token/);
    const unknown = await api("/api/sync/no-such-sync", { method: "POST" });
    expect(unknown.status).toBe(422);
  });
});
