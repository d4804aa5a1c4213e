// Promotions in Chromium: a collection made in the emulated admin, picked with App Bridge's resource
// picker on the Create promotion screen, previewed, created; the worker lowers the prices and tags the
// products in the Shopify emulator (the promotion set to include products added to the collection
// later, which its page shows); End now puts every price back exactly and removes the tag.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let page: Page;
let app: FrameLocator;

interface ProductSnapshot {
  id: string;
  title: string;
  tags: string[];
  variants: { id: string; sku: string; price: string; compareAtPrice: string | null }[];
}

beforeAll(async () => {
  session = await startE2eSession("promotions");
  ({ page, app } = session);
  await page.goto(session.stack.adminUrl);
  await app.getByRole("heading", { name: "Dashboard" }).waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await session?.close();
});

async function products(): Promise<ProductSnapshot[]> {
  const response = await fetch(`${session.stack.shopify.url}/_emulator/shops/${session.stack.shop}`);
  return ((await response.json()) as { products: ProductSnapshot[] }).products;
}

describe("Promotions", () => {
  it("creates a promotion on a collection with a preview, then ends it and every price is back", async () => {
    const [first, second] = (await products()).slice(0, 2) as [ProductSnapshot, ProductSnapshot];
    const before = new Map(
      [first, second].flatMap((p) =>
        p.variants.map((v) => [v.id, { price: v.price, compareAtPrice: v.compareAtPrice }]),
      ),
    );
    const created = await fetch(`${session.stack.shopify.url}/_emulator/shops/${session.stack.shop}/collections`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Soldes été", products: [first.id, second.id] }),
    });
    expect(created.status).toBe(201);

    await openFromAdminMenu(page, app, "Promotions");
    await app.getByRole("heading", { name: "Promotions", exact: true }).waitFor({ timeout: 30_000 });
    await app
      .getByRole("link", { name: "Create promotion" })
      .or(app.getByRole("button", { name: "Create promotion" }))
      .first()
      .click();
    await app.getByRole("heading", { name: "Create promotion", exact: true }).waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await app.getByLabel("Name").fill("Soldes d'été");
    await app.getByLabel("Percentage off").fill("30");

    await app.getByRole("button", { name: "Pick collections" }).click();
    const picker = page.getByRole("dialog", { name: "Select collections" });
    await picker.waitFor({ timeout: 10_000 });
    await picker.getByLabel("Soldes été").check();
    await screenshot(page, "promotions-resource-picker");
    await picker.getByRole("button", { name: "Select" }).click();
    await app.getByText("Soldes été").first().waitFor();

    await app.getByRole("button", { name: "Preview" }).click();
    const variants = before.size;
    await app.getByText(`2 products, ${variants} variants`).waitFor({ timeout: 30_000 });
    const firstVariant = first.variants[0]!;
    const lowered = (Math.round(Number(firstVariant.price) * 70) / 100).toFixed(2);
    await app.getByRole("cell", { name: lowered }).first().waitFor();
    await screenshot(page, "promotions-preview");

    await app.getByLabel("Include products added to its collections later").check();
    await app.getByRole("button", { name: "Create promotion" }).click();
    await app.getByRole("heading", { name: "Soldes d'été", exact: true }).waitFor({ timeout: 30_000 });
    await app.getByText("Products added to its collections later: included").waitFor({ timeout: 30_000 });
    await expect
      .poll(
        async () => {
          const now = (await products()).find((p) => p.id === first.id)!;
          return [now.tags.includes("promo-30"), now.variants[0]!.price, now.variants[0]!.compareAtPrice];
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual([
        true,
        lowered,
        firstVariant.compareAtPrice && Number(firstVariant.compareAtPrice) > Number(firstVariant.price)
          ? firstVariant.compareAtPrice
          : firstVariant.price,
      ]);
    // The list shows it active; its page shows each variant's price before and during it.
    await openFromAdminMenu(page, app, "Promotions");
    const row = app.getByRole("row", { name: /Soldes d'été · −30% · promo-30/ });
    await row.getByText("Active").waitFor({ timeout: 30_000 });
    await screenshot(page, "promotions-list-active");
    await row.getByRole("link").click();
    await app.getByRole("heading", { name: "Soldes d'été", exact: true }).waitFor({ timeout: 30_000 });
    await app.getByRole("cell", { name: lowered }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, "promotions-active");

    // The same page for an admin in French: its words, the state and the dates in French.
    const detail = new URL(page.frame({ name: "app-iframe" })!.url()).pathname.replace(/^\/app/, "");
    await page.goto(`${session.stack.adminUrl}${detail}?locale=fr`);
    await app.locator('html[lang="fr"][data-hydrated]').waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: "Terminer maintenant" }).waitFor({ timeout: 30_000 });
    await app.getByText("Prix avant", { exact: true }).waitFor();
    await app.getByText("Produits ajoutés plus tard à ses collections : inclus", { exact: false }).waitFor();
    await app.getByText("Active", { exact: true }).first().waitFor();
    await screenshot(page, "lang-fr-promotion");
    await page.goto(`${session.stack.adminUrl}${detail}?locale=en`);
    await app.locator('html[lang="en"][data-hydrated]').waitFor({ timeout: 30_000 });
    await app.getByRole("heading", { name: "Soldes d'été", exact: true }).waitFor({ timeout: 30_000 });

    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: "End now" }).click();
    await expect
      .poll(
        async () => {
          const now = (await products()).filter((p) => p.id === first.id || p.id === second.id);
          return {
            tagged: now.some((p) => p.tags.includes("promo-30")),
            prices: new Map(
              now.flatMap((p) => p.variants.map((v) => [v.id, { price: v.price, compareAtPrice: v.compareAtPrice }])),
            ),
          };
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual({ tagged: false, prices: before });
    await openFromAdminMenu(page, app, "Promotions");
    await app
      .getByRole("row", { name: /Soldes d'été · −30% · promo-30/ })
      .getByText("Ended")
      .waitFor({ timeout: 30_000 });
    await screenshot(page, "promotions-list-ended");
  });
});
