// The ERP event feed in Chromium, inside the emulated Shopify admin: the merchant adds an endpoint
// pointing at the test ERP, sends a test event, places and fulfils an order in Shopify (the emulator
// sends orders/create and fulfillments/create to the app) and sees both deliveries in the log; then the
// ERP goes down, the log shows failed attempts, the ERP comes back and the retries deliver.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../scripts/stack";
import { startErpReceiver, type ErpReceiver } from "../../emulators/erp-receiver/index";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let stack: Stack;
let page: Page;
let app: FrameLocator;
let erp: ErpReceiver;

beforeAll(async () => {
  session = await startE2eSession("event-feed");
  ({ stack, page, app } = session);
  // The test ERP (plain http on loopback: the demo stack allows local connectors).
  erp = await startErpReceiver();
});

afterAll(async () => {
  await erp?.close();
  await session?.close();
});

async function control(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${stack.shopify.url}/_emulator/shops/${stack.shop}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

async function placeOrder(email: string): Promise<number> {
  const placed = await control("orders", {
    email,
    lineItems: [{ sku: "IPOD2008PINK", title: "IPod Nano - 8GB", quantity: 1, price: "199.00" }],
  });
  expect((placed.attempts as { status: number }[]).map((a) => a.status)).toEqual([200]);
  return Number(
    String((placed.order as { id: string }).id)
      .split("/")
      .pop(),
  );
}

async function openSettings(): Promise<void> {
  await page.goto(stack.adminUrl);
  await app.getByText(stack.shop).first().waitFor({ timeout: 30_000 });
  await openFromAdminMenu(page, app, "Settings");
  await app.getByRole("link", { name: "Open ERP event feed" }).click();
  await app.getByLabel("Address (HTTPS)").waitFor({ timeout: 30_000 });
}

/** Opens the Event feed screen again until `text` shows in the delivery log (it does not refresh itself). */
async function logShows(text: string | RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await openSettings();
    await app.getByRole("link", { name: "Event feed (deliveries)" }).click();
    await app.getByText("Deliveries").first().waitFor({ timeout: 30_000 });
    if ((await app.getByText(text).count()) > 0) return;
    if (Date.now() > deadline) throw new Error(`the delivery log never showed ${String(text)}`);
    await page.waitForTimeout(2_000);
  }
}

describe("the ERP event feed", () => {
  it("adds an endpoint, sends a test event, and delivers an order and its fulfillment", async () => {
    await openSettings();
    await app.getByRole("button", { name: "Orders and fulfillments" }).click();
    await app.getByLabel("Address (HTTPS)").fill(`${erp.url}/orders`);
    await app.getByRole("button", { name: "Add endpoint" }).click();
    await app.getByText("Copy its signing secret now").waitFor({ timeout: 30_000 });
    await screenshot(page, "event-feed-endpoint-added");

    await app.getByRole("button", { name: "Send test event" }).click();
    await app.getByText(/Test event \(orders\/create\): delivered, HTTP 200/).waitFor({ timeout: 30_000 });
    await screenshot(page, "event-feed-test-event");
    expect(erp.received.filter((r) => r.headers["x-event-source"] === "test")).toHaveLength(1);

    const orderId = await placeOrder("jon@doe.ca");
    const fulfilled = await control(`orders/${orderId}/fulfill`, {});
    expect((fulfilled.fulfillmentAttempts as { status: number }[]).map((a) => a.status)).toEqual([200]);
    await expect
      .poll(() => erp.received.filter((r) => r.body.toString().includes(String(orderId))).length, { timeout: 30_000 })
      .toBe(2);
    await logShows(`fulfillments/create · order ${orderId} → ERP orders and fulfillments`);
    await app.getByText(`orders/create · order ${orderId} → ERP orders and fulfillments`).waitFor();
    await screenshot(page, "event-feed-order-and-fulfillment-delivered");
  });

  it("keeps retrying while the ERP is down and delivers once it is back", async () => {
    await erp.down();
    const orderId = await placeOrder("down@doe.ca");
    await logShows(/Attempt 1 at .*: no answer/);
    await app.getByText(`orders/create · order ${orderId} → ERP orders and fulfillments`).waitFor();
    await screenshot(page, "event-feed-erp-down-retrying");

    await erp.up();
    // The next attempt comes with the backoff (30 s, with jitter).
    await expect
      .poll(() => erp.received.filter((r) => r.body.toString().includes(String(orderId))).length, {
        timeout: 150_000,
        interval: 1_000,
      })
      .toBe(1);
    await logShows(/Attempt 2 at .*: HTTP 200/);
    await screenshot(page, "event-feed-erp-back-delivered");
  });

  it("shows the endpoints and the delivery log in French to a French admin", async () => {
    await page.goto(`${stack.adminUrl}/settings/event-feed?locale=fr`);
    await app.locator('html[lang="fr"][data-hydrated]').waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: "Envoyer un événement de test" }).waitFor({ timeout: 30_000 });
    await app.getByText("actif", { exact: true }).first().waitFor();
    await page.goto(`${stack.adminUrl}/event-feed?locale=fr`);
    await app.locator('html[lang="fr"][data-hydrated]').waitFor({ timeout: 30_000 });
    await app
      .getByText(/^Tentative 1 le .* : aucune réponse en/)
      .first()
      .waitFor({ timeout: 30_000 });
    await app
      .getByText(/^Tentative 2 le .* : HTTP 200 en/)
      .first()
      .waitFor();
    await app
      .getByText(/^orders\/create · commande \d+ → ERP orders and fulfillments$/)
      .first()
      .waitFor();
    // The delivery's badge (the status filter's hidden <option> says it too).
    await app.getByText("livrée", { exact: true }).filter({ visible: true }).first().waitFor();
    await screenshot(page, "event-feed-fr");
    // The app remembers the language: back to English for whatever runs next.
    await page.goto(`${stack.adminUrl}/event-feed?locale=en`);
    await app.locator('html[lang="en"][data-hydrated]').waitFor({ timeout: 30_000 });
  });
});
