// Catch-up against the Shopify emulator: Shopify sends its webhooks (subscribed by the app's real
// shopify.app.toml) to a stand-in that keeps them; the test passes only some on to the app's intake,
// as if Shopify had lost the others. Reconciliation then reads Shopify's orders, fulfillments and
// products updated since its cursor (updated_at filters) and emits exactly the missed events.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createEndpoint } from "~/event-feed/endpoints.server";
import { RECONCILE_JOB } from "~/event-feed/jobs.server";
import { reconcileShop } from "~/event-feed/reconcile.server";
import { enqueueJob, getJob } from "~/jobs/api.server";
import { runDueJobs } from "~/jobs/worker.server";
import { registerModules } from "~/modules.server";
import { ShopifyAdminClient } from "~/shopify/admin-client.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { webhookAction } from "~/webhooks/receive.server";
import type { WebhookTopic } from "~/webhooks/topics";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { shopifyClient } from "../support/shopify-emulator-client";
import { installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";

const shop = uniqueShop("feedrec");
let shopify: ShopifyEmulator;
let stand: http.Server;
/** Every webhook Shopify sent, kept (not passed on). */
const sent: { topic: string; headers: [string, string][]; body: Buffer }[] = [];

beforeAll(async () => {
  stand = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      sent.push({
        topic: String(req.headers["x-shopify-topic"]),
        headers: Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
        body: Buffer.concat(chunks),
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => stand.listen(0, "127.0.0.1", resolve));
  shopify = await startShopifyEmulator({
    app: {
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: process.env.SHOPIFY_API_SECRET!,
      appUrl: `http://127.0.0.1:${(stand.address() as AddressInfo).port}`,
      tomlPath: path.resolve(import.meta.dirname, "../../shopify.app.toml"),
    },
    shops: [{ domain: shop, locations: [{ name: "Athens" }] }],
    webhookRetryDelaysMs: [50],
  });
  installShopifyOriginOverride(shopify.url);
});
afterAll(async () => {
  await shopify?.close();
  await new Promise((resolve) => stand?.close(resolve));
});

/** Passes a webhook Shopify sent on to the app's intake (the ones Shopify "did not lose"). */
async function arrives(topic: string, match: (body: Record<string, unknown>) => boolean) {
  const webhook = sent.find(
    (w) => w.topic === topic && match(JSON.parse(w.body.toString()) as Record<string, unknown>),
  );
  expect(webhook, `Shopify sent ${topic}`).toBeDefined();
  const request = new Request(`http://127.0.0.1/webhooks/${topic}`, {
    method: "POST",
    headers: webhook!.headers,
    body: new Uint8Array(webhook!.body),
  });
  const answer = await webhookAction(topic as WebhookTopic)({ request, params: {}, context: {} });
  expect(answer.status).toBe(200);
}

const idOf = (gid: string) => Number(gid.split("/").pop());

describe("event feed catch-up", () => {
  it("emits exactly the events no webhook brought, once, marked reconciled", async () => {
    const admin = shopifyClient(shopify, shop);
    const placeOrder = async (email: string) => {
      const answer = await admin.control("orders", {
        email,
        lineItems: [{ sku: "TEE-S", title: "Tee", quantity: 1, price: "9.00" }],
      });
      return idOf(((await answer.json()) as { order: { id: string } }).order.id);
    };
    // Before the shop had an endpoint: not the feed's business.
    const before = await placeOrder("early@doe.ca");
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await createEndpoint(db, shop, {
      name: "ERP",
      url: "https://erp.example/all",
      topics: ["orders/create", "fulfillments/create", "fulfillments/update", "products/create", "products/update"],
    });
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    const a = await placeOrder("a@doe.ca");
    const b = await placeOrder("b@doe.ca");
    expect((await admin.control(`orders/${a}/fulfill`, {})).ok).toBe(true);
    expect((await admin.control("products", { title: "Tee", variants: [{ sku: "TEE-S", price: "9.00" }] })).ok).toBe(
      true,
    );
    const state = (await (await fetch(`${shopify.url}/_emulator/shops/${shop}`)).json()) as {
      products: { id: string }[];
    };
    const product = idOf(state.products[0]!.id);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await admin.control(`products/${product}/changed`, { title: "Tee v2" })).ok).toBe(true);

    // Shopify's webhooks that did arrive: order A's creation and the product's update.
    await arrives("orders/create", (body) => body.id === a);
    await arrives("products/update", (body) => body.id === product);
    const fulfillment = (
      JSON.parse(sent.find((w) => w.topic === "fulfillments/create")!.body.toString()) as { id: number }
    ).id;
    expect(await db.feedEvent.count({ where: { shop } })).toBe(2);

    const client = new ShopifyAdminClient({ shop, accessToken: shopify.issueAccessToken(shop) });
    const later = new Date(Date.now() + 5 * 60_000);
    const first = await reconcileShop({ db, admin: client, now: later }, shop);
    expect(first.emitted.sort()).toEqual(
      [
        `orders/create order ${b}`,
        `fulfillments/create order ${a} (fulfillment ${fulfillment})`,
        `products/create product ${product}`,
      ].sort(),
    );
    expect(first.emitted.join()).not.toContain(String(before));
    const reconciled = await db.feedEvent.findMany({ where: { shop, source: "reconciled" } });
    expect(reconciled).toHaveLength(3);
    expect(await db.feedDelivery.count({ where: { shop, eventId: { in: reconciled.map((e) => e.id) } } })).toBe(3);
    const order = JSON.parse(reconciled.find((e) => e.topic === "orders/create")!.body) as Record<string, unknown>;
    expect(order).toMatchObject({ id: b, email: "b@doe.ca", admin_graphql_api_id: `gid://shopify/Order/${b}` });

    // The next run starts at the cursor: nothing new, nothing twice.
    const second = await reconcileShop({ db, admin: client, now: new Date(later.getTime() + 3_600_000) }, shop);
    expect(second.emitted).toEqual([]);
    expect(second.from).toBe(first.to);
    expect(await db.feedEvent.count({ where: { shop, source: "reconciled" } })).toBe(3);
  });

  it("says in the reader's language when a shop has no endpoint to catch up for", async () => {
    registerModules();
    const lone = uniqueShop("feedrec-none");
    await installShop(lone);
    const { jobId } = await enqueueJob({ db }, { shop: lone, type: RECONCILE_JOB });
    await runDueJobs({ db, types: [RECONCILE_JOB] });
    const english = (await getJob({ db }, lone, jobId))!;
    expect(english.status).toBe("succeeded");
    expect(english.log.map((l) => l.message)).toContain("No event feed endpoint: nothing to check");
    const french = (await getJob({ db }, lone, jobId, {}, "fr"))!;
    expect(french.log.map((l) => l.message)).toContain(
      "Aucun point de terminaison du flux d'événements : rien à vérifier",
    );
  });
});
