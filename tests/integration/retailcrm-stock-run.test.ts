// The same full stock run (app/sync/stock.server.ts), assembled as the stock job does — the source from
// providerFor, the destinations from the shop's routing — with Fastmag as the source and Shopify alone,
// then Shopify and RetailCRM, as destinations. And RetailCRM's inventoriesUpload callback, called by the
// emulator over HTTP on the app's route.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerFor, stockDestinationsFor } from "~/connectors/registry.server";
import { saveRouting } from "~/connectors/routing.server";
import { loadConnectorSecrets } from "~/connectors/settings.server";
import { db } from "~/db.server";
import { action } from "~/routes/retailcrm.inventories-upload";
import { registerRetailCrm } from "~/settings/retailcrm.server";
import { fullStockSync } from "~/sync/stock.server";
import { quietReporter } from "~/sync/sync-context";
import type { RetailCrmEmulator } from "../../emulators/retailcrm/index";
import { CRM_KEY, crmLevels, offersForSkus, setUpCrm, startCrm, uploads } from "./retailcrm-harness";
import { installWorldShopWithFastmag, startStockWorld, type StockWorld } from "./stock-harness";

let world: StockWorld;
let crm: RetailCrmEmulator;

/** Sets the world's shop up as a merchant would: Fastmag saved, the Shopify location, RetailCRM saved. */
async function setUpShop(world: StockWorld) {
  const shop = world.shop;
  await installWorldShopWithFastmag(world);
  await saveRouting(db, shop, { shopifyLocationId: world.locationId });
  await setUpCrm(shop, crm);
}

beforeAll(async () => {
  world = await startStockWorld({ variants: 300, initialShopifyLevel: () => 50 });
  crm = await startCrm({ offers: offersForSkus(world.skus) });
  await setUpShop(world);
});
afterAll(async () => {
  await Promise.all([world?.close(), crm?.close()]);
});

describe.each([[["shopify"]], [["shopify", "retailcrm"]]])("a full stock run from Fastmag to %j", (receivers) => {
  it("sends the source's levels to every destination the routing names, and only to those", async () => {
    const shop = world.shop;
    await saveRouting(db, shop, { stockDestinations: receivers });
    crm.reset();
    const report = quietReporter();
    const ctx = { shop, db, report, runId: `run-${receivers.length}`, stockSourceName: "Fastmag" };
    const source = await providerFor(ctx, "stock-source");
    const destinations = await stockDestinationsFor(ctx);
    expect(destinations.map((d) => d.id)).toEqual(receivers);
    const before = uploads(crm).length;
    const result = await fullStockSync({
      source: source.port,
      sourceName: source.name,
      report,
      destinations: destinations.map((d) => ({ id: d.id, name: d.name, destination: d.port })),
    });
    expect(result.sourceSkus).toBe(300);
    expect(Object.keys(result.destinations)).toEqual(receivers);
    expect(Object.fromEntries(world.shopifyLevels())).toEqual(Object.fromEntries(world.erpWebStock()));
    if (receivers.includes("retailcrm")) {
      expect(result.destinations.retailcrm).toMatchObject({ unmatched: 0, uploadCalls: 2 });
      expect(Object.fromEntries(crmLevels(crm))).toEqual(Object.fromEntries(world.erpWebStock()));
    } else {
      expect(uploads(crm).length).toBe(before);
    }
  });
});

describe("RetailCRM's inventoriesUpload callback", () => {
  let app: http.Server;
  let appUrl: string;

  beforeAll(async () => {
    // The app's route behind a plain HTTP server, as remix-serve would run it.
    app = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      const response = await action({ request, params: {}, context: {} });
      res.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => app?.close(resolve)));

  async function registered() {
    crm.reset();
    const answer = await registerRetailCrm(world.shop);
    expect(answer.ok).toBe(true);
    // The module calls SHOPIFY_APP_URL; point it at this test's server (the API merges a partial edit).
    const response = await fetch(`${crm.url}/api/v5/integration-modules/passerelle/edit`, {
      method: "POST",
      headers: { "x-api-key": CRM_KEY, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ integrationModule: JSON.stringify({ baseUrl: appUrl }) }).toString(),
    });
    expect(response.status).toBe(200);
  }

  it("uploads every matched SKU's current leftovers when RetailCRM calls with the shop's clientId", async () => {
    await registered();
    const record = await crm.callAction("passerelle", "inventoriesUpload");
    expect(record).toMatchObject({
      status: 200,
      answer: { success: true, uploadedOffers: 300, unmatchedSkus: 0, uploadCalls: 2 },
    });
    expect(record.url).toBe(`${appUrl}/retailcrm/inventories-upload`);
    expect(record.sent.clientId).toBe((await loadConnectorSecrets(world.shop, "retailcrm")).clientId);
    expect(Object.fromEntries(crmLevels(crm))).toEqual(Object.fromEntries(world.erpWebStock()));
  });

  it("answers 401 JSON to an unknown clientId, 4xx to a bad request, never 500", async () => {
    await registered();
    const record = await crm.callAction("passerelle", "inventoriesUpload", { fields: { clientId: "someone-else" } });
    expect(record).toMatchObject({ status: 401, answer: { success: false, errorMsg: "Unknown clientId." } });
    expect(uploads(crm)).toHaveLength(0);

    const post = (body: string, type: string) =>
      fetch(`${appUrl}/retailcrm/inventories-upload`, { method: "POST", headers: { "content-type": type }, body });
    const noClient = await post("callPoint=x", "application/x-www-form-urlencoded");
    expect(noClient.status).toBe(400);
    expect(await noClient.json()).toEqual({ success: false, errorMsg: "clientId is missing." });
    expect((await post("{not json", "application/json")).status).toBe(400);
    expect((await post("<xml/>", "text/xml")).status).toBe(400);
    expect((await post("x".repeat(70_000), "application/x-www-form-urlencoded")).status).toBe(400);
  });
});
