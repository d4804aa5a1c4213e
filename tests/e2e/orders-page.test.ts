// The Orders screen at 1440 px and an order's page, in Chromium through the emulated admin: the list
// fits (Retry inside the viewport), a refusal by Fastmag reads in plain words with Fastmag's own text
// behind "Technical details", and the order page shows the customer, lines, amounts, timeline and the
// link to the order in Shopify admin, in English and in French.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let page: Page;
let app: FrameLocator;

beforeAll(async () => {
  session = await startE2eSession("orders-page", { configureFastmag: true });
  ({ page, app } = session);
  await page.setViewportSize({ width: 1440, height: 900 });
});

afterAll(async () => {
  await session?.close();
});

const stack = () => session.stack;

async function fastmagLocation(): Promise<string> {
  const db = createPrismaClient(stack().databaseUrl);
  try {
    return (await db.shopRouting.findUniqueOrThrow({ where: { shop: stack().shop } })).shopifyLocationId!;
  } finally {
    await db.$disconnect();
  }
}

async function createShopifyOrder(input: Record<string, unknown>): Promise<{ id: string; name: string }> {
  const response = await fetch(`${stack().shopify.url}/_emulator/shops/${stack().shop}/orders`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      location: await fastmagLocation(),
      fulfillmentRequest: true,
      email: "hugo.petit@example.fr",
      customer: { firstName: "Hugo", lastName: "Petit" },
      shippingAddress: { firstName: "Hugo", lastName: "Petit", address1: "1 rue Haute", zip: "75001", city: "Paris" },
      shippingPrice: 4.9,
      ...input,
    }),
  });
  if (!response.ok) throw new Error(`create order: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { order: { id: string; name: string } }).order;
}

describe("Orders at 1440 px", () => {
  it("fits the list with Retry on screen, and the order page explains the refusal", async () => {
    const failed = await createShopifyOrder({
      lineItems: [{ sku: "NOPE|X|Y", title: "Article fantôme", quantity: 2, price: 15 }],
    });

    await page.goto(stack().adminUrl);
    await app.getByText(stack().shop).first().waitFor({ timeout: 30_000 });
    await openFromAdminMenu(page, app, "Orders");
    await app.getByRole("heading", { name: "Orders", exact: true }).waitFor({ timeout: 30_000 });
    const retry = app.getByRole("button", { name: `Retry ${failed.name}` });
    await expect
      .poll(
        async () => {
          await page.reload();
          await app.getByRole("heading", { name: "Orders", exact: true }).waitFor({ timeout: 30_000 });
          return retry.count();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(1);
    await app.getByText("Fastmag does not know the article “NOPE X Y”").first().waitFor();
    expect(await app.getByText("Article inconnu").count()).toBe(0);
    const box = (await retry.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1440);
    await screenshot(page, "orders-list-1440");

    await app.getByRole("link", { name: failed.name, exact: true }).click();
    await app.getByRole("heading", { name: `Order ${failed.name}` }).waitFor({ timeout: 30_000 });
    await app.getByText("Hugo Petit", { exact: true }).waitFor();
    await app.getByRole("cell", { name: "NOPE|X|Y" }).waitFor();
    const admin = app.getByRole("link", { name: `Open ${failed.name} in Shopify admin` });
    expect(await admin.getAttribute("href")).toMatch(/^https:\/\/admin\.shopify\.com\/store\/.+\/orders\/\d+$/);
    await app.getByRole("heading", { name: "Timeline" }).waitFor();
    await app.getByRole("button", { name: "Technical details" }).first().click();
    await app
      .getByText(/ENTETE\+LIGNE: “Article inconnu : NOPE X Y”/)
      .first()
      .waitFor();
    await screenshot(page, "order-page");

    // The same page for an admin in French: the app's words in French, Fastmag's own text as it is.
    const orderId = new URL(page.frame({ name: "app-iframe" })!.url()).pathname.split("/").pop()!;
    await page.goto(`${stack().adminUrl}/orders/${orderId}?locale=fr`);
    await app.locator('html[lang="fr"][data-hydrated]').waitFor({ timeout: 30_000 });
    await app.getByRole("heading", { name: `Commande ${failed.name}` }).waitFor({ timeout: 30_000 });
    await app.getByRole("heading", { name: "Où en est-elle" }).waitFor();
    await app.getByRole("heading", { name: "Historique" }).waitFor();
    await app.getByRole("columnheader", { name: "Quantité" }).waitFor();
    await app.getByText("Erreur", { exact: true }).first().waitFor();
    await app.getByRole("link", { name: `Ouvrir ${failed.name} dans l'admin Shopify` }).waitFor();
    await screenshot(page, "order-page-fr");
  });
});
