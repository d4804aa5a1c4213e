// Shared by the orders-*.test.ts files: the Shopify, Fastmag, Chronopost and TNT emulators on port 0,
// a shop installed with Fastmag and carrier settings pointing at them, and helpers to create Shopify
// orders, deliver their orders/create webhook to the route and run the order jobs.
import { db } from "~/db.server";
import { saveFastmagSettings } from "~/connectors/fastmag/settings.server";
import { runDueJobs } from "~/jobs/worker.server";
import { action as ordersCreate } from "~/routes/webhooks.orders.create";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { saveOrderSettings } from "~/sync/orders/providers.server";
import { startChronopostEmulator } from "../../emulators/chronopost/index";
import { startFastmagEmulator, type FaultConfig } from "../../emulators/fastmag/index";
import { startShopifyEmulator } from "../../emulators/shopify/index";
import { orderCreatePayload, ordersOf, type OrderInput } from "../../emulators/shopify/orders";
import { startTntEmulator } from "../../emulators/tnt/index";
import { installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { deliverAndProcess, webhookRequest } from "../support/webhooks";
import { CREDENTIALS } from "./fastmag-harness";

export const SKU = "BOXE20BEWARE|MARINE/GRIS CHINE|S";
export const ORDER_JOB_TYPES = ["orders.export", "orders.reconcile", "orders.statuses", "orders.deliveries"];

export async function startOrdersWorld(prefix: string, options: { fastmagFaults?: FaultConfig } = {}) {
  const shop = uniqueShop(prefix);
  const shopify = await startShopifyEmulator({
    app: {
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: process.env.SHOPIFY_API_SECRET!,
      appUrl: process.env.SHOPIFY_APP_URL!,
    },
    shops: [{ domain: shop, locations: [{ name: "Entrepôt Fastmag" }, { name: "Boutique Marais" }] }],
  });
  installShopifyOriginOverride(shopify.url);
  const fastmag = await startFastmagEmulator({ credentials: CREDENTIALS, seed: "demo", faults: options.fastmagFaults });
  const chronopost = await startChronopostEmulator();
  const tnt = await startTntEmulator();
  await installShop(shop, { ianaTimezone: "Europe/Paris" });
  await db.session.update({ where: { id: `offline_${shop}` }, data: { accessToken: shopify.issueAccessToken(shop) } });
  const warehouse = [...shopify.store.shop(shop).locations.values()].find((l) => l.name === "Entrepôt Fastmag")!;
  const locationId = `gid://shopify/Location/${warehouse.id}`;
  const saved = await saveFastmagSettings(shop, {
    host: fastmag.url,
    ...CREDENTIALS,
    stockA: "on",
    stockB: "on",
    safetyMargin: "0",
    locationId,
    seasons: "E24",
    timeZone: "Europe/Paris",
  });
  if (!saved.ok) throw new Error(`fastmag settings: ${JSON.stringify(saved.fieldErrors)}`);
  await saveOrderSettings(
    shop,
    {
      notifyCustomer: true,
      chronopostUrl: chronopost.trackingUrl,
      tntFranceUrl: tnt.franceUrl,
      tntUsername: "passerelle",
    },
    { tntPassword: "tnt-secret" },
  );

  const world = {
    shop,
    shopify,
    fastmag,
    chronopost,
    tnt,
    locationId,
    /** Creates the order in the Shopify emulator (no webhook yet). */
    async createOrder(input: Partial<OrderInput> = {}) {
      const response = await fetch(`${shopify.url}/_emulator/shops/${shop}/orders`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          deliver: false,
          fulfillmentRequest: true,
          location: "Entrepôt Fastmag",
          email: "camille.martin@example.fr",
          lineItems: [{ sku: SKU, title: "Boxer Beware", quantity: 2, price: 29.9 }],
          shippingPrice: 4.9,
          ...input,
        }),
      });
      if (response.status !== 201) throw new Error(`create order: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { order: { id: string; legacyId: number; name: string } }).order;
    },
    /** Delivers orders/create for the order to the app's route, as Shopify signs it. */
    async deliverOrderCreated(legacyId: number, webhookId?: string) {
      const record = shopify.store.shop(shop);
      const payload = orderCreatePayload(record, ordersOf(record).orders.get(legacyId)!);
      const request = webhookRequest({ topic: "orders/create", shop, payload, webhookId });
      return deliverAndProcess(() => ordersCreate({ request, params: {}, context: {} }) as Promise<Response>);
    },
    async orderSnapshot(gid: string) {
      const response = await fetch(`${shopify.url}/_emulator/shops/${shop}/orders`);
      const { orders } = (await response.json()) as {
        orders: {
          id: string;
          tags: string[];
          metafields: Record<string, string>;
          fulfillmentStatus: string;
          fulfillments: {
            tracking: { number: string; company: string; url: string }[];
            events: string[];
            notifyCustomer: boolean;
          }[];
        }[];
      };
      return orders.find((o) => o.id === gid)!;
    },
    fastmagOrdersFor(gid: string) {
      return fastmag.db
        .prepare("SELECT order_id, status, tracking_number FROM orders WHERE shopify_order_id = ?")
        .all(gid) as { order_id: number; status: number }[];
    },
    /** Moves the Fastmag order to a status (300/305 = shipped) with a carrier and tracking number. */
    shipInFastmag(gid: string, status: number, carrier: string, trackingNumber: string) {
      fastmag.db
        .prepare("UPDATE orders SET status = ?, carrier = ?, tracking_number = ? WHERE shopify_order_id = ?")
        .run(status, carrier, trackingNumber, gid);
    },
    runJobs: (types = ORDER_JOB_TYPES) => runDueJobs({ db, types }),
    /** The latest export run for the order: its status and the message the merchant sees. */
    async lastExportJob(gid: string) {
      const job = await db.job.findFirstOrThrow({
        where: { shop, type: "orders.export", paramsJson: { contains: `"${gid}"` } },
        orderBy: { createdAt: "desc" },
      });
      return { ...job, error: job.errorMessage };
    },
    exportRow: (gid: string) =>
      db.orderExport.findUniqueOrThrow({ where: { shop_shopifyOrderId: { shop, shopifyOrderId: gid } } }),
    async close() {
      await Promise.all([shopify.close(), fastmag.close(), chronopost.close(), tnt.close()]);
    },
  };
  return world;
}

export type OrdersWorld = Awaited<ReturnType<typeof startOrdersWorld>>;
