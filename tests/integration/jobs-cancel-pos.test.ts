// Cancel stops a point-of-sale stock poll where it stands: cancelled while its batches of levels go to
// Shopify (eight calls side by side, each slowed), it writes nothing after the batches in flight, ends
// Cancelled, and its Changes list holds exactly the levels Shopify now has from it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { posStockJobType, savePosAccount } from "~/pos/accounts.server";
import { confirmAllSuggestions, refreshItemMappings } from "~/pos/items.server";
import { saveLocationMappings } from "~/pos/locations.server";
import { registerModules } from "~/modules.server";
import { installShop } from "../support/admin-request";
import { cancelWhileWriting, expectStoppedAfterWritesInFlight } from "../support/cancel-in-flight";
import { PARIS, SQUARE_TOKEN, shopifyWrites, startPosWorld, type PosWorld } from "./pos-harness";

const ITEMS = 3000; // 12 batches of 250 levels
const IN_FLIGHT = 8; // the inventory writer's calls side by side

describe("cancelling a running point-of-sale stock poll", () => {
  let world: PosWorld;
  let accountId: string;
  beforeAll(async () => {
    registerModules();
    world = await startPosWorld({ items: ITEMS, squareQuantity: () => 7 });
    await installShop(world.shop);
    await db.session.update({
      where: { id: `offline_${world.shop}` },
      data: { accessToken: world.shopify.issueAccessToken(world.shop) },
    });
    accountId = (
      await savePosAccount(world.shop, {
        system: "square",
        name: "Boutiques",
        settings: { apiUrl: world.square.url },
        secrets: { accessToken: SQUARE_TOKEN, webhookSignatureKey: "sig-key" },
      })
    ).id;
    await refreshItemMappings(world.shop, accountId, { client: world.client });
    expect(await confirmAllSuggestions(world.shop, accountId)).toBe(ITEMS);
    await saveLocationMappings(world.shop, accountId, {
      mappings: [{ posLocationId: PARIS, posLocationName: "Boutique Paris", shopifyLocationId: world.locations.paris }],
    });
  }, 60_000);
  afterAll(() => world?.close());

  it("writes nothing after the batches in flight, ends Cancelled and lists what it wrote", async () => {
    world.shopify.faults.add({ kind: "latency", ms: 400 });
    try {
      const run = await cancelWhileWriting({
        shop: world.shop,
        type: posStockJobType(accountId),
        params: { accountId },
        writes: () => shopifyWrites(world),
        cancelAfterWrites: 1,
      });
      expectStoppedAfterWritesInFlight(run, IN_FLIGHT);
      const written = [...world.shopifyLevels(world.locations.paris)].filter(([, level]) => level === 7);
      expect(written.length).toBeGreaterThan(0);
      expect(written.length).toBeLessThan(ITEMS);
      expect(run.changes.map((c) => [c.externalId, c.after]).sort()).toEqual(written.map(([sku]) => [sku, "7"]).sort());
      expect(run.job.counters.changed).toBe(written.length);
    } finally {
      world.shopify.faults.clear();
    }
  }, 60_000);
});
