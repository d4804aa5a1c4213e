// Cancel stops a season import where it stands: products sent one by one, or archived one by one,
// stop after the product in flight; the run ends Cancelled and its Changes list names exactly the
// products Shopify now holds from it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveConnectorSettings } from "~/connectors/settings.server";
import { db } from "~/db.server";
import { registerModules } from "~/modules.server";
import { merchandisingOf } from "../../emulators/shopify/merchandising";
import { cancelWhileWriting, expectStoppedAfterWritesInFlight } from "../support/cancel-in-flight";
import { startCatalogWorld, type CatalogWorld } from "./catalog-harness";
import { CREDENTIALS } from "./fastmag-harness";

const ONE_BY_ONE = 100_000; // bulkFrom: never a bulk mutation

describe("cancelling a running season import", () => {
  let world: CatalogWorld;
  let season: string;
  beforeAll(async () => {
    registerModules();
    world = await startCatalogWorld({ variants: 300 });
    await db.session.update({
      where: { id: `offline_${world.shop}` },
      data: { accessToken: world.shopify.issueAccessToken(world.shop) },
    });
    await saveConnectorSettings(
      world.shop,
      "fastmag",
      {
        host: world.fastmag.emulator.url,
        enseigne: CREDENTIALS.enseigne,
        magasin: CREDENTIALS.magasin,
        compte: CREDENTIALS.compte,
        stock: { includeA: false, includeB: true, safetyMargin: 0 },
        seasons: [],
        timeZone: "Europe/Paris",
        queryOverrides: {},
      },
      { motpasse: CREDENTIALS.motpasse },
    );
    ({ season } = world.fastmag.emulator.db
      .prepare("SELECT season, COUNT(DISTINCT reference) AS n FROM products GROUP BY season ORDER BY n DESC LIMIT 1")
      .get() as { season: string });
  });
  afterAll(() => world?.close());

  const productSets = () =>
    world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "CatalogProductSet").length;
  const fastmagIdOf = (productId: number) =>
    merchandisingOf(world.shopify.store, world.shopRecord).metafields.get(productId)?.get("passerelle.fastmag_id")
      ?.value;
  const seasonReferences = () =>
    (
      world.fastmag.emulator.db
        .prepare("SELECT DISTINCT reference FROM products WHERE season = ? AND active = 1")
        .all(season) as { reference: string }[]
    ).map((r) => r.reference);

  it("sends no product after the one in flight, ends Cancelled and lists the products it created", async () => {
    expect(seasonReferences().length).toBeGreaterThan(10);
    world.shopify.faults.add({ kind: "latency", ms: 150 });
    try {
      const run = await cancelWhileWriting({
        shop: world.shop,
        type: "catalog.season",
        params: { season, bulkFrom: ONE_BY_ONE },
        writes: productSets,
        cancelAfterWrites: 3,
      });
      expectStoppedAfterWritesInFlight(run, 1);
      const created = [...world.shopRecord.products.values()].map((p) => fastmagIdOf(p.id)).sort();
      expect(created.length).toBeLessThan(seasonReferences().length);
      expect(run.changes.map((c) => c.externalId).sort()).toEqual(created);
      expect(run.job.counters.changed).toBe(created.length);
    } finally {
      world.shopify.faults.clear();
    }
  }, 60_000);

  it("a bulk mutation already handed to Shopify is waited for: the run ends Cancelled listing every product it wrote", async () => {
    // A second season, sent as one bulk mutation; the cancel comes while Shopify runs it.
    const other = world.fastmag.emulator.db
      .prepare("SELECT season FROM products WHERE season <> ? GROUP BY season ORDER BY COUNT(*) DESC LIMIT 1")
      .get(season) as { season: string };
    const before = new Set(world.shopRecord.products.keys());
    const bulkRuns = () =>
      world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "BulkMutationRun").length;
    world.shopify.faults.add({ kind: "latency", ms: 150 });
    try {
      const run = await cancelWhileWriting({
        shop: world.shop,
        type: "catalog.season",
        params: { season: other.season, bulkFrom: 1 },
        writes: bulkRuns,
        cancelAfterWrites: bulkRuns() + 1,
      });
      expectStoppedAfterWritesInFlight(run, 0);
      const created = [...world.shopRecord.products.values()]
        .filter((p) => !before.has(p.id))
        .map((p) => fastmagIdOf(p.id))
        .sort();
      expect(created.length).toBeGreaterThan(1);
      expect(run.changes.map((c) => c.externalId).sort()).toEqual(created);
    } finally {
      world.shopify.faults.clear();
    }
  }, 60_000);

  it("archives no product after the one in flight, ends Cancelled and lists the products it archived", async () => {
    // Every product of the season in Shopify, then the whole season gone from Fastmag.
    await world.importSeason(season, { bulkFrom: ONE_BY_ONE });
    const sent = [...world.shopRecord.products.values()].length;
    world.fastmag.emulator.db.prepare("UPDATE products SET active = 0 WHERE season = ?").run(season);
    world.shopify.faults.add({ kind: "latency", ms: 150 });
    try {
      const run = await cancelWhileWriting({
        shop: world.shop,
        type: "catalog.season",
        params: { season, bulkFrom: ONE_BY_ONE, archiveGone: true },
        writes: productSets,
        cancelAfterWrites: productSets() + 3,
      });
      expectStoppedAfterWritesInFlight(run, 1);
      const archived = [...world.shopRecord.products.values()]
        .filter((p) => p.status === "ARCHIVED")
        .map((p) => fastmagIdOf(p.id))
        .sort();
      expect(archived.length).toBeGreaterThan(0);
      expect(archived.length).toBeLessThan(sent);
      expect(run.changes.map((c) => [c.externalId, c.field, c.after]).sort()).toEqual(
        archived.map((key) => [key, "status", "archived"]),
      );
    } finally {
      world.shopify.faults.clear();
    }
  }, 60_000);
});
