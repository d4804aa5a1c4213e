// The fulfillment service: registered once (with its location), then Shopify's fetch_stock callback —
// made by the emulator, signed with the app secret — answered from the stock snapshot, for all SKUs or
// one; unsigned or wrongly signed calls get 401.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFulfillmentService } from "~/shopify/fulfillment-service.server";
import { fullStockSync } from "~/sync/stock.server";
import { quietReporter } from "~/sync/sync-context";
import { loader as fetchStock } from "~/routes/fulfillment.fetch_stock";
import { loader as fetchStockJson } from "~/routes/fulfillment.fetch_stock[.]json";
import { startStockWorld, type StockWorld } from "./stock-harness";

describe("fetch_stock", () => {
  let world: StockWorld;
  let app: http.Server;
  let appUrl: string;
  beforeAll(async () => {
    world = await startStockWorld({ variants: 200, initialShopifyLevel: () => 0 });
    // The app's two callback routes behind a real HTTP server, as Remix serves them.
    app = http.createServer(async (req, res) => {
      const url = new URL(req.url ?? "/", appUrl);
      const loader =
        url.pathname === "/fulfillment/fetch_stock.json"
          ? fetchStockJson
          : url.pathname === "/fulfillment/fetch_stock"
            ? fetchStock
            : null;
      if (!loader) return void res.writeHead(404).end();
      const response = await loader({
        request: new Request(url, { headers: req.headers as Record<string, string> }),
        params: {},
        context: {},
      });
      res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    app?.close();
    await world?.close();
  });

  const call = async (body: Record<string, unknown>) => {
    const response = await fetch(`${world.shopify.url}/_emulator/shops/${world.shop}/fetch-stock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { status: number; body: Record<string, number> };
  };

  it("registers the service once, with its location", async () => {
    const first = await ensureFulfillmentService(world.client, appUrl);
    expect(first).toMatchObject({
      created: true,
      callbackUrl: `${appUrl}/fulfillment`,
      inventoryManagement: true,
      trackingSupport: true,
    });
    expect(first.location?.id).toMatch(/^gid:\/\/shopify\/Location\/\d+$/);
    const again = await ensureFulfillmentService(world.client, appUrl);
    expect(again).toMatchObject({ created: false, id: first.id });
  });

  it("answers every SKU, or one, from the snapshot", async () => {
    await fullStockSync(world.stockRun({ runId: "fs-1", report: quietReporter() }));
    const erp = world.erpWebStock();
    const all = await call({});
    expect(all.status).toBe(200);
    expect(all.body).toEqual(Object.fromEntries(erp));
    const sku = world.skus[3];
    expect(await call({ sku, format: "plain" })).toMatchObject({ status: 200, body: { [sku]: erp.get(sku) } });
    expect(await call({ sku: "NOPE|X|Y" })).toMatchObject({ status: 200, body: { "NOPE|X|Y": 0 } });
  });

  it("refuses a call not signed with the app secret", async () => {
    expect(await call({ secret: "someone-else" })).toMatchObject({ status: 401 });
    const unsigned = await fetch(`${appUrl}/fulfillment/fetch_stock.json?shop=${world.shop}`);
    expect(unsigned.status).toBe(401);
  });
});
