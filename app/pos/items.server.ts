// Item mapping: each POS item of an account (posItemId) to a Shopify variant, or ignored. A refresh reads
// the POS items and the shop's variants and proposes a match for each new item, by SKU, then barcode,
// then name; only matches the merchant confirmed (or set through the API) move stock and sales.
import type { PosItem } from "../capabilities/point-of-sale";
import { db as defaultDb, type Db } from "../db.server";
import { NotFoundError, ValidationError } from "../lib/errors";
import type { ShopifyAdminClient } from "../shopify/admin-client.server";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { MAPPABLE_VARIANTS_PAGE, type MappableVariant } from "../shopify/operations/variants";
import { skuResolution } from "../sync/unmatched/decisions.server";
import { pointOfSaleFor, posAccountRow } from "./accounts.server";

export type ItemMappingStatus = "suggested" | "confirmed" | "ignored";

export interface ItemMappingView {
  posItemId: string;
  posName: string;
  posSku: string | null;
  posBarcode: string | null;
  status: ItemMappingStatus;
  matchedBy: string | null;
  variant: { id: string; name: string | null; sku: string | null; inventoryItemId: string | null } | null;
}

export interface ShopVariant {
  id: string;
  sku: string | null;
  barcode: string | null;
  name: string;
  inventoryItemId: string;
}

export async function shopVariants(client: ShopifyAdminClient): Promise<ShopVariant[]> {
  const variants: ShopVariant[] = [];
  let after: string | null = null;
  for (;;) {
    const { data } = (await client.request(MAPPABLE_VARIANTS_PAGE, { first: 250, after })) as {
      data: {
        productVariants: { nodes: MappableVariant[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      };
    };
    for (const v of data.productVariants.nodes)
      variants.push({
        id: v.id,
        sku: v.sku || null,
        barcode: v.barcode || null,
        name: v.displayName,
        inventoryItemId: v.inventoryItem.id,
      });
    if (!data.productVariants.pageInfo.hasNextPage) return variants;
    after = data.productVariants.pageInfo.endCursor;
  }
}

const normalName = (name: string) =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** The variant an item most likely is: same SKU, else same barcode, else same name; null when none or ambiguous. */
export function suggestVariant(
  item: PosItem,
  index: {
    bySku: Map<string, ShopVariant[]>;
    byBarcode: Map<string, ShopVariant[]>;
    byName: Map<string, ShopVariant[]>;
  },
): { variant: ShopVariant; by: "sku" | "barcode" | "name" } | null {
  const one = (list: ShopVariant[] | undefined) => (list && list.length === 1 ? list[0]! : null);
  const sku = item.sku ? one(index.bySku.get(item.sku.trim().toLowerCase())) : null;
  if (sku) return { variant: sku, by: "sku" };
  const barcode = item.barcode ? one(index.byBarcode.get(item.barcode.trim())) : null;
  if (barcode) return { variant: barcode, by: "barcode" };
  const name = one(index.byName.get(normalName(item.name)));
  return name ? { variant: name, by: "name" } : null;
}

export function indexVariants(variants: ShopVariant[]) {
  const add = (map: Map<string, ShopVariant[]>, key: string | null, v: ShopVariant) => {
    if (!key) return;
    const list = map.get(key) ?? [];
    list.push(v);
    map.set(key, list);
  };
  const index = {
    bySku: new Map<string, ShopVariant[]>(),
    byBarcode: new Map<string, ShopVariant[]>(),
    byName: new Map<string, ShopVariant[]>(),
  };
  for (const v of variants) {
    add(index.bySku, v.sku?.trim().toLowerCase() || null, v);
    add(index.byBarcode, v.barcode?.trim() || null, v);
    add(index.byName, normalName(v.name) || null, v);
  }
  return index;
}

/** How a POS item was set aside because its SKU is ignored on the Unmatched screen (not by the merchant here). */
const IGNORED_SKU = "unmatched-ignored";

export interface RefreshDeps {
  db?: Db;
  client?: ShopifyAdminClient;
}

/**
 * Reads the account's POS items and the shop's variants; new items get a suggestion, suggested ones are
 * re-suggested (the catalogs may have changed), confirmed and ignored ones are left as the merchant set them.
 */
export async function refreshItemMappings(
  shop: string,
  accountId: string,
  deps: RefreshDeps = {},
): Promise<{ posItems: number; suggested: number; unmatched: number; skipped: number }> {
  const db = deps.db ?? defaultDb;
  const row = await posAccountRow(shop, accountId, db);
  const pos = pointOfSaleFor(row, db);
  const client = deps.client ?? (await adminClientForShop(shop, { db, timeoutMs: 20_000 }));
  const items: PosItem[] = [];
  const [{ skipped }, variants] = await Promise.all([pos.items((item) => items.push(item)), shopVariants(client)]);
  const index = indexVariants(variants);
  const skus = await skuResolution(db, shop);
  const existing = new Map(
    (await db.posItemMapping.findMany({ where: { accountId } })).map((m) => [m.posItemId, m] as const),
  );
  let suggested = 0;
  let unmatched = 0;
  for (const item of items) {
    const known = existing.get(item.posItemId);
    const facts = { posName: item.name, posSku: item.sku ?? null, posBarcode: item.barcode ?? null };
    if (known && known.status !== "suggested" && known.matchedBy !== IGNORED_SKU) {
      await db.posItemMapping.update({ where: { id: known.id }, data: facts });
      continue;
    }
    // A POS item carrying a stock-source SKU the merchant linked is that Shopify variant (ADR 0022).
    const linked = item.sku ? skus.shopifySkuOf(item.sku.trim()) : null;
    const match = suggestVariant(linked ? { ...item, sku: linked } : item, index);
    // Its SKU ignored on the Unmatched screen and no variant found: left alone, not listed as unmatched
    // (looked at again at each refresh, so an Undo there brings it back).
    const ignoredSku = !match && !!item.sku && skus.shopifySkuOf(item.sku.trim()) === null;
    if (match) suggested++;
    else if (!ignoredSku) unmatched++;
    const data = {
      ...facts,
      status: ignoredSku ? "ignored" : "suggested",
      matchedBy: ignoredSku ? IGNORED_SKU : (match?.by ?? null),
      variantId: match?.variant.id ?? null,
      inventoryItemId: match?.variant.inventoryItemId ?? null,
      variantSku: match?.variant.sku ?? null,
      variantName: match?.variant.name ?? null,
    };
    await db.posItemMapping.upsert({
      where: { accountId_posItemId: { accountId, posItemId: item.posItemId } },
      create: { shop, accountId, posItemId: item.posItemId, ...data },
      update: data,
    });
  }
  return { posItems: items.length, suggested, unmatched, skipped: skipped.length };
}

function view(m: {
  posItemId: string;
  posName: string;
  posSku: string | null;
  posBarcode: string | null;
  status: string;
  matchedBy: string | null;
  variantId: string | null;
  variantName: string | null;
  variantSku: string | null;
  inventoryItemId: string | null;
}): ItemMappingView {
  return {
    posItemId: m.posItemId,
    posName: m.posName,
    posSku: m.posSku,
    posBarcode: m.posBarcode,
    status: m.status as ItemMappingStatus,
    matchedBy: m.matchedBy,
    variant: m.variantId
      ? { id: m.variantId, name: m.variantName, sku: m.variantSku, inventoryItemId: m.inventoryItemId }
      : null,
  };
}

export async function listItemMappings(
  shop: string,
  accountId: string,
  filter: { status?: ItemMappingStatus | "unmapped" } = {},
  db: Db = defaultDb,
): Promise<ItemMappingView[]> {
  await posAccountRow(shop, accountId, db);
  const where =
    filter.status === "unmapped"
      ? { accountId, status: { not: "ignored" }, OR: [{ status: "suggested" }, { variantId: null }] }
      : filter.status
        ? { accountId, status: filter.status }
        : { accountId };
  const rows = await db.posItemMapping.findMany({ where, orderBy: { posName: "asc" } });
  return rows.map(view);
}

/** Shopify variants no confirmed mapping of this account points at (the other side's unmapped list). */
export async function unmappedShopVariants(
  shop: string,
  accountId: string,
  deps: RefreshDeps = {},
): Promise<ShopVariant[]> {
  const db = deps.db ?? defaultDb;
  await posAccountRow(shop, accountId, db);
  const client = deps.client ?? (await adminClientForShop(shop, { db, timeoutMs: 20_000 }));
  const mapped = new Set(
    (await db.posItemMapping.findMany({ where: { accountId, status: "confirmed" }, select: { variantId: true } })).map(
      (m) => m.variantId,
    ),
  );
  // Variants whose SKU is ignored on the Unmatched screen are not listed as waiting for an item (ADR 0022).
  const skus = await skuResolution(db, shop);
  return (await shopVariants(client)).filter((v) => !mapped.has(v.id) && (!v.sku || skus.sourceSkuOf(v.sku) !== null));
}

export interface ItemMappingInput {
  /** The POS item, by its id, or by its name when the id is not known (the seed's API). */
  posItemId?: string;
  posName?: string;
  /** The Shopify variant, by id or by SKU; absent with `ignore` or `confirm`. */
  variantId?: string;
  sku?: string;
  /** Confirms the current suggestion. */
  confirm?: boolean;
  ignore?: boolean;
}

/** Confirms, sets or ignores one item's mapping; a variant is checked against the shop's catalog. */
export async function setItemMapping(
  shop: string,
  accountId: string,
  input: ItemMappingInput,
  deps: RefreshDeps = {},
): Promise<ItemMappingView> {
  const db = deps.db ?? defaultDb;
  await posAccountRow(shop, accountId, db);
  const found = input.posItemId
    ? await db.posItemMapping.findUnique({ where: { accountId_posItemId: { accountId, posItemId: input.posItemId } } })
    : input.posName
      ? await db.posItemMapping.findFirst({ where: { accountId, posName: input.posName } })
      : null;
  if (!input.posItemId && !input.posName)
    throw new ValidationError("Say which POS item: posItemId or posName.", { posItemId: "Required" });
  if (!found)
    throw new NotFoundError(
      `No POS item ${input.posItemId ?? `named "${input.posName}"`} in this account: refresh the items first.`,
    );
  if (input.ignore) {
    const row = await db.posItemMapping.update({ where: { id: found.id }, data: { status: "ignored" } });
    return view(row);
  }
  if (!input.variantId && !input.sku) {
    if (!input.confirm)
      throw new ValidationError("Choose a Shopify variant, or ignore the item.", { variantId: "Required" });
    if (!found.variantId)
      throw new ValidationError("This item has no suggestion to confirm: choose a variant.", { variantId: "Required" });
    const row = await db.posItemMapping.update({ where: { id: found.id }, data: { status: "confirmed" } });
    return view(row);
  }
  const client = deps.client ?? (await adminClientForShop(shop, { db, timeoutMs: 20_000 }));
  const variants = await shopVariants(client);
  const variant = input.variantId
    ? variants.find((v) => v.id === input.variantId)
    : variants.filter((v) => v.sku === input.sku).length === 1
      ? variants.find((v) => v.sku === input.sku)
      : undefined;
  if (!variant)
    throw new ValidationError(
      input.variantId ? "No Shopify variant has this id." : `No single Shopify variant has the SKU "${input.sku}".`,
      { variantId: "Not found" },
    );
  const row = await db.posItemMapping.update({
    where: { id: found.id },
    data: {
      status: "confirmed",
      matchedBy: found.variantId === variant.id ? found.matchedBy : "merchant",
      variantId: variant.id,
      inventoryItemId: variant.inventoryItemId,
      variantSku: variant.sku,
      variantName: variant.name,
    },
  });
  return view(row);
}

/** Confirms every suggestion of the account at once ("Confirm all suggestions"). */
export async function confirmAllSuggestions(shop: string, accountId: string, db: Db = defaultDb): Promise<number> {
  await posAccountRow(shop, accountId, db);
  const { count } = await db.posItemMapping.updateMany({
    where: { accountId, status: "suggested", variantId: { not: null } },
    data: { status: "confirmed" },
  });
  return count;
}
