// Orders end to end, through HTTP only: an order created in the Shopify emulator reaches the app by
// webhook, lands in the Fastmag emulator once, gets status 300 with a tracking number, shows up
// fulfilled with tracking in Shopify, and is delivered when the Chronopost emulator says D. Then the
// Orders page in Chromium: an exported, a failed and a delivered order, and Retry on the failed one.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { readRouteData, routeDataUrl } from "../../scripts/route-data";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let page: Page;
let app: FrameLocator;
const SKU = "BOXE20BEWARE|MARINE/GRIS CHINE|S";

interface OrderSnapshot {
  id: string;
  legacyId: number;
  name: string;
  metafields: Record<string, string>;
  fulfillmentStatus: string;
  fulfillments: { tracking: { company: string; number: string; url: string }[]; events: string[] }[];
}

beforeAll(async () => {
  session = await startE2eSession("orders", { configureFastmag: true });
  ({ page, app } = session);
});

afterAll(async () => {
  await session?.close();
});

const stack = () => session.stack;

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function fastmagLocation(): Promise<string> {
  const db = createPrismaClient(stack().databaseUrl);
  try {
    // Chosen on the Fastmag settings screen, kept in the shop's routing.
    const row = await db.shopRouting.findUniqueOrThrow({ where: { shop: stack().shop } });
    return row.shopifyLocationId!;
  } finally {
    await db.$disconnect();
  }
}

async function createShopifyOrder(input: Record<string, unknown>): Promise<OrderSnapshot> {
  const body = {
    location: await fastmagLocation(),
    fulfillmentRequest: true,
    email: "camille.martin@example.fr",
    lineItems: [{ sku: SKU, title: "Boxer Beware", quantity: 1, price: 29.9 }],
    shippingPrice: 4.9,
    ...input,
  };
  const created = await json<{ order: OrderSnapshot; attempts: { status: number }[] }>(
    await fetch(`${stack().shopify.url}/_emulator/shops/${stack().shop}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
  expect(created.attempts.map((a) => a.status)).toEqual([200]); // the app took the webhook at once
  return created.order;
}

async function shopifyOrder(id: string): Promise<OrderSnapshot> {
  const { orders } = await json<{ orders: OrderSnapshot[] }>(
    await fetch(`${stack().shopify.url}/_emulator/shops/${stack().shop}/orders`),
  );
  return orders.find((o) => o.id === id)!;
}

/** "Run now" on the Syncs screen (its action, over HTTP with a session token), then waits for the run to succeed. */
async function runSync(type: string): Promise<void> {
  const call = async (path: string, route: string, form?: Record<string, string>) => {
    const response = await fetch(routeDataUrl(stack().appUrl, path, route, form ? "POST" : "GET"), {
      method: form ? "POST" : "GET",
      headers: {
        authorization: `Bearer ${stack().shopify.mintSessionToken(stack().shop)}`,
        // Shopify's library answers 410 to user agents it takes for bots (Node's "node" is one).
        "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Passerelle-e2e/1.0",
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
    return readRouteData(response, form ? undefined : route);
  };
  const started = await call("/app/syncs", "routes/app.syncs._index", { intent: "run-now", type });
  expect(started).toMatchObject({ ok: true });
  await expect
    .poll(
      async () =>
        ((await call(`/app/runs/${String(started.jobId)}`, "routes/app.runs.$id")).job as { status: string }).status,
      { timeout: 30_000, interval: 250 },
    )
    .toBe("succeeded");
}

const fastmagOrders = (gid: string) =>
  stack().fastmag.db.prepare("SELECT order_id FROM orders WHERE shopify_order_id = ?").all(gid);

describe("orders end to end", () => {
  let delivered: OrderSnapshot;
  let exported: OrderSnapshot;
  let failed: OrderSnapshot;

  it("webhook → Fastmag once → status 300 → fulfilled with tracking → delivered at Chronopost's D", async () => {
    delivered = await createShopifyOrder({});
    await expect
      .poll(async () => (await shopifyOrder(delivered.id)).metafields["passerelle.fastmag_order_id"], {
        timeout: 30_000,
        interval: 250,
      })
      .toBeTruthy();
    expect(fastmagOrders(delivered.id)).toHaveLength(1);

    // The warehouse ships it: Fastmag status 300 with a Chronopost number; Chronopost takes the parcel.
    stack()
      .fastmag.db.prepare(
        "UPDATE orders SET status = 300, carrier = 'CHRONOPOST', tracking_number = 'XE000111222FR' WHERE shopify_order_id = ?",
      )
      .run(delivered.id);
    await json(
      await fetch(`${stack().chronopost.url}/_emulator/parcels`, {
        method: "POST",
        body: JSON.stringify({ number: "XE000111222FR" }),
      }),
    );
    await runSync("orders.statuses");
    const shipped = await shopifyOrder(delivered.id);
    expect(shipped.fulfillmentStatus).toBe("FULFILLED");
    expect(shipped.fulfillments[0]!.tracking).toEqual([
      { company: "Chronopost", number: "XE000111222FR", url: expect.stringContaining("XE000111222FR") },
    ]);

    await runSync("orders.deliveries");
    expect((await shopifyOrder(delivered.id)).fulfillments[0]!.events).not.toContain("DELIVERED");
    await json(
      await fetch(`${stack().chronopost.url}/_emulator/clock`, {
        method: "POST",
        body: JSON.stringify({ advanceMs: 25 * 3600_000 }),
      }),
    );
    await runSync("orders.deliveries");
    expect((await shopifyOrder(delivered.id)).fulfillments[0]!.events).toContain("DELIVERED");
    expect(fastmagOrders(delivered.id)).toHaveLength(1);
  });

  it("the Orders page shows an exported, a failed and a delivered order; Retry on the failed one works after the fix", async () => {
    exported = await createShopifyOrder({ email: "lea.roux@example.fr" });
    failed = await createShopifyOrder({
      email: "hugo.petit@example.fr",
      lineItems: [{ sku: "NOUVEAU24|NOIR|M", title: "T-shirt Nouveau", quantity: 1, price: 19 }],
    });
    await expect
      .poll(async () => (await shopifyOrder(exported.id)).metafields["passerelle.fastmag_order_id"], {
        timeout: 30_000,
        interval: 250,
      })
      .toBeTruthy();

    await page.goto(stack().adminUrl);
    await app.getByText(stack().shop).first().waitFor({ timeout: 30_000 });
    await openFromAdminMenu(page, app, "Orders");
    await app.getByRole("heading", { name: "Orders", exact: true }).waitFor({ timeout: 30_000 });
    await expect
      .poll(
        async () => {
          await page.reload();
          await app.getByRole("heading", { name: "Orders", exact: true }).waitFor({ timeout: 30_000 });
          return app.getByText("Fastmag does not know the article").count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBeGreaterThan(0);
    const row = (order: OrderSnapshot) =>
      app.getByRole("row").filter({ has: app.getByRole("link", { name: order.name, exact: true }) });
    await row(delivered).getByText("Delivered", { exact: true }).waitFor();
    await row(exported).getByText("In Fastmag", { exact: true }).waitFor();
    await row(failed).getByText("Error", { exact: true }).waitFor();
    await row(failed)
      .getByText(/Fastmag does not know the article “NOUVEAU24 NOIR M”: create it there or map it/)
      .waitFor();
    await screenshot(page, "orders-exported-failed-delivered");

    // The product is created in Fastmag; the merchant presses Retry.
    stack()
      .fastmag.db.prepare(
        "INSERT INTO products (reference, designation, color, size, gencod, season, family, brand, price, active, last_modified) VALUES ('NOUVEAU24', 'T-shirt Nouveau', 'NOIR', 'M', '3700000099999', 'E24', 'HAUTS', 'DEMO', 19, 1, '2026-01-01 00:00:00')",
      )
      .run();
    const retry = app.getByRole("button", { name: `Retry ${failed.name}` });
    await retry.click();
    // "Queued" shows under the button until the page reloads its data; a worker quick enough has
    // already exported the order by then, and the row has no Retry any more: either proves the click.
    await expect
      .poll(async () => (await app.getByText("Queued").count()) > 0 || (await retry.count()) === 0, {
        timeout: 30_000,
      })
      .toBe(true);
    await expect.poll(() => fastmagOrders(failed.id).length, { timeout: 30_000, interval: 250 }).toBe(1);
    await expect
      .poll(
        async () => {
          await page.reload();
          await app.getByRole("heading", { name: "Orders", exact: true }).waitFor({ timeout: 30_000 });
          return app.getByText("Fastmag does not know the article").count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(0);
    await row(failed).getByText("In Fastmag", { exact: true }).waitFor();
    await screenshot(page, "orders-after-retry");

    await app.getByRole("link", { name: delivered.name }).click();
    await app.getByRole("heading", { name: `Order ${delivered.name}` }).waitFor({ timeout: 30_000 });
    await app.getByText("Chronopost: Colis livré.").waitFor({ timeout: 30_000 });
    // Where it stands: Fastmag's order number and status, the carrier and the tracking number, linked.
    const erpOrderId = (await shopifyOrder(delivered.id)).metafields["passerelle.fastmag_order_id"]!;
    await app.getByText(new RegExp(`^Fastmag order: ${erpOrderId} · status “300 \\S`)).waitFor();
    const tracking = app.getByRole("link", { name: "Chronopost XE000111222FR" });
    await tracking.waitFor();
    expect(await tracking.getAttribute("href")).toMatch(/^https:\/\/.*XE000111222FR/);
    await screenshot(page, "orders-history-delivered");
  });

  it("an exported order cancelled in the admin: Fastmag shows it cancelled with its stock back on the web, and so does the order page", async () => {
    // The merchant cancels and refunds it in the admin: Shopify sends orders/cancelled and refunds/create.
    const cancelled = await json<{ attempts: { topic: string; status: number }[] }>(
      await fetch(`${stack().shopify.url}/_emulator/shops/${stack().shop}/orders/${exported.legacyId}/cancel`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ reason: "customer", refund: true }),
      }),
    );
    expect(cancelled.attempts.map((a) => [a.topic, a.status])).toEqual([
      ["orders/cancelled", 200],
      ["refunds/create", 200],
    ]);
    // The Fastmag emulator's read-outs, over HTTP.
    const readOut = async <T>(path: string) => json<T>(await fetch(new URL(`_emulator/${path}`, stack().fastmag.url)));
    await expect
      .poll(
        async () =>
          (
            await readOut<{ orders: { shopifyOrderId: string; status: number; statusLabel: string }[] }>("orders")
          ).orders.find((o) => o.shopifyOrderId === exported.id),
        { timeout: 30_000, interval: 250 },
      )
      .toMatchObject({ status: 900, statusLabel: "Annulée" });
    const reason = `Shopify order ${exported.id} cancelled`;
    const { movements } = await readOut<{ movements: unknown[] }>(
      `movements?reasonPrefix=${encodeURIComponent(reason)}`,
    );
    expect(movements).toEqual([
      { reason, stock: "GENERAL", count: 1, quantity: -1 },
      { reason, stock: "WEB", count: 1, quantity: 1 },
    ]);

    await openFromAdminMenu(page, app, "Orders");
    await app.getByRole("heading", { name: "Orders", exact: true }).waitFor({ timeout: 30_000 });
    await page.reload();
    await app.getByRole("heading", { name: "Orders", exact: true }).waitFor({ timeout: 30_000 });
    const row = app.getByRole("row").filter({ has: app.getByRole("link", { name: exported.name, exact: true }) });
    await row.getByText("Cancelled", { exact: true }).waitFor({ timeout: 30_000 });
    await app.getByRole("link", { name: exported.name, exact: true }).click();
    await app.getByRole("heading", { name: `Order ${exported.name}` }).waitFor({ timeout: 30_000 });
    await app
      .getByText(`Cancelled after export: reported to Fastmag, stock returned (1 × ${SKU}).`)
      .first()
      .waitFor({ timeout: 30_000 });
    await screenshot(page, "orders-cancelled-after-export");
  });

  it("retries several failed orders at once from the Errors tab: once fixed in Fastmag, both are exported", async () => {
    const first = await createShopifyOrder({
      email: "ines.morel@example.fr",
      lineItems: [{ sku: "BULKA24|NOIR|M", title: "Pull Bulk A", quantity: 1, price: 39 }],
    });
    const second = await createShopifyOrder({
      email: "nora.blanc@example.fr",
      lineItems: [{ sku: "BULKB24|BLANC|L", title: "Pull Bulk B", quantity: 2, price: 45 }],
    });
    await openFromAdminMenu(page, app, "Orders");
    await app.getByRole("heading", { name: "Orders", exact: true }).waitFor({ timeout: 30_000 });
    const row = (order: OrderSnapshot) =>
      app.getByRole("row").filter({ has: app.getByRole("link", { name: order.name, exact: true }) });
    await expect
      .poll(
        async () => {
          await page.reload();
          await app.getByRole("heading", { name: "Orders", exact: true }).waitFor({ timeout: 30_000 });
          return app.getByText(/Fastmag does not know the article “BULK[AB]24/).count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(2);
    await app.locator("html[data-hydrated]").waitFor({ timeout: 30_000 });
    await app.getByRole("tab", { name: /^Errors/ }).click();
    await app.getByRole("tab", { name: /^Errors/, selected: true }).waitFor({ timeout: 30_000 });
    for (const order of [first, second]) await row(order).waitFor({ timeout: 30_000 });

    // Both articles are created in Fastmag; the merchant selects the two orders and retries them at once.
    for (const [reference, color, size, gencod] of [
      ["BULKA24", "NOIR", "M", "3700000088881"],
      ["BULKB24", "BLANC", "L", "3700000088882"],
    ])
      stack()
        .fastmag.db.prepare(
          "INSERT INTO products (reference, designation, color, size, gencod, season, family, brand, price, active, last_modified) VALUES (?, 'Pull Bulk', ?, ?, ?, 'E24', 'HAUTS', 'DEMO', 39, 1, '2026-01-01 00:00:00')",
        )
        .run(reference, color, size, gencod);
    for (const order of [first, second]) await row(order).getByRole("checkbox").check();
    await app.getByRole("button", { name: "Retry selected" }).click();
    await app.getByText("2 order(s) queued again.").waitFor({ timeout: 30_000 });

    for (const order of [first, second])
      await expect.poll(() => fastmagOrders(order.id).length, { timeout: 30_000, interval: 250 }).toBe(1);
    await expect
      .poll(
        async () => {
          await page.reload();
          await app.getByRole("heading", { name: "Orders", exact: true }).waitFor({ timeout: 30_000 });
          return app.getByText(/Fastmag does not know the article “BULK[AB]24/).count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(0);
    await app.getByRole("tab", { name: "In Fastmag" }).click();
    for (const order of [first, second]) await row(order).getByText("In Fastmag", { exact: true }).waitFor();
    await screenshot(page, "orders-bulk-retry");
  });
});
