// What a merchant sees when something is not where it should be: an unknown address inside the app
// is a "Page not found" inside the app frame, with its navigation and without React hydration
// errors; a screen that failed is a "Something went wrong" page there too, its technical details folded;
// the app opened outside the Shopify admin shows the login page, not a developer's 500. Outside the
// frame, the login and error pages speak the request's language (?locale=, the admin's language the app
// remembered, the browser's).
import Database from "better-sqlite3";
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
  watchConsole(page);
});

function watchConsole(watched: Page) {
  watched.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  watched.on("pageerror", (error) => consoleErrors.push(error.message));
}

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

  it("shows a screen that failed as a page inside the app: plain words, the navigation, technical details folded, no stack", async () => {
    // A real failure of one screen's loader: the table the Promotions screen reads is away for a moment
    // (the frame and the other screens do not read it).
    const sqlite = new Database(stack.databaseUrl.replace(/^file:/, ""));
    sqlite.exec('ALTER TABLE "Promotion" RENAME TO "Promotion_away"');
    try {
      await page.goto(`${stack.adminUrl}/promotions`);
      const app = page.frameLocator("iframe");
      await app.getByRole("heading", { name: "Something went wrong" }).waitFor({ timeout: 30_000 });
      await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
      await app.getByText("This page could not be shown because of a problem on our side.").waitFor();
      await page.getByRole("link", { name: "Orders" }).waitFor();
      await app.getByRole("link", { name: "Go to the Dashboard" }).waitFor();
      const visible = await app.locator("body").innerText();
      expect(visible).not.toMatch(/\n\s+at |\.(js|ts|tsx):\d+|Prisma|Sqlite|no such table|Promotion_away/i);
      // Folded: support reads the status and the address (to find "request failed" in the server log).
      const details = app.getByRole("button", { name: "Technical details" });
      await details.click();
      await app.getByText(/HTTP 500 · \/app\/promotions/).waitFor();
      const opened = await app.locator("body").innerText();
      expect(opened).not.toMatch(/\n\s+at |\.(js|ts|tsx):\d+|Prisma|Sqlite|no such table|Promotion_away/i);
      await screenshot(page, "page-500");
      expect(hydrationErrors()).toEqual([]);

      // In French for a French admin.
      await page.goto(`${stack.adminUrl}/promotions?locale=fr`);
      await app.getByRole("heading", { name: "Un problème est survenu" }).waitFor({ timeout: 30_000 });
      await app.getByRole("button", { name: "Détails techniques" }).waitFor();
      await page.goto(`${stack.adminUrl}/promotions?locale=en`);
      await app.getByRole("heading", { name: "Something went wrong" }).waitFor({ timeout: 30_000 });
    } finally {
      sqlite.exec('ALTER TABLE "Promotion_away" RENAME TO "Promotion"');
      sqlite.close();
    }
    // The screen works again once its table is back.
    await page.goto(`${stack.adminUrl}/promotions`);
    await page
      .frameLocator("iframe")
      .getByRole("heading", { name: "Promotions", exact: true })
      .waitFor({ timeout: 30_000 });
  });

  it("speaks the request's language on the login page and the error page outside the app", async () => {
    const french = await newMerchantPage(session.browser, { locale: "fr-FR" });
    const english = await newMerchantPage(session.browser, { locale: "en-GB" });
    watchConsole(french);
    watchConsole(english);
    try {
      // The browser's language (Accept-Language).
      await french.goto(`${stack.appUrl}/app`);
      await french.getByRole("heading", { name: "Connexion" }).waitFor({ timeout: 30_000 });
      expect(await french.locator("html").getAttribute("lang")).toBe("fr");
      await french.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
      await french.getByLabel("Domaine de la boutique").fill("not a shop");
      await french.getByRole("button", { name: "Se connecter" }).click();
      await french
        .getByText(
          "Saisissez l'adresse de votre boutique telle qu'elle figure dans votre admin Shopify, par ex. ma-boutique.myshopify.com.",
        )
        .waitFor({ timeout: 30_000 });
      await screenshot(french, "login-outside-admin-fr");

      const missing = await french.goto(`${stack.appUrl}/no-such-page`);
      expect(missing?.status()).toBe(404);
      await french.getByText("Cette page n'existe pas.").waitFor({ timeout: 30_000 });
      expect(await french.title()).toBe("Page introuvable");
      expect(await french.locator("html").getAttribute("lang")).toBe("fr");
      await english.goto(`${stack.appUrl}/no-such-page`);
      await english.getByText("This page does not exist.").waitFor({ timeout: 30_000 });
      expect(await english.locator("html").getAttribute("lang")).toBe("en");

      // The locale Shopify passes on the address, over the browser's language.
      await english.goto(`${stack.appUrl}/auth/login?locale=fr`);
      await english.getByRole("heading", { name: "Connexion" }).waitFor({ timeout: 30_000 });
      await french.goto(`${stack.appUrl}/auth/login?locale=en-US`);
      await french.getByRole("heading", { name: "Log in" }).waitFor({ timeout: 30_000 });

      // The admin's language the app remembered (its cookie), over the browser's.
      await english.context().addCookies([{ name: "passerelle_locale", value: "fr", url: stack.appUrl }]);
      await english.goto(`${stack.appUrl}/no-such-page`);
      await english.getByText("Cette page n'existe pas.").waitFor({ timeout: 30_000 });
      expect(hydrationErrors()).toEqual([]);
    } finally {
      await french.close();
      await english.close();
    }
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
