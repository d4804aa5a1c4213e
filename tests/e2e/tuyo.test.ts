// Tuyo in Chromium, inside the emulated Shopify admin (issue 18): the merchant sets Tuyo up (address,
// key, store, test, send stock), maps a product type to a Tuyo category, publishes a collection — the
// products appear in the Tuyo emulator —, a stock change in the ERP (Fastmag) reaches Tuyo with a stock
// run, and a Tuyo sale recorded on Tuyo → Orders becomes a Shopify order whose fulfilment Tuyo hears
// as "Ruta".
import http from "node:http";
import type net from "node:net";
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../scripts/stack";
import { DEMO_PRODUCTION_TOKEN, DEMO_STORE, type TuyoEmulator } from "../../emulators/tuyo/index";
import { ordersOf } from "../../emulators/shopify/orders";
import { shopifyClient } from "../support/shopify-emulator-client";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let stack: Stack;
let page: Page;
let app: FrameLocator;
let tuyo: TuyoEmulator;
let images: http.Server;
let collectionId: string;
/** The demo products published: the shirts (product type "Chemises"). */
let shirtSkus: string[];

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

beforeAll(async () => {
  session = await startE2eSession("tuyo", { configureFastmag: true });
  ({ stack, page, app } = session);
  tuyo = stack.emulators.tuyo as TuyoEmulator;

  // The shirts get a photo (Tuyo takes no product without one) and make up the collection "Tuyo".
  images = http.createServer((_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(PNG));
  await new Promise<void>((resolve) => images.listen(0, "127.0.0.1", resolve));
  const imageUrl = `http://127.0.0.1:${(images.address() as net.AddressInfo).port}/shirt.png`;
  const shop = stack.shopify.store.shop(stack.shop);
  const shirts = [...shop.products.values()].filter((p) => p.productType === "Chemises");
  shirtSkus = shirts.flatMap((p) => p.variantIds.map((id) => shop.variants.get(id)!.sku!));
  const client = shopifyClient(stack.shopify, stack.shop);
  for (const shirt of shirts) {
    const { data } = await client.gql(
      `mutation M($id: ID!, $media: [CreateMediaInput!]!) { productCreateMedia(productId: $id, media: $media) { media { id } mediaUserErrors { message } } }`,
      { id: `gid://shopify/Product/${shirt.id}`, media: [{ originalSource: imageUrl, mediaContentType: "IMAGE" }] },
    );
    expect(data.productCreateMedia.mediaUserErrors).toEqual([]);
  }
  const made = await client.control("collections", {
    title: "Tuyo",
    products: shirts.map((p) => `gid://shopify/Product/${p.id}`),
  });
  collectionId = ((await made.json()) as { id: string }).id;
});

afterAll(async () => {
  await session?.close();
  await new Promise((resolve) => images?.close(resolve));
});

const tuyoStock = (sku: string) =>
  tuyo
    .products()
    .flatMap((p) => p.variants)
    .find((v) => v.sku === sku)
    ?.stock.reduce((sum, line) => sum + line.stock, 0);

async function openTuyo(action?: "Categories" | "Listings" | "Orders") {
  await openFromAdminMenu(page, app, "Settings");
  await app.getByRole("heading", { name: "Settings", exact: true }).waitFor({ timeout: 30_000 });
  await app.getByRole("link", { name: "Tuyo", exact: true }).click();
  await app.getByLabel("Tuyo API address").waitFor({ timeout: 30_000 });
  await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
  if (action) {
    await app
      .getByRole("link", { name: action })
      .or(app.getByRole("button", { name: action }))
      .first()
      .click();
    await app.getByRole("heading", { name: `Tuyo ${action.toLowerCase()}` }).waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
  }
}

describe("Tuyo", () => {
  it("sets Tuyo up: address, key, store, branch, user; tests the connection; sends stock", async () => {
    await page.goto(stack.adminUrl);
    await app.getByText(stack.shop).first().waitFor({ timeout: 30_000 });
    await openTuyo();
    await app.getByLabel("Tuyo API address").fill(tuyo.url);
    await app.getByLabel("Production API key").fill(DEMO_PRODUCTION_TOKEN);
    await app.getByLabel("Store id").fill(String(DEMO_STORE.id));
    await app.getByLabel("Branch id").fill(String(DEMO_STORE.branches[0]));
    await app.getByLabel("User id").fill(String(DEMO_STORE.users[0]));
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("Tuyo settings saved. Test the connection to check them.").waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: "Test connection" }).click();
    await app.getByText(/^Connected \(production key\): \d+ categories found/).waitFor({ timeout: 30_000 });
    await app.getByLabel("Send stock to Tuyo").click();
    await app.getByText("Stock of the products listed on Tuyo is now sent to Tuyo.").waitFor({ timeout: 30_000 });
    await screenshot(page, "tuyo-settings");
  });

  it("maps the shirts' product type to a Tuyo category", async () => {
    await openTuyo("Categories");
    await app.getByLabel("Product type", { exact: true }).first().fill("Chemises");
    await app.getByLabel("Tuyo category").selectOption({ label: "Ropa" });
    await app.getByLabel("Subcategory").selectOption({ label: "Caballero" });
    await app.getByRole("button", { name: "Save mapping" }).click();
    await app.getByText("Mapping saved.").waitFor({ timeout: 30_000 });
    await app.locator("table").getByText("Ropa › Caballero").waitFor({ timeout: 30_000 });
    await screenshot(page, "tuyo-categories");
  });

  it("publishes a collection: its products are on Tuyo with their variants and stock", async () => {
    await openTuyo("Listings");
    await app.getByLabel("Collection id").fill(collectionId);
    await app.getByRole("button", { name: "Publish on Tuyo" }).click();
    await app.getByText(/^Started: follow it on the Syncs page/).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => tuyo.products().flatMap((p) => p.variants.map((v) => v.sku)), { timeout: 60_000, interval: 500 })
      .toEqual(expect.arrayContaining(shirtSkus));
    expect(tuyo.products().every((p) => p.fk_categoriesId === 1 && p.fk_subcategoriesId === 2)).toBe(true);
    await openTuyo("Listings");
    await app.locator("table").getByText("listed").first().waitFor({ timeout: 30_000 });
    await screenshot(page, "tuyo-listings");
  });

  it("a stock change in the ERP reaches Tuyo with the next stock run", async () => {
    const sku = shirtSkus[0]!;
    const [reference, color, size] = sku.split("|");
    const before = tuyoStock(sku);
    const changed = stack.fastmag.db
      .prepare("UPDATE stocks SET stock_web = stock_web + 7 WHERE reference = ? AND color = ? AND size = ?")
      .run(reference, color, size);
    expect(changed.changes).toBe(1);
    await openFromAdminMenu(page, app, "Syncs");
    const card = app.getByRole("region", { name: "Stock (full)" });
    await card.waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await card.getByRole("button", { name: "Run now: Stock (full)" }).click();
    // Tuyo holds what Shopify holds: both are written from the same ERP level, side by side.
    const shop = stack.shopify.store.shop(stack.shop);
    const variant = [...shop.variants.values()].find((v) => v.sku === sku)!;
    const shopifyAvailable = () =>
      [...shop.inventoryLevels.values()]
        .filter((l) => l.inventoryItemId === variant.inventoryItemId)
        .map((l) => l.quantities.available ?? 0);
    await expect
      .poll(() => [tuyoStock(sku) !== before, shopifyAvailable().includes(tuyoStock(sku)!)], {
        timeout: 60_000,
        interval: 500,
      })
      .toEqual([true, true]);
    await card.getByText("Succeeded").first().waitFor({ timeout: 30_000 });
    await screenshot(page, "tuyo-stock-synced");
  });

  it("records a Tuyo sale as a Shopify order; fulfilled in Shopify, Tuyo shows it 'Ruta'", async () => {
    const sku = shirtSkus[0]!;
    tuyo.createOrder({ code: "E2E-1", items: [{ sku }] });
    await openTuyo("Orders");
    await app.getByLabel("Tuyo order code").fill("E2E-1");
    await app.getByLabel("Items").fill(`${sku} 1`);
    await app.getByRole("button", { name: "Record in Shopify" }).click();
    await app.getByText(/^Tuyo order E2E-1 recorded as Shopify order #\d+\.$/).waitFor({ timeout: 30_000 });
    const order = [...ordersOf(stack.shopify.store.shop(stack.shop)).orders.values()].find((o) =>
      o.tags.includes("tuyo-E2E-1"),
    )!;
    expect(order.tags).toContain("tuyo");
    expect(tuyo.orders().find((o) => o.code === "E2E-1")!.status).toBe("Empaque");
    await screenshot(page, "tuyo-order-recorded");

    // The merchant marks it fulfilled in the admin: Shopify's webhooks reach the app, Tuyo hears "Ruta".
    const fulfilled = await fetch(`${stack.shopify.url}/_emulator/shops/${stack.shop}/orders/${order.id}/fulfill`, {
      method: "POST",
    });
    expect(fulfilled.status).toBe(200);
    await expect
      .poll(() => tuyo.orders().find((o) => o.code === "E2E-1")!.status, { timeout: 60_000, interval: 500 })
      .toBe("Ruta");
    await openTuyo("Orders");
    await app.locator("table").getByText("Ruta", { exact: true }).waitFor({ timeout: 30_000 });
    await app.locator("table").getByText(order.name, { exact: true }).waitFor();
    await screenshot(page, "tuyo-order-ruta");
  });
});
