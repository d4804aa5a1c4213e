// The seam: the registry's connectors, a shop's routing, and the use-cases asking it for providers.
import { describe, expect, it } from "vitest";
import type { StockDestination, StockPicture } from "~/capabilities/stock-destination";
import {
  CONNECTORS,
  providerFor,
  routingSentences,
  setupHintFor,
  stockDestinationsFor,
} from "~/connectors/registry.server";
import { saveRouting } from "~/connectors/routing.server";
import { saveConnectorSettings } from "~/connectors/settings.server";
import { db } from "~/db.server";
import { sayIn } from "~/i18n/stored-words";
import { merchantMessageOf, NotConfiguredError, TransientError } from "~/lib/errors";
import { setupNeededFor, whatToSetUp } from "~/shops/setup.server";
import { fullStockSync } from "~/sync/stock.server";
import { quietReporter } from "~/sync/sync-context";
import { installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { shopifyOf, startStockWorld } from "./stock-harness";

const FASTMAG_CONFIG = {
  host: "http://127.0.0.1:9/",
  enseigne: "E",
  magasin: "M",
  compte: "C",
  stock: { includeA: true, includeB: true, safetyMargin: 0 },
  seasons: [],
  timeZone: "Europe/Paris",
  queryOverrides: {},
};

async function newShop() {
  const shop = uniqueShop("registry");
  await installShop(shop);
  return { shop, ctx: { shop, db } };
}

describe("the connector registry", () => {
  it("lists each connector once; those that need setting up have a settings screen", () => {
    const ids = CONNECTORS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(["shopify", "fastmag"]));
    for (const c of CONNECTORS) {
      expect(Object.keys(c.capabilities).length).toBeGreaterThan(0);
      if (!c.builtIn) expect(c.settingsPage).toMatch(/^\/app\/settings\//);
    }
  });

  it("with nothing set up, every part waits for Fastmag and the routing says so", async () => {
    const { shop, ctx } = await newShop();
    const refused = await providerFor(ctx, "stock-source").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(NotConfiguredError);
    expect(refused).toMatchObject({ what: "Fastmag", setupUrl: "/app/settings/fastmag" });
    expect(await routingSentences(db, shop)).toEqual([
      "No stock source is set up yet.",
      "No price source is set up yet.",
      "Orders are not sent anywhere yet.",
    ]);
    const steps = await whatToSetUp(db, shop);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ connector: "fastmag", what: "Fastmag", url: "/app/settings/fastmag" });
    expect(steps[0]!.syncs).toEqual(expect.arrayContaining(["Stock (full)", "Prices", "Order export"]));
    expect(await setupNeededFor(db, shop, "stock.full")).toMatchObject({ what: "Fastmag" });
    expect(await setupNeededFor(db, shop, "maintenance.prune-job-history")).toBeNull();
  });

  it("says what to set up in the reader's language: the one system offering a part, or a choice in Settings", async () => {
    const { ctx } = await newShop();
    const fastmag = merchantMessageOf(await providerFor(ctx, "stock-source").catch((error: unknown) => error))!;
    expect(sayIn(fastmag, "en")).toBe("Fastmag is not set up for this shop yet: fill in Settings → Fastmag.");
    expect(sayIn(fastmag, "fr")).toBe(
      "Fastmag n'est pas encore configuré pour cette boutique : renseignez Paramètres → Fastmag.",
    );
    // A part several systems (or none) may play is chosen in Settings.
    const tracking = setupHintFor("tracking-source").message;
    expect(sayIn(tracking, "en")).toBe("This shop has no parcel tracker set up yet: choose one in Settings.");
    expect(sayIn(tracking, "fr")).toBe(
      "Cette boutique n'a pas encore de suivi de colis : faites ce choix dans Paramètres.",
    );
  });

  it("once Fastmag is saved with its password it plays every part it offers, and stock goes to Shopify", async () => {
    const { shop, ctx } = await newShop();
    await saveConnectorSettings(shop, "fastmag", FASTMAG_CONFIG, { motpasse: "secret" });
    await saveRouting(db, shop, { shopifyLocationId: "gid://shopify/Location/1" });
    for (const capability of ["stock-source", "price-source", "order-destination", "order-status-source"] as const)
      expect(await providerFor(ctx, capability)).toMatchObject({ id: "fastmag", name: "Fastmag" });
    const destinations = await stockDestinationsFor({ ...ctx, stockSourceName: "Fastmag" });
    expect(destinations.map((d) => d.id)).toEqual(["shopify"]);
    expect(await routingSentences(db, shop)).toEqual([
      "Stock comes from Fastmag; it is sent to Shopify.",
      "Prices come from Fastmag.",
      "Orders are sent to Fastmag.",
    ]);
    expect(await whatToSetUp(db, shop)).toEqual([]);
  });

  it("settings without the password are not a set-up connection", async () => {
    const { shop, ctx } = await newShop();
    await saveConnectorSettings(shop, "fastmag", FASTMAG_CONFIG);
    await expect(providerFor(ctx, "stock-source")).rejects.toBeInstanceOf(NotConfiguredError);
  });

  it("a routing naming a system that is not set up plays nothing: the sync waits instead of going elsewhere", async () => {
    const { shop, ctx } = await newShop();
    await saveConnectorSettings(shop, "fastmag", FASTMAG_CONFIG, { motpasse: "secret" });
    await saveRouting(db, shop, { stockSource: "retailcrm" });
    await expect(providerFor(ctx, "stock-source")).rejects.toBeInstanceOf(NotConfiguredError);
    expect(await providerFor(ctx, "price-source")).toMatchObject({ id: "fastmag" });
  });

  it("without a Shopify location for the stock, the stock run waits for setup", async () => {
    const { shop, ctx } = await newShop();
    await saveConnectorSettings(shop, "fastmag", FASTMAG_CONFIG, { motpasse: "secret" });
    await expect(stockDestinationsFor(ctx)).rejects.toBeInstanceOf(NotConfiguredError);
  });
});

describe("a stock run with several destinations", () => {
  /** A second system receiving stock: it keeps what it was sent, or fails as told. */
  function receiver(failWith?: Error) {
    const received = new Map<string, number>();
    const destination: StockDestination = {
      async writeAll(reading: Promise<StockPicture>) {
        const picture = await reading;
        if (failWith) throw failWith;
        for (let slot = 0; slot < picture.size; slot++) received.set(picture.skuAt(slot), picture.availableAt(slot));
        return { changed: picture.size };
      },
      async writeChanges(levels) {
        for (const level of levels) received.set(level.sku, level.available);
        return { changed: levels.length };
      },
    };
    return { received, destination };
  }

  it("reads the source once and sends the same levels to every destination", async () => {
    const world = await startStockWorld({ variants: 300, initialShopifyLevel: () => 50 });
    try {
      const other = receiver();
      const run = world.stockRun({ runId: "fan-1", report: quietReporter() });
      const result = await fullStockSync({
        ...run,
        destinations: [...run.destinations, { id: "other", name: "Other", destination: other.destination }],
      });
      expect(result.sourceSkus).toBe(300);
      expect(shopifyOf(result).changed).toBeGreaterThan(0);
      expect(result.destinations.other).toEqual({ changed: 300 });
      expect(Object.fromEntries(other.received)).toEqual(Object.fromEntries(world.erpWebStock()));
      expect(Object.fromEntries(world.shopifyLevels())).toEqual(Object.fromEntries(world.erpWebStock()));
    } finally {
      await world.close();
    }
  });

  it("one destination failing never stops the others; the run fails naming it, retryably when it was transient", async () => {
    const world = await startStockWorld({ variants: 300, initialShopifyLevel: () => 50 });
    try {
      const down = receiver(new TransientError("RetailCRM did not answer"));
      const run = world.stockRun({ runId: "fan-2", report: quietReporter() });
      const failure = await fullStockSync({
        ...run,
        destinations: [...run.destinations, { id: "down", name: "RetailCRM", destination: down.destination }],
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(TransientError);
      expect((failure as Error).message).toBe(
        "Stock could not be sent to RetailCRM; the other destinations are up to date.",
      );
      expect(Object.fromEntries(world.shopifyLevels())).toEqual(Object.fromEntries(world.erpWebStock()));
    } finally {
      await world.close();
    }
  });
});
