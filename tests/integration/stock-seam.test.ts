// The seam, proven: the same stock use-cases (app/sync/stock.server.ts and the changes-only run), assembled
// as the stock jobs do — the source from providerFor, the destinations from the shop's routing — with
// Fastmag or RetailCRM as the source and Shopify, or Shopify and RetailCRM, as destinations, against the
// real emulators. Shopify always receives stock (routing keeps it), so "RetailCRM alone" is not a routing;
// and RetailCRM never both gives and receives stock (its leftovers would be written back onto themselves:
// the routing chooser refuses it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fastmagDateTime } from "~/connectors/fastmag/queries.server";
import { providerFor, stockDestinationsFor } from "~/connectors/registry.server";
import { saveRouting } from "~/connectors/routing.server";
import { db } from "~/db.server";
import { differentialStockSync } from "~/sync/differential-stock.server";
import { fullStockSync, type StockRunDeps } from "~/sync/stock.server";
import { quietReporter } from "~/sync/sync-context";
import type { RetailCrmEmulator } from "../../emulators/retailcrm/index";
import { CRM_KEY, STORE, crmLevels, setUpCrm, startCrm } from "./retailcrm-harness";
import { installWorldShopWithFastmag, startStockWorld, type StockWorld } from "./stock-harness";

const VARIANTS = 260;
/** RetailCRM's own leftovers at the warehouse before any run: unlike Fastmag's, so the source shows. */
const crmStart = (i: number) => (i * 7) % 23;

const ROUTINGS = [
  { source: "fastmag", destinations: ["shopify"] },
  { source: "fastmag", destinations: ["shopify", "retailcrm"] },
  { source: "retailcrm", destinations: ["shopify"] },
] as const;

describe.each(ROUTINGS)("stock from $source to $destinations", ({ source, destinations }) => {
  let world: StockWorld;
  let crm: RetailCrmEmulator;

  beforeAll(async () => {
    world = await startStockWorld({ variants: VARIANTS, initialShopifyLevel: () => 50 });
    crm = await startCrm({
      offers: world.skus.map((sku, i) => ({
        article: sku,
        externalId: `ext-${i}`,
        stores: [{ code: STORE, available: crmStart(i) }],
      })),
    });
    const shop = world.shop;
    await installWorldShopWithFastmag(world);
    await setUpCrm(shop, crm);
    await saveRouting(db, shop, {
      shopifyLocationId: world.locationId,
      stockSource: source,
      stockDestinations: [...destinations],
    });
  });
  afterAll(async () => {
    await Promise.all([world?.close(), crm?.close()]);
  });

  /** What the stock jobs build for a run (app/sync/stock-jobs.server.ts). */
  async function assemble(runId: string): Promise<StockRunDeps> {
    const report = quietReporter();
    const ctx = { shop: world.shop, db, report, runId };
    const provider = await providerFor(ctx, "stock-source");
    const receivers = await stockDestinationsFor({ ...ctx, stockSourceName: provider.name });
    expect(provider.id).toBe(source);
    expect(receivers.map((d) => d.id)).toEqual(destinations);
    return {
      source: provider.port,
      sourceName: provider.name,
      report,
      destinations: receivers.map((d) => ({ id: d.id, name: d.name, destination: d.port })),
    };
  }

  /** The source's levels per SKU, read from the source system's own data. */
  const sourceLevels = () => (source === "fastmag" ? world.erpWebStock() : crmLevels(crm));

  function expectDestinationsHoldSource() {
    const expected = Object.fromEntries(sourceLevels());
    expect(Object.keys(expected)).toHaveLength(VARIANTS);
    expect(Object.fromEntries(world.shopifyLevels())).toEqual(expected);
    if (destinations.includes("retailcrm" as never)) expect(Object.fromEntries(crmLevels(crm))).toEqual(expected);
  }

  it("a full run sends the source's level of every SKU to each destination", async () => {
    const uploadsBefore = crm.calls().filter((c) => c.path === "/api/v5/store/inventories/upload").length;
    const result = await fullStockSync(await assemble("seam-full"));
    expect(result.sourceSkus).toBe(VARIANTS);
    expect(result.skipped).toBe(0);
    expect(Object.keys(result.destinations)).toEqual(destinations);
    expectDestinationsHoldSource();
    const uploads = crm.calls().filter((c) => c.path === "/api/v5/store/inventories/upload").length - uploadsBefore;
    if (destinations.includes("retailcrm" as never)) {
      expect(result.destinations.retailcrm).toMatchObject({ unmatched: 0, uploadCalls: 2, changed: VARIANTS });
      expect(uploads).toBe(2);
    } else {
      expect(uploads).toBe(0);
      // RetailCRM's leftovers are untouched when it does not receive stock.
      expect(crmLevels(crm).get(world.skus[5])).toBe(crmStart(5));
    }
  });

  it("a changes-only run sends what moved in the source since, to each destination", async () => {
    const first = await differentialStockSync({ ...(await assemble("seam-d1")), db, shop: world.shop });
    expect(first.mode).toBe("full"); // no watermark yet
    const moved = world.skus.slice(20, 23);
    if (source === "fastmag") {
      const at = fastmagDateTime(new Date(Date.now() + 60_000));
      for (const sku of moved) world.moveErpStock(sku, 4, at);
    } else {
      // Someone changes three leftovers in RetailCRM.
      const response = await fetch(`${crm.url}/api/v5/store/inventories/upload`, {
        method: "POST",
        headers: { "x-api-key": CRM_KEY, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          offers: JSON.stringify(
            moved.map((sku) => ({
              externalId: `ext-${world.skus.indexOf(sku)}`,
              stores: [{ code: STORE, available: 40 }],
            })),
          ),
        }).toString(),
      });
      expect(response.status).toBe(200);
    }
    const second = await differentialStockSync({ ...(await assemble("seam-d2")), db, shop: world.shop });
    expect(second.mode).toBe("differential");
    if (second.mode !== "differential") return;
    // Fastmag lists the three movements (and any older one in the overlap); RetailCRM dates no leftover, so every level is read again and
    // each destination writes only the three that differ.
    if (source === "fastmag") expect(second.movements).toBeGreaterThanOrEqual(3);
    else expect(second.movements).toBe(VARIANTS);
    for (const id of destinations) expect(second.destinations[id], id).toMatchObject({ changed: 3 });
    expectDestinationsHoldSource();
  });
});
