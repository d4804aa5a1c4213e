// Control routes for what the merchant sets up in the admin and the app only reads or changes:
// customers (for gift cards and store credit) and collections with their products. Tests and demo only.
//   POST /_emulator/shops/<shop>/customers   { email?, firstName?, lastName?, tags? } → { id }
//   POST /_emulator/shops/<shop>/collections { title, handle?, products?: [gid | numeric id | sku] } → { id }
//   GET  /_emulator/shops/<shop>/merchandising → collections, gift cards, store credit, discounts
import type { IncomingMessage, ServerResponse } from "node:http";
import { createCollection, createCustomer, merchandisingOf } from "../merchandising";
import { UnknownShopError, type EmulatorStore, type ShopRecord } from "../store";
import { readFields, sendJson } from "./io";

/** `parts` starts after /_emulator: ["shops", <shop>, "customers" | "collections" | "merchandising"]. */
export async function handleMerchandisingControl(
  req: IncomingMessage,
  res: ServerResponse,
  parts: string[],
  deps: { store: EmulatorStore },
): Promise<void> {
  try {
    const shop = deps.store.shop(parts[1]!);
    const route = `${req.method ?? "GET"} ${parts[2]}`;
    if (route === "GET merchandising") return sendJson(res, 200, snapshot(deps.store, shop));
    const input = await readFields(req);
    if (!input) return sendJson(res, 400, { error: "the body must be a JSON object" });
    if (route === "POST customers") {
      const customer = createCustomer(deps.store, shop, input as Parameters<typeof createCustomer>[2]);
      return sendJson(res, 201, { id: `gid://shopify/Customer/${customer.id}` });
    }
    if (route === "POST collections") {
      if (typeof input.title !== "string" || !input.title) return sendJson(res, 400, { error: "title is required" });
      const refs = Array.isArray(input.products) ? (input.products as unknown[]).map(String) : [];
      const productIds: number[] = [];
      for (const ref of refs) {
        const id = productIdOf(shop, ref);
        if (id === undefined) return sendJson(res, 400, { error: `no product ${ref}` });
        productIds.push(id);
      }
      const collection = createCollection(deps.store, shop, {
        title: input.title,
        handle: typeof input.handle === "string" ? input.handle : undefined,
        productIds,
      });
      return sendJson(res, 201, { id: `gid://shopify/Collection/${collection.id}`, handle: collection.handle });
    }
    return sendJson(res, 404, { error: `no control route ${route} under /_emulator/shops/<shop>` });
  } catch (error) {
    if (error instanceof UnknownShopError) return sendJson(res, 404, { error: error.message });
    throw error;
  }
}

/** A product by gid, numeric id, or the SKU of one of its variants. */
function productIdOf(shop: ShopRecord, ref: string): number | undefined {
  const numeric = /^(?:gid:\/\/shopify\/Product\/)?(\d+)$/.exec(ref)?.[1];
  if (numeric && shop.products.has(Number(numeric))) return Number(numeric);
  return [...shop.variants.values()].find((v) => v.sku === ref)?.productId;
}

function snapshot(store: EmulatorStore, shop: ShopRecord) {
  const state = merchandisingOf(store, shop);
  return {
    collections: [...state.collections.values()],
    giftCards: [...state.giftCards.values()],
    customers: [...state.customers.values()],
    storeCreditAccounts: [...state.storeCreditAccounts.values()],
    discounts: [...state.discounts.values()],
    media: [...state.media.values()],
  };
}
