// The schedule picker in Chromium: a stored cron opens as plain choices (the seed's "every hour at :10,
// from 0:10 to 2:10 and 5:10 to 23:10"), a merchant picks "at set times of the day" on chosen days and
// a time zone from the list, and the Syncs screen then says the new schedule in plain words. Cron
// stays available as the advanced choice.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRouteData, routeDataUrl } from "../../scripts/route-data";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let page: Page;
let app: FrameLocator;

beforeAll(async () => {
  session = await startE2eSession("schedule-picker", { configureFastmag: true });
  ({ page, app } = session);
  await page.goto(session.stack.adminUrl);
  await app.getByRole("heading", { name: "Dashboard" }).waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await session?.close();
});

describe("Schedule picker", () => {
  it("edits a schedule in plain words and stores a canonical time zone", async () => {
    await openFromAdminMenu(page, app, "Syncs");
    const card = app.getByRole("region", { name: "Stock (full)" });
    await card.getByText("every hour at :10, from 0:10 to 2:10 and 5:10 to 23:10").waitFor({ timeout: 30_000 });
    await card.getByRole("link", { name: "Edit schedule" }).click();
    await app.getByRole("heading", { name: "Schedule — Stock (full)" }).waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });

    // The stored cron opens as choices, not as cron.
    expect(await app.getByLabel("How often").inputValue()).toBe("hourly");
    expect(await app.getByLabel("At this many minutes past the hour").inputValue()).toBe("10");
    expect(await app.getByLabel("Only during these hours (leave empty for all day)").inputValue()).toBe("0-2, 5-23");
    await app.getByText("Runs every hour at :10, from 0:10 to 2:10 and 5:10 to 23:10, Europe/Paris.").waitFor();

    await app.getByLabel("How often").selectOption("daily");
    await app.getByLabel("At", { exact: true }).fill("7:30, 19:30");
    for (const day of ["Saturday", "Sunday"]) await app.getByLabel(day).uncheck();
    await app.getByLabel("Time zone").selectOption("America/New_York");
    await app
      .getByText("Runs every weekday (Monday to Friday) at 7:30 and 19:30, America/New_York.")
      .waitFor({ timeout: 10_000 });
    await screenshot(page, "schedule-picker");

    // The advanced choice starts from the cron the picker made.
    await app.getByLabel("How often").selectOption("cron");
    expect(await app.getByLabel("Cron (minute, hour, day of the month, month, day of the week)").inputValue()).toBe(
      "30 7,19 * * 1-5",
    );
    await app.getByRole("button", { name: "Save schedule" }).click();
    await app.getByText("Saved: runs every weekday (Monday to Friday) at 7:30 and 19:30, America/New_York.").waitFor({
      timeout: 10_000,
    });

    await openFromAdminMenu(page, app, "Syncs");
    await app
      .getByRole("region", { name: "Stock (full)" })
      .getByText("every weekday (Monday to Friday) at 7:30 and 19:30, America/New_York")
      .waitFor({ timeout: 30_000 });
  });

  it("stores the time zone's canonical name whatever the case it was sent in", async () => {
    const url = routeDataUrl(session.stack.appUrl, "/app/syncs/stock.full", "routes/app.syncs.$type", "POST");
    const response = await fetch(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${session.stack.shopify.mintSessionToken(session.stack.shop)}`,
        "content-type": "application/x-www-form-urlencoded",
        "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Passerelle-e2e/1.0",
      },
      body: new URLSearchParams({ cron: "10 0-2,5-23 * * *", timezone: "europe/paris" }).toString(),
    });
    expect(response.status).toBe(200);
    expect(await readRouteData(response)).toMatchObject({ ok: true, timezone: "Europe/Paris" });
  });
});
