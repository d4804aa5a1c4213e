// The Catalog screen in Chromium, inside the emulated Shopify admin: the demo shop's Fastmag seasons with
// their counts, a season's preview (nothing written), then "Import season" and its run to the end; the
// season then shows its products in Shopify and nothing left to change; the archive setting saved.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let page: Page;
let app: FrameLocator;
// Route discovery asks the app for a route's entry when a link shows or is followed; a link followed while
// the page revalidated could abort it and leave the frame blank ("Loading...") for good. Every route is
// now known from the first page, so the walk never asks.
const discoveries: string[] = [];

beforeAll(async () => {
  session = await startE2eSession("catalog", { configureFastmag: true });
  ({ page, app } = session);
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/__manifest") discoveries.push(request.url());
  });
  await page.goto(session.stack.adminUrl);
  await app.getByRole("heading", { name: "Dashboard" }).waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await session?.close();
});

describe("Catalog", () => {
  it("previews a season, imports it and follows its run", async () => {
    await openFromAdminMenu(page, app, "Catalog");
    await app.getByRole("heading", { name: "Catalog" }).waitFor({ timeout: 60_000 });
    await app.getByRole("button", { name: "Preview E23" }).waitFor({ timeout: 60_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await screenshot(page, "catalog-seasons");

    await app.getByRole("button", { name: "Preview E23" }).click();
    await app.getByText("Preview of season E23 (nothing written)").waitFor({ timeout: 60_000 });
    // The plan's rows come with the heading or just after it.
    await app.getByText("Would be created (draft)").first().waitFor({ timeout: 30_000 });
    await app.getByText("Preview of season E23 (nothing written)").scrollIntoViewIfNeeded();
    await screenshot(page, "catalog-preview");

    await app.getByRole("button", { name: "Import season E23" }).click();
    const follow = app.getByRole("link", { name: "Queued: watch its run" });
    await follow.waitFor({ timeout: 30_000 });
    await follow.click();
    await app.getByRole("heading", { name: "Products by season" }).waitFor({ timeout: 60_000 });
    await app.getByText("Succeeded").first().waitFor({ timeout: 120_000 });
    await screenshot(page, "catalog-run");
    expect(discoveries).toEqual([]);

    await openFromAdminMenu(page, app, "Catalog");
    await app.getByRole("button", { name: "Preview E23" }).click();
    await app.getByText("Preview of season E23 (nothing written)").waitFor({ timeout: 60_000 });
    expect(await app.getByText("Would be created (draft)").count()).toBe(0);
    expect(await app.getByText("Up to date").count()).toBeGreaterThan(0);
  });
  it("saves whether products no longer in their season are archived", async () => {
    // The frame shows the Catalog already (the walk above ends there): wait for the page the link opens.
    await openFromAdminMenu(page, app, "Catalog");
    const box = app.getByRole("checkbox", { name: "Archive them in Shopify" });
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await app.getByRole("button", { name: "Save" }).click();
    await app.getByText("Saved.").waitFor({ timeout: 30_000 });
    await screenshot(page, "catalog-archive-setting");

    await page.reload();
    await box.waitFor({ timeout: 60_000 });
    expect(await box.isChecked()).toBe(true);
  });
});
