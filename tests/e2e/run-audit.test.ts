// A run can be audited in Chromium (issue 16, point 2): a full stock run from Fastmag, some of whose rows
// cannot be read, ends "Succeeded with problems"; its page lists what it changed (item, field, before →
// after) paged with the total, the unreadable rows as failed rows with their reason, and a real log;
// a French admin reads the same run, its stored reasons and log lines included, in French.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let page: Page;
let app: FrameLocator;
/** The run the first test audits, opened again in French. */
let runId = "";

beforeAll(async () => {
  session = await startE2eSession("run-audit", { configureFastmag: true });
  ({ page, app } = session);
  await page.goto(session.stack.adminUrl);
  await app.getByRole("heading", { name: "Dashboard" }).waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await session?.close();
});

describe("Auditing a run", () => {
  it("shows the changes, the failed rows and the log of a stock run that succeeded with problems", async () => {
    // Every 40th row Fastmag sends cannot be read.
    session.stack.fastmag.setFaults({ malformedRows: { every: 40 } });
    await openFromAdminMenu(page, app, "Syncs");
    const card = app.getByRole("region", { name: "Stock (full)" });
    await card.waitFor({ timeout: 30_000 });
    await card.getByRole("button", { name: "Run now: Stock (full)" }).click();
    await card.getByRole("link", { name: "follow" }).click({ timeout: 30_000 });
    await app.getByRole("heading", { name: "Stock (full)" }).waitFor({ timeout: 30_000 });
    await app
      .getByText("Succeeded with problems")
      .first()
      .waitFor({ timeout: 120_000 })
      .catch(async (e) => {
        await screenshot(page, "run-audit-debug");
        throw e;
      });
    session.stack.fastmag.setFaults({});
    const runOnScreen = () => /\/app\/runs\/([^/?]+)/.exec(page.frame({ name: "app-iframe" })?.url() ?? "")?.[1] ?? "";
    await expect.poll(runOnScreen, { timeout: 30_000 }).not.toBe("");
    runId = runOnScreen();

    // Changes: item, field, before → after, with the total and paging.
    const changes = app.getByRole("heading", { name: /^Changes \([\d,]+\)$/ });
    await changes.scrollIntoViewIfNeeded();
    await expect.poll(() => app.getByRole("columnheader", { name: "Before" }).count()).toBeGreaterThan(0);
    await app
      .getByText(/^Showing 1–\d+ of [\d,]+$/)
      .first()
      .waitFor();
    await expect.poll(() => app.getByRole("cell", { name: "available" }).count()).toBeGreaterThan(0);
    await screenshot(page, "run-audit-changes");

    // Failed rows: the rows that could not be read, each with its reason.
    const failed = app.getByRole("heading", { name: /^Failed rows \([\d,]+\)$/ });
    await failed.scrollIntoViewIfNeeded();
    await app
      .getByText(/^Could not be read from Fastmag: row \d+/)
      .first()
      .waitFor();
    await screenshot(page, "run-audit-failed-rows");

    // The skipped list says how many there are and pages through them all.
    const skippedHeading = app.getByRole("heading", { name: /^Skipped records \([\d,]+\)$/ });
    const skippedTotal = Number((await skippedHeading.textContent())!.replace(/\D/g, ""));
    if (skippedTotal > 100) {
      const total = skippedTotal.toLocaleString("en-US");
      await app.getByText(`Showing 1–100 of ${total}`).waitFor();
    }

    // The log: phases, the warning about unreadable rows, the counters at the end.
    const log = app.getByRole("heading", { name: /^Log \([\d,]+\)$/ });
    await log.scrollIntoViewIfNeeded();
    await app.getByText("Reading stock from Fastmag…").waitFor();
    await app
      .getByText(/rows from Fastmag could not be read: listed under Failed rows, not synced\./)
      .first()
      .waitFor();
    await app
      .getByText(/^Finished: [\d]+ seen, \d+ changed, \d+ unchanged, \d+ skipped, \d+ failed\. See the failed rows\.$/)
      .waitFor();
    expect(await app.getByText("No log lines").count()).toBe(0);
    await screenshot(page, "run-audit-log");
  });

  it("shows the run in French for a French admin", async () => {
    expect(runId).not.toBe("");
    try {
      await page.goto(`${session.stack.adminUrl}/runs/${runId}?locale=fr`);
      await app.locator('html[lang="fr"][data-hydrated]').waitFor({ timeout: 30_000 });
      await app.getByRole("heading", { name: "Stock (complet)" }).waitFor({ timeout: 30_000 });
      await app.getByText("Réussie avec des problèmes").first().waitFor();
      await app.getByRole("heading", { name: "Progression" }).waitFor();
      await app.getByText("Modifiés", { exact: true }).waitFor();
      await app.getByRole("heading", { name: /^Modifications \(/ }).waitFor();
      await app.getByRole("heading", { name: /^Lignes en échec \(/ }).waitFor();
      await app.getByRole("button", { name: "Exporter les modifications en CSV" }).waitFor();
      await expect.poll(() => app.getByRole("columnheader", { name: "Avant" }).count()).toBeGreaterThan(0);
      // What the run stored is said again in French (ADR 0021): a failed row's reason, log lines.
      await app
        .getByText(/^Illisible dans Fastmag : ligne \d+/)
        .first()
        .waitFor();
      await app.getByText("Lecture du stock dans Fastmag…").waitFor();
      await app
        .getByText(/lignes de Fastmag n'ont pas pu être lues : elles sont listées dans les lignes en échec/)
        .first()
        .waitFor();
      await app.getByText(/^Terminé : [\d\s\u202f]+ vus?, .+ en échec\. Voyez les lignes en échec\.$/).waitFor();
      expect(await app.getByText(/^Could not be read from Fastmag/).count()).toBe(0);
      await screenshot(page, "run-audit-fr");
    } finally {
      // Back to English (the language is remembered) for the next test.
      await page.goto(`${session.stack.adminUrl}/runs/${runId}?locale=en`);
      await app.locator('html[lang="en"][data-hydrated]').waitFor({ timeout: 30_000 });
    }
  });

  it("says when a run waiting to retry tries again", async () => {
    // Fastmag answers 503 to every call for a while: the price run's first attempt fails and waits.
    session.stack.fastmag.setFaults({ http5xxNext: 1_000 });
    try {
      await openFromAdminMenu(page, app, "Syncs");
      const card = app.getByRole("region", { name: "Prices" });
      await card.waitFor({ timeout: 30_000 });
      await card.getByRole("button", { name: "Run now: Prices" }).click();
      await card.getByRole("link", { name: "follow" }).click({ timeout: 30_000 });
      await app.getByRole("heading", { name: "Prices" }).waitFor({ timeout: 30_000 });
      await app
        .getByText(/^The last attempt failed; next attempt at \d+ \w+ \d{4}, \d\d:\d\d$/)
        .waitFor({ timeout: 120_000 })
        .catch(async (e) => {
          await screenshot(page, "run-audit-retry-debug");
          throw e;
        });
      await app.getByText("Waiting to retry", { exact: true }).first().waitFor();
      await app.getByText(/waiting to retry at \d+ \w+ \d{4}, \d\d:\d\d/).waitFor();
      await app
        .getByText(/^Attempt \d of 3 failed: .+ Trying again in \d+ (s|min)\.$/)
        .first()
        .waitFor();
      await screenshot(page, "run-audit-retry");
    } finally {
      session.stack.fastmag.setFaults({});
    }
  });
});
