// Settings → Point of sale in Chromium, inside the emulated Shopify admin: the merchant adds a Square
// account (access token, the emulator's API address), tests the form's values and sees its locations,
// saves; maps a Square location to a Shopify location; has matches suggested by SKU and confirms them;
// runs the POS stock poll — the run succeeds and Shopify's levels are Square's counts — and an online
// order for a mapped item at the mapped location takes one off Square's count.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCESS_TOKEN } from "../../emulators/square/index";
import type { Stack } from "../../scripts/stack";
import { blockingAxeViolations } from "./support/axe";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let stack: Stack;
let page: Page;
let app: FrameLocator;

const PARIS = "LPARIS0000001";
const SHOPIFY_LOCATION = "Boutique Paris Marais";
/** Two of the shop's SKUs that Square also sells (seeded below), with Square's count at Paris. */
let sold: { sku: string; variationId: string; count: number }[];

beforeAll(async () => {
  session = await startE2eSession("pos");
  ({ stack, page, app } = session);
});

afterAll(async () => {
  await session?.close();
});

const square = () => stack.emulators.square!;

/** Square's IN_STOCK count of a variation at a location, read through the emulator's control API. */
function squareCount(variationId: string, locationId = PARIS): number | undefined {
  const counts = square().state().counts as {
    catalogObjectId: string;
    locationId: string;
    state: string;
    quantity: string | number;
  }[];
  const found = counts.find(
    (c) => c.catalogObjectId === variationId && c.locationId === locationId && c.state === "IN_STOCK",
  );
  return found === undefined ? undefined : Number(found.quantity);
}

/** Shopify's available quantity per SKU at a location (the emulator's store). */
function shopifyLevels(locationName: string): Map<string, number> {
  const shop = stack.shopify.store.shop(stack.shop);
  const location = [...shop.locations.values()].find((l) => l.name === locationName)!;
  const skuOfItem = new Map([...shop.variants.values()].map((v) => [v.inventoryItemId, v.sku ?? ""]));
  const levels = new Map<string, number>();
  for (const level of shop.inventoryLevels.values())
    if (level.locationId === location.id)
      levels.set(skuOfItem.get(level.inventoryItemId)!, level.quantities.available ?? 0);
  return levels;
}

async function openPosSettings() {
  await page.goto(stack.adminUrl);
  await app.getByText(stack.shop).first().waitFor({ timeout: 30_000 });
  await openFromAdminMenu(page, app, "Settings");
  await app.getByRole("link", { name: "Open point of sale" }).click();
  await app.getByRole("heading", { name: "Point of sale" }).waitFor({ timeout: 30_000 });
  await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
}

describe("Point of sale settings with Square", () => {
  it("adds a Square account: tests the form's values, sees its locations, saves", async () => {
    // Square sells two of the shop's SKUs at its Paris shop (besides its demo T-shirts, unknown to Shopify).
    const variants = [...stack.shopify.store.shop(stack.shop).variants.values()].filter((v) => v.sku).slice(0, 2);
    sold = variants.map((v, i) => ({
      sku: v.sku!,
      variationId: `VARE2E${String(i + 1).padStart(18, "0")}`,
      count: 11 + i * 5,
    }));
    square().seed({
      items: [
        {
          id: "ITEME2E0000000000000000001",
          name: "Article de la boutique",
          variations: sold.map((s) => ({ id: s.variationId, name: s.sku, sku: s.sku, counts: { [PARIS]: s.count } })),
        },
      ],
    });

    await openPosSettings();
    await app.getByText("No point-of-sale account yet.").waitFor();
    await app.getByLabel("Account name").fill("Boutique Paris");
    await app.getByLabel("API address").fill(square().url);
    await app.getByLabel("Access token").fill(DEMO_ACCESS_TOKEN);
    await app.getByRole("button", { name: "Test connection" }).click();
    await app.getByText(/Locations: Boutique Paris \(LPARIS0000001\), Boutique Lyon \(LLYON00000001\)/).waitFor({
      timeout: 30_000,
    });
    await app.getByText(/^Locations: /).scrollIntoViewIfNeeded();
    await screenshot(page, "pos-account-form");

    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText('"Boutique Paris" saved.', { exact: false }).waitFor({ timeout: 30_000 });
    // The form is now the saved account's (with its locations and items below), not a second new one.
    await app.getByRole("heading", { name: 'Edit "Boutique Paris"' }).waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: "Boutique Paris", exact: true }).waitFor();
  });

  it("maps the Paris Square location to a Shopify location", async () => {
    await app.getByRole("heading", { name: "Locations" }).waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: "Read the POS locations" }).click();
    const paris = app.getByLabel("Boutique Paris → Shopify location");
    await paris.waitFor({ timeout: 30_000 });
    await paris.selectOption({ label: SHOPIFY_LOCATION });
    await app.getByRole("button", { name: "Save locations" }).click();
    await app.getByText("Locations saved.").waitFor({ timeout: 30_000 });
  });

  it("suggests item matches by SKU and confirms them", async () => {
    await app.getByRole("button", { name: "Suggest matches" }).click();
    await app.getByText(/5 items read: 2 suggestions to confirm, 3 without a match\./).waitFor({ timeout: 30_000 });
    const table = app.locator("table");
    for (const { sku } of sold) await table.getByText(`· ${sku}`, { exact: false }).waitFor({ timeout: 30_000 });
    await expect.poll(() => table.getByText("Suggested by SKU").count()).toBe(2);
    // Square's demo T-shirts are not sold online: no suggestion, and nothing to confirm on their rows.
    await expect.poll(() => table.getByText("No match: enter a Shopify SKU").count()).toBe(3);
    await expect.poll(() => table.getByRole("button", { name: /^Confirm T-shirt/ }).count()).toBe(0);
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, "pos-items-suggestions");
    // The screen with an account, its locations and items (accessibility.test.ts checks it empty).
    expect(await blockingAxeViolations(page.frame({ name: "app-iframe" })!)).toEqual([]);

    await app.getByRole("button", { name: "Confirm all suggestions" }).click();
    await app.getByText("2 suggestions confirmed.").waitFor({ timeout: 30_000 });
    await expect.poll(() => table.getByText("Confirmed", { exact: true }).count()).toBe(2);
  });

  it("runs the POS stock poll: the run succeeds and Shopify's levels are Square's counts", async () => {
    await app.getByRole("button", { name: "Run now" }).click();
    await app.getByText("Stock poll queued.").waitFor({ timeout: 30_000 });
    await expect
      .poll(
        () => {
          const levels = shopifyLevels(SHOPIFY_LOCATION);
          return sold.map((s) => [s.sku, levels.get(s.sku)]);
        },
        { timeout: 60_000, interval: 500 },
      )
      .toEqual(sold.map((s) => [s.sku, s.count]));
    // The screen's "Runs" leads to the Syncs page: the account's card shows its last run, succeeded.
    await app.getByRole("link", { name: "Runs" }).click();
    const card = app.getByRole("region", { name: "Point of sale stock: Boutique Paris" });
    await card.getByText("Succeeded").first().waitFor({ timeout: 30_000 });
    // Started from the screen: the merchant's run, not the API's.
    await app.getByRole("region", { name: "Recent runs" }).getByText("manual", { exact: true }).first().waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, "pos-run");
  });

  it("an online order for a mapped item at the mapped location takes one off Square's count", async () => {
    const [first] = sold;
    const response = await fetch(`${stack.shopify.url}/_emulator/shops/${stack.shop}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        location: SHOPIFY_LOCATION,
        email: "camille.martin@example.fr",
        lineItems: [{ sku: first!.sku, title: "Article", quantity: 1, price: 29.9 }],
      }),
    });
    const created = (await response.json()) as { attempts: { status: number }[] };
    expect(created.attempts.map((a) => a.status)).toEqual([200]);
    await expect.poll(() => squareCount(first!.variationId), { timeout: 30_000, interval: 250 }).toBe(first!.count - 1);
    // The other item, not ordered, keeps its count.
    expect(squareCount(sold[1]!.variationId)).toBe(sold[1]!.count);

    await openPosSettings();
    await app.getByRole("button", { name: "Boutique Paris", exact: true }).waitFor();
    await app.locator("table").scrollIntoViewIfNeeded();
    await screenshot(page, "pos-after-order");
  });

  it("shows the account, its locations, items and stock poll in French to a French admin", async () => {
    await page.goto(`${stack.adminUrl}/settings/pos?locale=fr`);
    await app.locator('html[lang="fr"][data-hydrated]').waitFor({ timeout: 30_000 });
    await app.getByRole("heading", { name: "Relevé du stock" }).waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: "Lancer maintenant" }).waitFor();
    await app.getByRole("button", { name: "Lire les emplacements du point de vente" }).waitFor();
    await app.getByRole("columnheader", { name: "Article du point de vente" }).waitFor();
    await app.getByText("Confirmé", { exact: true }).first().waitFor();
    await screenshot(page, "pos-fr");
    // The app remembers the language: back to English for whatever runs next.
    await page.goto(`${stack.adminUrl}/settings/pos?locale=en`);
    await app.locator('html[lang="en"][data-hydrated]').waitFor({ timeout: 30_000 });
  });
});
