// What a merchant sees when something is not where it should be: an unknown address inside the app
// is a "Page not found" inside the app frame, with its navigation and without React hydration
// errors; the app opened outside the Shopify admin shows the login page, not a developer's 500.
import type { ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../scripts/stack";
import { newMerchantPage, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let stack: Stack;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  session = await startE2eSession("errors");
  ({ stack, page } = session);
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
});

afterAll(async () => {
  await session?.close();
});

const hydrationErrors = () =>
  consoleErrors.filter((text) => /hydrat|did not match|Minified React error #(418|419|422|423|425)/i.test(text));

describe("error pages", () => {
  it("shows an unknown address as a page inside the app, with the app's navigation", async () => {
    await page.goto(`${stack.adminUrl}/no-such-screen`);
    const app = page.frameLocator("iframe");
    await app.getByRole("heading", { name: "Page not found" }).waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await app.getByText("This page does not exist").waitFor();
    // The app's navigation is there (App Bridge's menu in the admin) and a way back to the Dashboard.
    await page.getByRole("link", { name: "Orders" }).waitFor();
    await app.getByRole("link", { name: "Go to the Dashboard" }).waitFor();
    expect(await app.getByText("404", { exact: true }).count()).toBe(0);
    await screenshot(page, "page-404");
    expect(hydrationErrors()).toEqual([]);

    await app.getByRole("link", { name: "Go to the Dashboard" }).click();
    await app.getByRole("heading", { name: "Dashboard" }).waitFor({ timeout: 30_000 });
  });

  it("shows the login page when the app is opened outside the Shopify admin", async () => {
    const outside = await newMerchantPage(session.browser);
    try {
      const response = await outside.goto(`${stack.appUrl}/app`);
      expect(response?.status()).toBeLessThan(500);
      await outside.getByRole("heading", { name: "Log in" }).waitFor({ timeout: 30_000 });
      await outside.getByLabel("Shop domain").waitFor();
      expect(await outside.getByText(/Error:|stack|Unexpected Server Error/i).count()).toBe(0);

      // A wrong shop address is said in plain words next to the field.
      await outside.getByLabel("Shop domain").fill("not a shop");
      await outside.getByRole("button", { name: "Log in" }).click();
      // The whole sentence: the page's introduction also says "enter your shop's address" (matched
      // regardless of case, two elements made the locator fail in strict mode).
      await outside
        .getByText("Enter your shop's address as in your Shopify admin, e.g. my-shop.myshopify.com.")
        .waitFor({ timeout: 30_000 });
      await screenshot(outside, "login-outside-admin");
    } finally {
      await outside.close();
    }
  });
});
