// The app speaks the admin's language: a staff member whose Shopify admin is in French reads every
// screen in French (the app's words, Polaris' own, dates and numbers), one in English reads English; the
// French walk also searches each screen's whole text for English (tests/e2e/support/english.ts).
// Each group of screens lists what must be read on it in tests/e2e/languages/*.ts; a screenshot of
// each screen in each language lands in test-results/screenshots/lang-<locale>-<name>.png.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { ALLOWED_NAMES, findEnglish } from "./support/english";
import { startE2eSession, type E2eSession } from "./support/session";
import type { LanguageScreen } from "./languages/types";

const groups = import.meta.glob<{ SCREENS: LanguageScreen[] }>("./languages/*.ts", { eager: true });
const screens = Object.values(groups).flatMap((group) => group.SCREENS ?? []);

let session: E2eSession;

beforeAll(async () => {
  session = await startE2eSession("languages");
});

afterAll(async () => {
  await session?.close();
});

describe("the app in the admin's language", () => {
  it("shows the navigation, the page title and the document language in French, and keeps French without ?locale=", async () => {
    const { page, stack, app } = session;
    await page.goto(`${stack.adminUrl}/logs?locale=fr`);
    await app.getByRole("heading", { name: "Journaux" }).waitFor({ timeout: 30_000 });
    await app.locator('html[lang="fr"][data-hydrated]').waitFor({ timeout: 30_000 });
    expect(await app.locator("title").textContent()).toBe("Journaux · Passerelle");
    // App Bridge's menu in the admin frame.
    await page.getByRole("link", { name: "Commandes" }).waitFor();
    await page.getByRole("link", { name: "Paramètres" }).waitFor();
    // The same address without ?locale= (an in-app link, a reload): the app remembered French.
    const frame = page.frame({ name: "app-iframe" })!;
    const url = new URL(frame.url());
    url.searchParams.delete("locale");
    await frame.goto(url.toString());
    await app.locator('html[lang="fr"][data-hydrated]').waitFor({ timeout: 30_000 });
    await app.getByRole("heading", { name: "Journaux" }).waitFor({ timeout: 30_000 });
    // Polaris' own words too (its pagination, its search fields): its French translations are loaded.
    await page.goto(`${stack.adminUrl}/logs?locale=en`);
    await app.locator('html[lang="en"][data-hydrated]').waitFor({ timeout: 30_000 });
    await page.getByRole("link", { name: "Orders" }).waitFor();
  });

  for (const locale of ["fr", "en"] as const) {
    it(`walks every screen in ${locale === "fr" ? "French" : "English"}`, async () => {
      const { page, stack, app } = session;
      const missing: string[] = [];
      /** English read on a screen (words, dates, numbers), with the screen. */
      const english: string[] = [];
      for (const screen of screens) {
        await page.goto(`${stack.adminUrl}${screen.path}?locale=${locale}`);
        await app.locator(`html[lang="${locale}"][data-hydrated]`).waitFor({ timeout: 30_000 });
        for (const text of screen[locale]) {
          const found = await app
            .getByText(text, { exact: false })
            .first()
            .waitFor({ state: "attached", timeout: 5_000 })
            .then(() => true)
            .catch(() => false);
          if (!found) missing.push(`${screen.path}: ${text}`);
        }
        const text = await page.frame({ name: "app-iframe" })!.evaluate(() => document.body.innerText);
        for (const f of findEnglish(text, [...ALLOWED_NAMES, stack.shop]))
          english.push(`${screen.path || "/"}: ${f.what} in: ${f.sentence}`);
        await screenshot(page, `lang-${locale}-${screen.name}`);
      }
      expect(missing).toEqual([]);
      if (locale === "fr") {
        if (english.length) console.log(`English on French screens:\n${english.join("\n")}`);
        expect(english).toEqual([]);
      } else {
        // The same search finds English on the English screens: it reads what the screens show.
        expect(english.length).toBeGreaterThan(screens.length);
      }
    });
  }
});
