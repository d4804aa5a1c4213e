// Cancel stops the first import ("Link existing products") where it stands: cancelled while it marks
// Shopify's hand-made products with their Fastmag id (each call slowed), it marks none after the call in
// flight, ends Cancelled, and its Changes list names exactly the products Shopify now carries an id on —
// each of them linked in our table, none other. The next run links the rest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveConnectorSettings } from "~/connectors/settings.server";
import { db } from "~/db.server";
import { enqueueJob, getJob } from "~/jobs/api.server";
import { runDueJobs } from "~/jobs/worker.server";
import { registerModules } from "~/modules.server";
import { createProduct } from "../../emulators/shopify/catalog";
import { merchandisingOf } from "../../emulators/shopify/merchandising";
import { cancelWhileWriting, expectStoppedAfterWritesInFlight } from "../support/cancel-in-flight";
import { startCatalogWorld, type CatalogWorld } from "./catalog-harness";
import { CREDENTIALS } from "./fastmag-harness";

describe("cancelling a running first import", () => {
  let world: CatalogWorld;
  let season: string;
  let references: { reference: string; sku: string }[];
  beforeAll(async () => {
    registerModules();
    world = await startCatalogWorld({ variants: 3000 });
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
    // One product made by hand in Shopify for each reference of the season, carrying one of its SKUs.
    references = (
      world.fastmag.emulator.db
        .prepare(
          "SELECT reference, MIN(reference || '|' || color || '|' || size) AS sku FROM products WHERE season = ? AND active = 1 GROUP BY reference ORDER BY reference",
        )
        .all(season) as { reference: string; sku: string }[]
    ).map((r) => ({ reference: r.reference, sku: r.sku }));
    for (const { reference, sku } of references)
      createProduct(world.shopify.store, world.shopRecord, {
        title: `Fait main ${reference}`,
        variants: [{ sku, price: "10.00" }],
      });
  });
  afterAll(() => world?.close());

  const marks = () =>
    world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "CatalogMetafieldsSet").length;
  /** [product gid, Fastmag id] of each Shopify product carrying one. */
  const marked = () =>
    [...world.shopRecord.products.values()]
      .map((p) => [
        `gid://shopify/Product/${p.id}`,
        merchandisingOf(world.shopify.store, world.shopRecord).metafields.get(p.id)?.get("passerelle.fastmag_id")
          ?.value,
      ])
      .filter(([, key]) => key !== undefined)
      .sort();
  const linked = async () =>
    (await db.externalLink.findMany({ where: { shop: world.shop, entity: "product" } }))
      .map((l) => [l.remoteId, l.localId])
      .sort();

  it("marks no product after the call in flight, ends Cancelled and lists the products it linked", async () => {
    // Four calls' worth of products at least (25 ids a call): calls are left after the one in flight.
    expect(references.length).toBeGreaterThan(75);
    world.shopify.faults.add({ kind: "latency", ms: 150 });
    try {
      const run = await cancelWhileWriting({
        shop: world.shop,
        type: "catalog.link-existing",
        params: { season },
        writes: marks,
        cancelAfterWrites: 1,
      });
      expectStoppedAfterWritesInFlight(run, 1);
      const now = marked();
      expect(now.length).toBeGreaterThan(0);
      expect(now.length).toBeLessThan(references.length);
      expect(run.changes.map((c) => [c.externalId, c.field, c.before, c.after]).sort()).toEqual(
        now.map(([id, key]) => [id, "FastmagID", null, key]),
      );
      expect(run.job.counters.changed).toBe(now.length);
      // Linked here exactly as marked there: the next season import updates them, creates the others.
      expect(await linked()).toEqual(now);
    } finally {
      world.shopify.faults.clear();
    }
  }, 60_000);

  it("the next run links the rest", async () => {
    const before = marked().length;
    const { jobId } = await enqueueJob(
      { db },
      { shop: world.shop, type: "catalog.link-existing", trigger: "manual", params: { season } },
    );
    await runDueJobs({ db, types: ["catalog.link-existing"] });
    const job = await getJob({ db }, world.shop, jobId);
    expect(job).toMatchObject({
      status: "succeeded",
      result: { matched: references.length - before, alreadyLinked: before, conflicts: 0 },
    });
    expect(marked()).toHaveLength(references.length);
    expect(await linked()).toEqual(marked());
  }, 60_000);
});
