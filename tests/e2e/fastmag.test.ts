// Settings → Fastmag and the ERP explorer in Chromium, inside the emulated Shopify admin: the merchant
// fills the settings, tests the connection (then sees a clear error for a wrong password), and looks
// up a product by GENCOD and a PME's balance in the explorer.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { startStack, type Stack } from "../../scripts/stack";
import { freePort, openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let stack: Stack;
let page: Page;
let app: FrameLocator;

beforeAll(async () => {
  session = await startE2eSession("fastmag");
  ({ stack, page, app } = session);
});

afterAll(async () => {
  await session?.close();
});

async function fillSettings(password: string) {
  await app.getByLabel("Fastmag address").fill(stack.fastmag.url);
  await app.getByLabel("Enseigne").fill(stack.fastmagCredentials.enseigne);
  await app.getByLabel("Magasin").fill(stack.fastmagCredentials.magasin);
  await app.getByLabel("Compte").fill(stack.fastmagCredentials.compte);
  await app.getByLabel("Password").fill(password);
}

async function saveAndTest(): Promise<void> {
  await app.getByRole("button", { name: "Save", exact: true }).click();
  await app.getByText("Fastmag settings saved").waitFor({ timeout: 30_000 });
  await app.getByRole("button", { name: "Test connection" }).click();
}

describe("Fastmag settings and ERP explorer", () => {
  it("fills the settings and tests the connection, then shows a wrong password's error", async () => {
    await page.goto(stack.adminUrl);
    await app.getByText(stack.shop).first().waitFor({ timeout: 30_000 });
    await openFromAdminMenu(page, app, "Settings");
    // The Settings screen first: the Dashboard's setup checklist also links to Fastmag, and on a loaded
    // machine a click there raced the navigation to Settings, which then replaced the Fastmag screen.
    await app.getByRole("link", { name: "Open point of sale" }).waitFor({ timeout: 30_000 });
    await app.getByRole("link", { name: "Fastmag" }).first().click();
    await app.getByLabel("Fastmag address").waitFor({ timeout: 30_000 });

    // Saving an incomplete form shows field errors and saves nothing.
    await app.getByLabel("Fastmag address").fill("http://fastmag.example.com");
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("Some fields need fixing; nothing was saved.").waitFor({ timeout: 30_000 });
    await app.getByText("The address must start with https://").waitFor();
    await app.getByText("Enter the password of the Fastmag account.").waitFor();
    await app.getByText("Some fields need fixing; nothing was saved.").scrollIntoViewIfNeeded();
    await screenshot(page, "fastmag-settings-errors");

    await fillSettings(stack.fastmagCredentials.motpasse);
    await app.getByLabel("Safety margin (units held back per variant)").fill("1");
    await app.getByLabel("Seasons to import").fill("E24, H24");
    expect(await app.getByLabel("Shopify location to sync into").locator("option").count()).toBe(3);
    await saveAndTest();
    await app.getByText("Connected: 4 seasons found (E23, E24, H23, H24).").waitFor({ timeout: 30_000 });
    expect(await app.getByLabel("Password").inputValue()).toBe("");
    await app.getByText("A password is saved. Leave empty to keep it.").waitFor();
    await app.getByText("Connected: 4 seasons found").scrollIntoViewIfNeeded();
    await screenshot(page, "fastmag-settings-connected");

    await app.getByLabel("Password").fill("not-the-password");
    await saveAndTest();
    const refusal = app.getByText(/Fastmag refused the login: “Identification incorrecte/);
    await refusal.waitFor({ timeout: 30_000 });
    await refusal.scrollIntoViewIfNeeded();
    await screenshot(page, "fastmag-settings-wrong-password");

    // Back to the right password for the explorer.
    await app.getByLabel("Password").fill(stack.fastmagCredentials.motpasse);
    await saveAndTest();
    await app.getByText("Connected: 4 seasons found").waitFor({ timeout: 30_000 });
  });

  it("looks up a product by GENCOD and a PME's balance in the explorer", async () => {
    await openFromAdminMenu(page, app, "Fastmag explorer");
    await app.getByLabel("Look up").waitFor({ timeout: 30_000 });
    // The kind of lookup switches the fields from React: chosen before hydration, the choice is lost
    // (under load in CI the GENCOD field never came).
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });

    await app.getByLabel("Look up").selectOption({ label: "Product by GENCOD" });
    await app.getByLabel("GENCOD (barcode)").fill("3700000000017");
    await app.getByRole("button", { name: "Search" }).click();
    const table = app.getByRole("table");
    await table.getByText("BOXE20BEWARE|MARINE/GRIS CHINE|S", { exact: true }).waitFor({ timeout: 30_000 });
    await table.getByText("Boxer coton peigné façon œillet", { exact: true }).waitFor();
    await screenshot(page, "fastmag-explorer-gencod");

    // The SKU opens the variant's stock page: Fastmag's stocks next to Shopify's and the last sync.
    await table.getByRole("link", { name: "BOXE20BEWARE|MARINE/GRIS CHINE|S" }).click();
    await app.getByRole("heading", { name: "Stock of BOXE20BEWARE|MARINE/GRIS CHINE|S" }).waitFor({ timeout: 30_000 });
    await app.getByText("Available to sell", { exact: true }).waitFor();
    await app.getByText(/^Fastmag: general stock \d+ · web stock \d+$/).waitFor();
    await screenshot(page, "stock-of-sku");
    await openFromAdminMenu(page, app, "Fastmag explorer");
    await app.getByLabel("Look up").waitFor({ timeout: 30_000 });
    // The kind of lookup switches the fields from React: chosen before hydration, the choice is lost
    // (under load in CI the GENCOD field never came).
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });

    await app.getByLabel("Look up").selectOption({ label: "PME remaining balance" });
    await app.getByLabel("PME code").fill("PME-WEB-001");
    await app.getByRole("button", { name: "Search" }).click();
    await table.getByText("42.50", { exact: true }).waitFor({ timeout: 30_000 });
    await table.getByText("PME-WEB-001", { exact: true }).waitFor();
    await screenshot(page, "fastmag-explorer-pme-balance");
  });

  it("says a connection test's failure and the field errors in French to a French admin", async () => {
    await page.goto(`${stack.adminUrl}/settings/fastmag?locale=fr`);
    await app.getByLabel("Adresse de Fastmag").waitFor({ timeout: 30_000 });
    await app.getByLabel("Adresse de Fastmag").fill("http://fastmag.example.com");
    await app.getByRole("button", { name: "Tester la connexion" }).click();
    await app.getByText("Certains champs sont à corriger avant de pouvoir tester la connexion.").waitFor({
      timeout: 30_000,
    });
    await app.getByText("L'adresse doit commencer par https:// (le mot de passe y est envoyé).").waitFor();

    // An address no name server knows: the failure class in French, the saved password tested.
    await app.getByLabel("Adresse de Fastmag").fill("https://fastmag.invalid/");
    await app.getByRole("button", { name: "Tester la connexion" }).click();
    const failure = app.getByText("L'adresse de Fastmag est introuvable. Vérifiez l'adresse.");
    await failure.waitFor({ timeout: 60_000 });
    await failure.scrollIntoViewIfNeeded();
    await screenshot(page, "fastmag-settings-test-failure-fr");
    // The app speaks English again for the next tests.
    await page.goto(`${stack.adminUrl}/settings/fastmag?locale=en`);
    await app.getByLabel("Fastmag address").waitFor({ timeout: 30_000 });
  });
});

describe("the stack's configureFastmag option (npm run demo)", () => {
  it("connects the demo shop to the Fastmag emulator through the settings screen", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-e2e-fastmag-demo-"));
    const demo = await startStack({
      appPort: await freePort(),
      databaseUrl: `file:${path.join(dir, "demo.sqlite")}`,
      quiet: true,
      configureFastmag: true,
    });
    const db = createPrismaClient(demo.databaseUrl);
    try {
      const row = await db.connectorSetting.findUniqueOrThrow({
        where: { shop_connector: { shop: demo.shop, connector: "fastmag" } },
      });
      expect(row).toMatchObject({
        lastCheckOk: true,
        lastCheckMessage: "Connected: 4 seasons found (E23, E24, H23, H24).",
      });
      expect(JSON.parse(row.configJson)).toMatchObject({
        host: demo.fastmag.url,
        enseigne: demo.fastmagCredentials.enseigne,
      });
      expect(row.secretsCiphertext).not.toContain(demo.fastmagCredentials.motpasse);
    } finally {
      await db.$disconnect();
      await demo.stop();
    }
  });
});
