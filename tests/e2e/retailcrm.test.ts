// Settings → RetailCRM in Chromium, inside the emulated Shopify admin: the merchant saves the account
// address and API key, picks the warehouse from RetailCRM's list, tests the connection, turns on
// "Send stock to RetailCRM" and registers the warehouse module; then matches items, chooses where stock
// goes (Shopify and RetailCRM), runs a stock sync — the leftovers arrive in RetailCRM and Shopify — and a
// Shopify order marked fulfilled shows up shipped in RetailCRM.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import type { Stack } from "../../scripts/stack";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let stack: Stack;
let page: Page;
let app: FrameLocator;

beforeAll(async () => {
  // Fastmag set up as the demo does: the stock source, with the Shopify location stock goes to.
  session = await startE2eSession("retailcrm", { configureFastmag: true });
  ({ stack, page, app } = session);
});

afterAll(async () => {
  await session?.close();
});

describe("RetailCRM settings", () => {
  it("sets RetailCRM up: address, key, warehouse, test, send stock, register module", async () => {
    await page.goto(stack.adminUrl);
    await app.getByText(stack.shop).first().waitFor({ timeout: 30_000 });
    await openFromAdminMenu(page, app, "Settings");
    await app.getByRole("link", { name: "RetailCRM" }).click();
    await app.getByLabel("RetailCRM account address").waitFor({ timeout: 30_000 });

    await app.getByLabel("RetailCRM account address").fill("http://crm.example.com");
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("Some fields need fixing; nothing was saved.").waitFor({ timeout: 30_000 });
    await app.getByText("The address must start with https://").waitFor();
    await app.getByText(/Enter the API key/).waitFor();

    await app.getByLabel("RetailCRM account address").fill(stack.retailcrm.url);
    await app.getByLabel("API key").fill(stack.retailcrm.apiKeys[0]!);
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("RetailCRM settings saved").waitFor({ timeout: 30_000 });
    await app.getByText("An API key is saved. Leave empty to keep it.").waitFor();
    expect(await app.getByLabel("API key").inputValue()).toBe("");

    // The warehouses now come from RetailCRM.
    await app.getByLabel("Warehouse stock goes to").selectOption("main", { timeout: 30_000 });
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("RetailCRM settings saved").waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: "Test connection" }).click();
    await app
      .getByText('Connected: 2 warehouses found; stock goes to "Entrepôt principal".')
      .waitFor({ timeout: 30_000 });
    await screenshot(page, "retailcrm-settings-connected");

    // A click, then the server's answer: on a loaded machine the box may re-render from the page's data
    // before Playwright's check() looks at it again; the answer is what proves the setting was saved.
    await app.getByLabel("Send stock to RetailCRM").click();
    await app.getByText("Stock runs now send stock to RetailCRM too.").waitFor({ timeout: 30_000 });
    await expect.poll(() => app.getByLabel("Send stock to RetailCRM").isChecked()).toBe(true);
    await app.getByRole("button", { name: "Register module" }).click();
    await app.getByText(/RetailCRM registered the module "passerelle" \(active\)/).waitFor({ timeout: 30_000 });
    await screenshot(page, "retailcrm-settings-module");
    expect(stack.retailcrm.state().modules.map((m) => m.code)).toEqual(["passerelle"]);
  });
});

/** RetailCRM's leftover per offer article at a warehouse, read through the emulator's control API. */
async function crmLeftovers(store = "main"): Promise<Map<string, number>> {
  const response = await fetch(`${stack.retailcrm.url}/_emulator/state`);
  const state = (await response.json()) as {
    products: { offers: { article?: string; stores: { code: string; available: number }[] }[] }[];
  };
  const levels = new Map<string, number>();
  for (const product of state.products)
    for (const offer of product.offers) {
      const at = offer.stores.find((s) => s.code === store);
      if (offer.article && at) levels.set(offer.article, at.available);
    }
  return levels;
}

async function stockLocation(): Promise<string> {
  const db = createPrismaClient(stack.databaseUrl);
  try {
    return (await db.shopRouting.findUniqueOrThrow({ where: { shop: stack.shop } })).shopifyLocationId!;
  } finally {
    await db.$disconnect();
  }
}

/** Shopify's available quantity per SKU at the location stock goes to (the emulator's store). */
async function shopifyLevels(): Promise<Map<string, number>> {
  const location = Number((await stockLocation()).split("/").pop());
  const shop = stack.shopify.store.shop(stack.shop);
  const skuOfItem = new Map([...shop.variants.values()].map((v) => [v.inventoryItemId, v.sku ?? ""]));
  const levels = new Map<string, number>();
  for (const level of shop.inventoryLevels.values())
    if (level.locationId === location)
      levels.set(skuOfItem.get(level.inventoryItemId)!, level.quantities.available ?? 0);
  return levels;
}

describe("RetailCRM with the stock and the orders", () => {
  let matched: string[];

  it("matches items: Shopify variants with the RetailCRM offer their SKU is the article of, the others with why", async () => {
    // Three of the shop's variants exist in RetailCRM as offers whose article is the SKU, with a leftover of 999.
    matched = [...stack.shopify.store.shop(stack.shop).variants.values()]
      .map((v) => v.sku)
      .filter((sku): sku is string => !!sku)
      .slice(0, 3);
    stack.retailcrm.seed({
      offers: matched.map((sku) => ({ article: sku, name: sku, stores: [{ code: "main", available: 999 }] })),
    });

    await openFromAdminMenu(page, app, "Settings");
    await app.getByRole("link", { name: "RetailCRM" }).click();
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: "Match items" }).click();
    await app.getByText(/^3 of the first \d+ Shopify variants match a RetailCRM offer/).waitFor({ timeout: 30_000 });
    for (const sku of matched) await app.locator("table").getByText(sku, { exact: true }).waitFor();
    await app
      .getByText(/No RetailCRM offer has ".*" as its article/)
      .first()
      .waitFor();
    await screenshot(page, "retailcrm-match-items");
  });

  it("chooses where stock goes in Settings: from Fastmag to Shopify and RetailCRM", async () => {
    await openFromAdminMenu(page, app, "Settings");
    await app.getByRole("link", { name: "Choose where data goes" }).click();
    await app.getByLabel("Stock comes from").waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await app.getByLabel("Stock comes from").selectOption("fastmag");
    await app.getByRole("checkbox", { name: "RetailCRM" }).check();
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("Saved. Syncs use this routing from their next run.").waitFor({ timeout: 30_000 });
    await app.getByText("Stock comes from Fastmag; it is sent to Shopify and RetailCRM.").waitFor();
    await screenshot(page, "settings-routing");
  });

  it("runs a stock sync: the same levels arrive in RetailCRM's warehouse and in Shopify", async () => {
    await openFromAdminMenu(page, app, "Syncs");
    const card = app.getByRole("region", { name: "Stock (full)" });
    await card.waitFor({ timeout: 30_000 });
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await card.getByRole("button", { name: "Run now: Stock (full)" }).click();
    // Both destinations hold the source's level once the run is through (they are written side by side).
    await expect
      .poll(
        async () => {
          const [crm, shopify] = await Promise.all([crmLeftovers(), shopifyLevels()]);
          return matched.map((sku) => [sku, crm.get(sku) === 999 ? "not sent" : crm.get(sku) === shopify.get(sku)]);
        },
        { timeout: 60_000, interval: 500 },
      )
      .toEqual(matched.map((sku) => [sku, true]));
    await card.getByText("Succeeded").first().waitFor({ timeout: 30_000 });
    await screenshot(page, "retailcrm-stock-synced");
  });

  it("a Shopify order marked fulfilled is shipped in RetailCRM from the warehouse", async () => {
    const created = (await (
      await fetch(`${stack.shopify.url}/_emulator/shops/${stack.shop}/orders`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          location: await stockLocation(),
          email: "camille.martin@example.fr",
          lineItems: [{ sku: matched[0], title: "Article", quantity: 1, price: 29.9 }],
        }),
      })
    ).json()) as { order: { id: string } };
    const orderId = created.order.id.split("/").pop()!;
    // The order reached RetailCRM (by the shop's own RetailCRM integration) with the Shopify id as externalId.
    stack.retailcrm.seed({ orders: [{ externalId: orderId }] });

    // The merchant marks it fulfilled in the admin: Shopify sends orders/fulfilled.
    const delivered = await fetch(`${stack.shopify.url}/_emulator/shops/${stack.shop}/orders/${orderId}/fulfill`, {
      method: "POST",
    });
    const fulfilled = (await delivered.json()) as {
      order: { fulfillmentStatus: string };
      attempts: { status: number }[];
    };
    expect(fulfilled.order.fulfillmentStatus).toBe("FULFILLED");
    expect(fulfilled.attempts.map((a) => a.status)).toEqual([200]);
    expect(delivered.status).toBeLessThan(300);
    await expect
      .poll(
        async () =>
          (await (await fetch(`${stack.retailcrm.url}/_emulator/orders/${orderId}`)).json()) as {
            shipped?: boolean;
            shipmentStore?: string;
          },
        { timeout: 30_000, interval: 250 },
      )
      .toMatchObject({ shipped: true, shipmentStore: "main" });
  });
});
