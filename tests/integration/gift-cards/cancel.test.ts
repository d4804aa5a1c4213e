// Cancel stops the gift card sync where it stands: cancelled while the cards sold in store are created
// in Shopify one by one (each call slowed), it creates none after the card in flight, ends Cancelled,
// and its Changes list names exactly the cards Shopify now has.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerModules } from "~/modules.server";
import { GIFT_CARD_SYNC_JOB } from "~/sync/gift-cards/jobs.server";
import { cancelWhileWriting, expectStoppedAfterWritesInFlight } from "../../support/cancel-in-flight";
import { startGiftCardWorld, type GiftCardWorld } from "./harness";

const CARDS = 12;
const code = (i: number) => `CANCEL-2026-${String(i).padStart(4, "0")}`;

describe("cancelling a running gift card sync", { timeout: 60_000 }, () => {
  let world: GiftCardWorld;
  beforeAll(async () => {
    registerModules();
    world = await startGiftCardWorld("gc-cancel");
    for (let i = 0; i < CARDS; i++) await world.sell({ id: code(i), initialAmount: 20 + i });
  });
  afterAll(() => world?.close());

  const creates = () =>
    world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "GiftCardCreate").length;

  it("creates no card after the one in flight, ends Cancelled and lists the cards it created", async () => {
    world.shopify.faults.add({ kind: "latency", ms: 150 });
    try {
      const run = await cancelWhileWriting({
        shop: world.shop,
        type: GIFT_CARD_SYNC_JOB,
        writes: creates,
        cancelAfterWrites: 3,
      });
      expectStoppedAfterWritesInFlight(run, 1);
      // Every card the run lists is in Shopify (the demo's own sold cards come first), none other is.
      const listed = run.changes.map((c) => c.externalId);
      expect(run.changes.every((c) => c.after === "created")).toBe(true);
      for (const card of listed) expect(await world.shopifyCards(card.replaceAll("-", ""))).toHaveLength(1);
      const notListed = Array.from({ length: CARDS }, (_, i) => code(i)).filter((card) => !listed.includes(card));
      expect(notListed.length).toBeGreaterThan(0);
      for (const card of notListed) expect(await world.shopifyCards(card.replaceAll("-", ""))).toEqual([]);
      expect(run.job.counters.changed).toBe(listed.length);
    } finally {
      world.shopify.faults.clear();
    }
  });
});
