// A shop's Square account end to end against the Square and Shopify emulators and the real database:
// item suggestions, the stock poll writing only what moved, and online sales dispatched to Square once
// per line (retry, two workers, a crash after Square answered), refunds and cancellations put back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { sayIn, storedText } from "~/i18n/stored-words";
import { merchantMessageOf, NotConfiguredError } from "~/lib/errors";
import { savePosAccount, setPosAccountPaused } from "~/pos/accounts.server";
import { confirmAllSuggestions, listItemMappings, refreshItemMappings, setItemMapping } from "~/pos/items.server";
import { listLocationMappings, saveLocationMappings } from "~/pos/locations.server";
import { dispatchCancellation, dispatchOrderSales, dispatchRefund, type OrderPayload } from "~/pos/sales.server";
import { pollPosStock } from "~/pos/stock.server";
import { quietReporter } from "~/sync/sync-context";
import {
  cancelOrder,
  createOrder,
  orderCreatePayload,
  refundOrder,
  refundPayload,
} from "../../emulators/shopify/orders";
import {
  LYON,
  PARIS,
  SQUARE_TOKEN,
  posSku,
  shopifyWrites,
  squareCalls,
  squareCounts,
  startPosWorld,
  variationId,
  type PosWorld,
} from "./pos-harness";

const ITEMS = 300;
let world: PosWorld;
let accountId: string;

beforeAll(async () => {
  // 300 Square items; Shopify sells the first 290 (10 POS items have no variant).
  world = await startPosWorld({
    items: ITEMS,
    variants: ITEMS - 10,
    squareQuantity: (i, location) => (location === PARIS ? 10 + (i % 5) : 3),
  });
  const account = await savePosAccount(world.shop, {
    system: "square",
    name: "Boutiques",
    settings: { apiUrl: world.square.url },
    secrets: { accessToken: SQUARE_TOKEN, webhookSignatureKey: "sig-key" },
  });
  accountId = account.id;
});
afterAll(async () => world?.close());

const poll = (runId: string) =>
  pollPosStock({ db, shop: world.shop, accountId, client: world.client, runId, report: quietReporter() });

describe("a Square account of a shop", () => {
  it("asks to map the account's locations first, in the reader's language", async () => {
    const error = await poll("run-unmapped").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotConfiguredError);
    const message = merchantMessageOf(error)!;
    expect(sayIn(message, "en")).toBe('Map the locations of "Boutiques" to Shopify locations first.');
    expect(sayIn(message, "fr")).toBe("Associez d'abord les emplacements de « Boutiques » à des emplacements Shopify.");
  });

  it("suggests a Shopify variant for each Square item by SKU and lists the unmatched ones", async () => {
    const refreshed = await refreshItemMappings(world.shop, accountId, { client: world.client });
    expect(refreshed).toMatchObject({ posItems: ITEMS, suggested: ITEMS - 10, unmatched: 10 });
    const rows = await listItemMappings(world.shop, accountId);
    const first = rows.find((r) => r.posItemId === variationId(0))!;
    expect(first).toMatchObject({ status: "suggested", matchedBy: "sku", variant: { sku: posSku(0) } });
    const unmapped = await listItemMappings(world.shop, accountId, { status: "unmapped" });
    expect(unmapped.filter((r) => !r.variant).map((r) => r.posSku)).toEqual(
      Array.from({ length: 10 }, (_, k) => posSku(ITEMS - 10 + k)),
    );
  });

  it("matches by name when the SKU differs, and keeps what the merchant confirmed or ignored", async () => {
    expect(await confirmAllSuggestions(world.shop, accountId)).toBe(ITEMS - 10);
    const ignored = await setItemMapping(world.shop, accountId, { posItemId: variationId(ITEMS - 1), ignore: true });
    expect(ignored.status).toBe("ignored");
    await refreshItemMappings(world.shop, accountId, { client: world.client });
    const rows = await listItemMappings(world.shop, accountId, { status: "confirmed" });
    expect(rows).toHaveLength(ITEMS - 10);
    const byName = await setItemMapping(
      world.shop,
      accountId,
      { posName: `Article ${ITEMS - 2}`, sku: posSku(5) },
      { client: world.client },
    );
    expect(byName).toMatchObject({ status: "confirmed", matchedBy: "merchant", variant: { sku: posSku(5) } });
    // Back to the one variant per item the rest of the tests expect.
    await setItemMapping(world.shop, accountId, { posItemId: variationId(ITEMS - 2), ignore: true });
  });

  it("refuses two POS locations on one Shopify location unless they are added up", async () => {
    await expect(
      saveLocationMappings(world.shop, accountId, {
        mappings: [
          { posLocationId: PARIS, shopifyLocationId: world.locations.paris },
          { posLocationId: LYON, shopifyLocationId: world.locations.paris },
        ],
      }),
    ).rejects.toThrow(/Add up POS locations/);
    await saveLocationMappings(world.shop, accountId, {
      mappings: [
        { posLocationId: PARIS, posLocationName: "Boutique Paris", shopifyLocationId: world.locations.paris },
        { posLocationId: LYON, posLocationName: "Boutique Lyon", shopifyLocationId: world.locations.lyon },
      ],
    });
  });

  it("writes the Square counts to Shopify, then nothing when nothing moved, then only what moved", async () => {
    const first = await poll("run-1");
    expect(first).toMatchObject({ posCounts: ITEMS * 2, moved: (ITEMS - 10) * 2, written: (ITEMS - 10) * 2 });
    // 290 items per location: two batches of at most 250 each.
    expect(first.shopifyWrites).toBe(4);
    expect(world.shopifyLevels(world.locations.paris).get(posSku(7))).toBe(12);
    expect(world.shopifyLevels(world.locations.lyon).get(posSku(7))).toBe(3);

    const before = shopifyWrites(world);
    const second = await poll("run-2");
    expect(second).toMatchObject({ moved: 0, written: 0, shopifyReads: 0, shopifyWrites: 0 });
    expect(shopifyWrites(world)).toBe(before);

    world.square.setCount({ catalogObjectId: variationId(3), locationId: PARIS, quantity: 42 });
    world.square.setCount({ catalogObjectId: variationId(4), locationId: LYON, quantity: 0 });
    const third = await poll("run-3");
    expect(third).toMatchObject({ moved: 2, written: 2, shopifyWrites: 2 });
    expect(world.shopifyLevels(world.locations.paris).get(posSku(3))).toBe(42);
    expect(world.shopifyLevels(world.locations.lyon).get(posSku(4))).toBe(0);
  });

  it("adds up two POS locations feeding one Shopify location when asked", async () => {
    await saveLocationMappings(world.shop, accountId, {
      sumLocations: true,
      mappings: [
        { posLocationId: PARIS, shopifyLocationId: world.locations.paris },
        { posLocationId: LYON, shopifyLocationId: world.locations.paris },
      ],
    });
    await poll("run-sum");
    const paris = squareCounts(world.square, PARIS).get(variationId(8))!;
    const lyon = squareCounts(world.square, LYON).get(variationId(8))!;
    expect(world.shopifyLevels(world.locations.paris).get(posSku(8))).toBe(paris + lyon);
    await saveLocationMappings(world.shop, accountId, {
      sumLocations: false,
      mappings: [
        { posLocationId: PARIS, shopifyLocationId: world.locations.paris },
        { posLocationId: LYON, shopifyLocationId: world.locations.lyon },
      ],
    });
    await poll("run-unsum");
  });

  it("leaves a location chosen as not kept in step out of the poll, and keeps that choice", async () => {
    const lyonBefore = world.shopifyLevels(world.locations.lyon).get(posSku(9));
    await saveLocationMappings(world.shop, accountId, {
      mappings: [
        { posLocationId: PARIS, posLocationName: "Boutique Paris", shopifyLocationId: world.locations.paris },
        { posLocationId: LYON, posLocationName: "Boutique Lyon", shopifyLocationId: null },
      ],
    });
    expect((await listLocationMappings(world.shop, accountId)).mappings).toEqual([
      { posLocationId: LYON, posLocationName: "Boutique Lyon", shopifyLocationId: null },
      { posLocationId: PARIS, posLocationName: "Boutique Paris", shopifyLocationId: world.locations.paris },
    ]);
    world.square.setCount({ catalogObjectId: variationId(9), locationId: LYON, quantity: 77 });
    const report = await poll("run-not-kept");
    // Only Paris's counts were read; Lyon's Shopify level stayed as it was.
    expect(report.posCounts).toBe(ITEMS);
    expect(world.shopifyLevels(world.locations.lyon).get(posSku(9))).toBe(lyonBefore);
    await saveLocationMappings(world.shop, accountId, {
      mappings: [
        { posLocationId: PARIS, shopifyLocationId: world.locations.paris },
        { posLocationId: LYON, shopifyLocationId: world.locations.lyon },
      ],
    });
    await poll("run-kept-again");
    expect(world.shopifyLevels(world.locations.lyon).get(posSku(9))).toBe(77);
  });

  it("absorbs Square's 429s during a poll without an error", async () => {
    world.square.faults.add({
      route: "POST /v2/inventory/counts/batch-retrieve",
      kind: "status",
      status: 429,
      count: 2,
    });
    world.square.setCount({ catalogObjectId: variationId(9), locationId: PARIS, quantity: 77 });
    const result = await poll("run-429");
    expect(result).toMatchObject({ moved: 1, written: 1 });
    expect(world.shopifyLevels(world.locations.paris).get(posSku(9))).toBe(77);
  });
});

describe("online sales dispatched to Square", () => {
  const order = (sku: string, quantity: number, location = "Paris") => {
    const variant = [...world.shopRecord.variants.values()].find((v) => v.sku === sku)!;
    const record = createOrder(world.shopify.store, world.shopRecord, {
      lineItems: [{ variantId: variant.id, quantity, price: "10.00" }],
      location,
    });
    return { record, payload: orderCreatePayload(world.shopRecord, record) as unknown as OrderPayload };
  };
  const moves = () => squareCalls(world.square, "/v2/inventory/changes/batch-create").length;
  const deps = () => ({ client: world.client });

  it("decrements the Square location the order's Shopify location is mapped to, once under retries", async () => {
    const id = variationId(20);
    const before = squareCounts(world.square, PARIS).get(id)!;
    const lyonBefore = squareCounts(world.square, LYON).get(id)!;
    const { payload } = order(posSku(20), 2);
    expect(await dispatchOrderSales(world.shop, payload, deps())).toEqual([
      expect.objectContaining({ outcome: "sent" }),
    ]);
    expect(await dispatchOrderSales(world.shop, payload, deps())).toEqual([
      expect.objectContaining({ outcome: "already-sent" }),
    ]);
    expect(squareCounts(world.square, PARIS).get(id)).toBe(before - 2);
    expect(squareCounts(world.square, LYON).get(id)).toBe(lyonBefore);
    const row = await db.posDispatch.findFirstOrThrow({ where: { shop: world.shop, kind: "sale", posItemId: id } });
    expect(row).toMatchObject({ status: "sent", quantity: 2, posLocationId: PARIS, orderName: payload.name });
  });

  it("sends one move when two workers take the same order at once", async () => {
    const id = variationId(21);
    const before = squareCounts(world.square, LYON).get(id)!;
    const { payload } = order(posSku(21), 1, "Lyon");
    const calls = moves();
    const outcomes = await Promise.all([
      dispatchOrderSales(world.shop, payload, deps()),
      dispatchOrderSales(world.shop, payload, deps()),
    ]);
    expect(outcomes.flat().filter((o) => o.outcome === "sent")).toHaveLength(1);
    expect(moves() - calls).toBe(1);
    expect(squareCounts(world.square, LYON).get(id)).toBe(before - 1);
  });

  it("moves Square once when a worker stopped after Square answered and another sends it again", async () => {
    const id = variationId(22);
    const before = squareCounts(world.square, PARIS).get(id)!;
    const { payload } = order(posSku(22), 3);
    await dispatchOrderSales(world.shop, payload, deps());
    // The crash: Square applied the move, the mark "sent" was never written and the claim ran out.
    const row = await db.posDispatch.findFirstOrThrow({ where: { shop: world.shop, kind: "sale", posItemId: id } });
    await db.posDispatch.update({
      where: { key: row.key },
      data: { status: "pending", sentAt: null, claimedUntil: null },
    });
    const again = await dispatchOrderSales(world.shop, payload, deps());
    expect(again).toEqual([expect.objectContaining({ outcome: "sent" })]);
    expect(squareCounts(world.square, PARIS).get(id)).toBe(before - 3);
    const recorded = (world.square.state().changes as { catalogObjectId?: string; type?: string }[]).filter(
      (c) => c.catalogObjectId === id && c.type === "ADJUSTMENT",
    );
    expect(recorded).toHaveLength(1);
  });

  it("puts a restocked refund back, and the rest at cancellation, each once", async () => {
    const id = variationId(23);
    const before = squareCounts(world.square, PARIS).get(id)!;
    const { record, payload } = order(posSku(23), 3);
    await dispatchOrderSales(world.shop, payload, deps());
    expect(squareCounts(world.square, PARIS).get(id)).toBe(before - 3);
    const refund = refundOrder(world.shopify.store, record, {
      lines: [{ lineItemId: record.lines[0]!.id, quantity: 1, restock: true }],
    });
    const refundBody = refundPayload(record, refund) as never;
    await dispatchRefund(world.shop, refundBody, deps());
    await dispatchRefund(world.shop, refundBody, deps());
    expect(squareCounts(world.square, PARIS).get(id)).toBe(before - 2);
    cancelOrder(world.shopify.store, world.shopRecord, record);
    await dispatchCancellation(world.shop, payload, deps());
    await dispatchCancellation(world.shop, payload, deps());
    expect(squareCounts(world.square, PARIS).get(id)).toBe(before);
  });

  it("keeps the sales and returns of a paused account, and its next poll after resuming sends them in order", async () => {
    const id = variationId(24);
    const before = squareCounts(world.square, PARIS).get(id)!;
    await setPosAccountPaused(world.shop, accountId, true);
    const { record, payload } = order(posSku(24), 2);
    expect(await dispatchOrderSales(world.shop, payload, deps())).toEqual([
      expect.objectContaining({ outcome: "held" }),
    ]);
    expect(await dispatchOrderSales(world.shop, payload, deps())).toEqual([
      expect.objectContaining({ outcome: "held" }),
    ]);
    const refund = refundOrder(world.shopify.store, record, {
      lines: [{ lineItemId: record.lines[0]!.id, quantity: 1, restock: true }],
    });
    expect(await dispatchRefund(world.shop, refundPayload(record, refund) as never, deps())).toEqual([
      expect.objectContaining({ outcome: "held" }),
    ]);
    expect(squareCounts(world.square, PARIS).get(id)).toBe(before);

    await setPosAccountPaused(world.shop, accountId, false);
    await poll("run-resumed");
    expect(squareCounts(world.square, PARIS).get(id)).toBe(before - 1);
    expect(world.shopifyLevels(world.locations.paris).get(posSku(24))).toBe(before - 1);
    const rows = await db.posDispatch.findMany({
      where: { shop: world.shop, posItemId: id },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => [r.kind, r.status])).toEqual([
      ["sale", "sent"],
      ["refund", "sent"],
    ]);
    const calls = moves();
    await poll("run-after-resume");
    expect(moves()).toBe(calls);
  });

  it("keeps a refused move with its words: the reason reads French for a French admin, English as before", async () => {
    const { payload } = order(posSku(23), 1);
    world.square.faults.add({
      route: "POST /v2/inventory/changes/batch-create",
      kind: "status",
      status: 400,
      body: { errors: [{ category: "INVALID_REQUEST_ERROR", code: "INVALID_VALUE", detail: "bad" }] },
      count: 1,
    });
    const outcomes = await dispatchOrderSales(world.shop, payload, deps());
    expect(outcomes).toEqual([
      expect.objectContaining({ outcome: "refused", reason: expect.stringMatching(/^Square refused/) }),
    ]);
    const row = await db.posDispatch.findUniqueOrThrow({ where: { key: outcomes[0]!.key } });
    expect(row.status).toBe("refused");
    expect(row.reason).toMatch(/^Square refused .*INVALID_VALUE/);
    const french = storedText(row.reason!, row.reasonWords, "fr");
    expect(french).toMatch(/^Square a refusé .*INVALID_VALUE/);
    expect(french).not.toMatch(/refused/);
  });

  it("leaves a Square location alone when the order's Shopify location is not mapped to it", async () => {
    const { payload } = order(posSku(290 - 1), 1);
    await saveLocationMappings(world.shop, accountId, {
      mappings: [{ posLocationId: LYON, shopifyLocationId: world.locations.lyon }],
    });
    const calls = moves();
    expect(await dispatchOrderSales(world.shop, payload, deps())).toEqual([]);
    expect(moves()).toBe(calls);
  });
});
