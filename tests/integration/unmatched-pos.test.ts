// The POS synchroniser honours the Unmatched screen's decisions (ADR 0022), against the Square and Shopify
// emulators: a POS item carrying a stock-source SKU the merchant linked is suggested onto the Shopify
// variant of the linked SKU (by SKU), the poll leaves a variant whose SKU the merchant ignored alone, and
// the mapping's unmatched lists no longer report ignored SKUs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { savePosAccount } from "~/pos/accounts.server";
import { confirmAllSuggestions, listItemMappings, refreshItemMappings, unmappedShopVariants } from "~/pos/items.server";
import { saveLocationMappings } from "~/pos/locations.server";
import { pollPosStock } from "~/pos/stock.server";
import { quietReporter } from "~/sync/sync-context";
import { decideUnmatched } from "~/sync/unmatched/screen.server";
import { LYON, PARIS, SQUARE_TOKEN, posSku, startPosWorld, variationId, type PosWorld } from "./pos-harness";

let world: PosWorld;
let accountId: string;
const SHOPIFY_LINKED = "SHOP-A";

beforeAll(async () => {
  // Five POS items; Shopify sells the first four.
  world = await startPosWorld({ items: 5, variants: 4, squareQuantity: () => 6 });
  // Shopify's variant of the first item carries another SKU than the POS (and the stock source) does.
  const variant = [...world.shopRecord.variants.values()].find((v) => v.sku === posSku(0))!;
  variant.sku = SHOPIFY_LINKED;
  const account = await savePosAccount(world.shop, {
    system: "square",
    name: "Boutiques",
    settings: { apiUrl: world.square.url },
    secrets: { accessToken: SQUARE_TOKEN, webhookSignatureKey: "sig-key" },
  });
  accountId = account.id;
  await saveLocationMappings(world.shop, accountId, {
    mappings: [
      { posLocationId: PARIS, shopifyLocationId: world.locations.paris },
      { posLocationId: LYON, shopifyLocationId: world.locations.lyon },
    ],
  });
  // What a full stock run left on the Unmatched screen, and the merchant's decisions on it.
  await db.unmatchedSku.createMany({
    data: [
      { shop: world.shop, side: "source", sku: posSku(0) },
      { shop: world.shop, side: "source", sku: posSku(4) },
      { shop: world.shop, side: "shopify", sku: SHOPIFY_LINKED },
      { shop: world.shop, side: "shopify", sku: posSku(1) },
    ],
  });
  await decideUnmatched(world.shop, { intent: "link", sku: posSku(0), shopifySku: SHOPIFY_LINKED });
  await decideUnmatched(world.shop, { intent: "ignore", side: "shopify", sku: posSku(1) });
  await decideUnmatched(world.shop, { intent: "ignore", side: "source", sku: posSku(4) });
});
afterAll(async () => world?.close());

describe("the POS synchroniser and the Unmatched decisions", () => {
  it("suggests the linked Shopify variant by SKU for a POS item carrying the linked SKU", async () => {
    const refreshed = await refreshItemMappings(world.shop, accountId, { client: world.client });
    const rows = await listItemMappings(world.shop, accountId);
    expect(rows.find((r) => r.posItemId === variationId(0))).toMatchObject({
      status: "suggested",
      matchedBy: "sku",
      variant: { sku: SHOPIFY_LINKED },
    });
    // The POS item whose SKU is ignored, and the Shopify variant whose SKU is, are not reported as unmatched.
    expect(refreshed).toMatchObject({ posItems: 5, suggested: 4, unmatched: 0 });
    expect(rows.find((r) => r.posItemId === variationId(4))).toMatchObject({ status: "ignored", variant: null });
    const unmapped = await listItemMappings(world.shop, accountId, { status: "unmapped" });
    expect(unmapped.map((r) => r.posSku)).not.toContain(posSku(4));
    const waiting = await unmappedShopVariants(world.shop, accountId, { client: world.client });
    expect(waiting.map((v) => v.sku).sort()).toEqual([SHOPIFY_LINKED, posSku(2), posSku(3)].sort());
  });

  it("moves the linked variant and leaves the ignored one alone", async () => {
    await confirmAllSuggestions(world.shop, accountId);
    const result = await pollPosStock({
      db,
      shop: world.shop,
      accountId,
      client: world.client,
      runId: "unmatched-pos-1",
      report: quietReporter(),
    });
    const paris = world.shopifyLevels(world.locations.paris);
    expect(paris.get(posSku(1))).toBe(0);
    expect(world.shopifyLevels(world.locations.lyon).get(posSku(1))).toBe(0);
    expect(paris.get(posSku(2))).toBe(6);
    expect(paris.get(SHOPIFY_LINKED)).toBe(6);
    // Three items at two locations: the ignored one is not even compared.
    expect(result).toMatchObject({ moved: 6, written: 6 });
  });
});
