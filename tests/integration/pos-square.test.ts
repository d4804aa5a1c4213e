// The Square connector as a point of sale, against the Square emulator over HTTP: locations, items with
// SKU and barcode, counts read across cursor pages, moves applied once per key, and 429s absorbed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PosAccountContext, PosCount, PosItem } from "~/capabilities/point-of-sale";
import { posSystem } from "~/connectors/pos-systems.server";
import { SquarePointOfSale } from "~/connectors/square/pos.server";
import { db } from "~/db.server";
import { sayIn, textOf } from "~/i18n/stored-words";
import { merchantMessageOf } from "~/lib/errors";
import { startSquareEmulator, type SquareEmulator } from "../../emulators/square/index";
import { LYON, PARIS, SQUARE_TOKEN, posSku, squareCalls, squareCounts, startSquare, variationId } from "./pos-harness";

let square: SquareEmulator;
beforeAll(async () => {
  square = await startSquare(250, { quantity: (i, location) => (location === PARIS ? i % 7 : 1) });
});
afterAll(async () => square?.close());

const context = (settings: Record<string, unknown> = {}, token = SQUARE_TOKEN): PosAccountContext => ({
  db,
  shop: "pos-square.myshopify.com",
  accountId: "account-1",
  settings: { apiUrl: square.url, ...settings },
  secrets: { accessToken: token },
  saveSecrets: () => Promise.resolve(),
  timeoutMs: 5_000,
});

describe("Square point of sale", () => {
  it("tests the connection with ListLocations and names the locations", async () => {
    const pos = posSystem("square")!.create(context());
    const tested = await pos.test();
    expect(tested.ok).toBe(true);
    expect(textOf(tested.message)).toBe("Connected: 2 locations (Boutique Paris, Boutique Lyon).");
    expect(sayIn(tested.message, "fr")).toBe("Connecté : 2 emplacements (Boutique Paris, Boutique Lyon).");
    expect(await pos.locations()).toEqual([
      { id: PARIS, name: "Boutique Paris" },
      { id: LYON, name: "Boutique Lyon" },
    ]);
  });

  it("says in plain words when the token is refused", async () => {
    const result = await posSystem("square")!.create(context({}, "wrong-token")).test();
    expect(result.ok).toBe(false);
    expect(textOf(result.message)).toMatch(/^Square refused the access token/);
    // The test's answer keeps the words too: the account's screen says it in the admin's language.
    expect(sayIn(result.message, "fr")).toMatch(/^Square a refusé le jeton d'accès/);
    // A run that meets the refusal stores its words: a French admin reads it in French.
    const error = await posSystem("square")!
      .create(context({}, "wrong-token"))
      .locations()
      .catch((e: unknown) => e);
    expect(sayIn(merchantMessageOf(error)!, "fr")).toMatch(
      /^Square a refusé le jeton d'accès \(HTTP 401 \(accès refusé\)\)/,
    );
  });

  it("lists every item variation with its SKU and barcode across catalog pages", async () => {
    const items: PosItem[] = [];
    await posSystem("square")!
      .create(context())
      .items((item) => items.push(item));
    expect(items).toHaveLength(250);
    expect(items[3]).toEqual({
      posItemId: variationId(3),
      name: "Article 3",
      sku: posSku(3),
      barcode: "3760000000003",
    });
  });

  it("skips a variation whose stock Square does not track, said in the reader's language", async () => {
    const own = await startSquareEmulator({
      port: 0,
      accessTokens: [SQUARE_TOKEN],
      seed: {
        locations: [{ id: PARIS, name: "Boutique Paris" }],
        items: [{ name: "Bougie", variations: [{ id: "UNTRACKED1", sku: "BOUGIE-1", trackInventory: false }] }],
      },
    });
    try {
      const items: PosItem[] = [];
      const { skipped } = await posSystem("square")!
        .create({ ...context(), settings: { apiUrl: own.url } })
        .items((item) => items.push(item));
      expect(items).toEqual([]);
      expect(skipped).toEqual([
        expect.objectContaining({ externalId: "UNTRACKED1", reason: "Bougie: Square does not track its stock" }),
      ]);
      expect(sayIn(skipped[0]!.words!, "fr")).toBe("Bougie : Square ne suit pas son stock");
    } finally {
      await own.close();
    }
  });

  it("reads every count across cursor pages, only for the locations asked", async () => {
    const pos = new SquarePointOfSale(context(), { countsPageSize: 40 });
    const before = squareCalls(square, "/v2/inventory/counts/batch-retrieve").length;
    const counts: PosCount[] = [];
    await pos.counts((count) => counts.push(count), [PARIS]);
    expect(counts).toHaveLength(250);
    expect(squareCalls(square, "/v2/inventory/counts/batch-retrieve").length - before).toBe(7);
    expect(counts.find((c) => c.posItemId === variationId(10))).toEqual({
      posItemId: variationId(10),
      posLocationId: PARIS,
      quantity: 3,
    });
  });

  it("applies a sale and a give-back once per key, even when called again with the same key", async () => {
    const pos = posSystem("square")!.create(context());
    const id = variationId(20);
    const start = squareCounts(square, PARIS).get(id)!;
    const sale = { posItemId: id, posLocationId: PARIS, quantity: 2, key: "sale-1001-1", reference: "#1001" };
    expect(await pos.applyMoves([sale])).toEqual([{ key: "sale-1001-1", ok: true }]);
    expect(await pos.applyMoves([sale])).toEqual([{ key: "sale-1001-1", ok: true }]);
    expect(squareCounts(square, PARIS).get(id)).toBe(start - 2);
    const giveBack = { ...sale, quantity: -1, key: "refund-1001-1" };
    expect(await pos.applyMoves([giveBack])).toEqual([{ key: "refund-1001-1", ok: true }]);
    expect(squareCounts(square, PARIS).get(id)).toBe(start - 1);
  });

  it("refuses a move of an item Square does not know, in plain words, without throwing", async () => {
    const [result] = await posSystem("square")!
      .create(context())
      .applyMoves([{ posItemId: "NOPE", posLocationId: PARIS, quantity: 1, key: "sale-x-1", reference: "#1" }]);
    expect(result).toMatchObject({ key: "sale-x-1", ok: false });
    expect(textOf(result!.reason!)).toMatch(/^Square refused/);
  });

  it("waits and retries when Square answers 429, and finishes without an error", async () => {
    square.faults.add({ route: "POST /v2/inventory/*", kind: "status", status: 429, count: 2 });
    const pos = new SquarePointOfSale(context(), { backoffMs: 10 });
    const counts: PosCount[] = [];
    await pos.counts((count) => counts.push(count), [LYON]);
    expect(counts).toHaveLength(250);
    expect(pos.client.throttled).toBe(2);
  });
});
