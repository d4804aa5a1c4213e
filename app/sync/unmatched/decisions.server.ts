// Unmatched SKUs: what a full stock run saw on one side only (the stock source's SKUs no Shopify variant
// has, Shopify's SKUs the source does not know), and the merchant's decisions about them, which every
// sync honours (docs/decisions/0022-unmatched-decisions.md): an ignored SKU is left alone and no longer
// reported, a linked source SKU and the Shopify variant whose SKU the merchant chose are one article.
// Syncs read them once per run through skuResolution(). Kept in UnmatchedSku (prisma/schema.prisma).
import type { Db } from "../../db.server";

export type UnmatchedSide = "source" | "shopify";

/** The shop's decisions, as the syncs read them (a few rows; loaded once per run). */
export interface SkuDecisions {
  /** Source SKUs the merchant ignored: not reported as missing in Shopify. */
  ignoredSource: Set<string>;
  /** Shopify SKUs the merchant ignored: not reported as missing in the source. */
  ignoredShopify: Set<string>;
  /** A Shopify variant's SKU → the source SKU synced onto it. */
  shopifyToSource: Map<string, string>;
  /** A source SKU → the Shopify SKU of the variant it is synced onto. */
  sourceToShopify: Map<string, string>;
}

export const NO_DECISIONS: SkuDecisions = {
  ignoredSource: new Set(),
  ignoredShopify: new Set(),
  shopifyToSource: new Map(),
  sourceToShopify: new Map(),
};

export async function skuDecisions(db: Db, shop: string): Promise<SkuDecisions> {
  const rows = await db.unmatchedSku.findMany({
    where: { shop, decision: { not: null } },
    select: { side: true, sku: true, decision: true, linkedSku: true },
  });
  const decisions: SkuDecisions = {
    ignoredSource: new Set(),
    ignoredShopify: new Set(),
    shopifyToSource: new Map(),
    sourceToShopify: new Map(),
  };
  for (const row of rows) {
    if (row.decision === "ignored")
      (row.side === "source" ? decisions.ignoredSource : decisions.ignoredShopify).add(row.sku);
    if (row.decision === "linked" && row.side === "source" && row.linkedSku) {
      decisions.shopifyToSource.set(row.linkedSku, row.sku);
      decisions.sourceToShopify.set(row.sku, row.linkedSku);
    }
  }
  return decisions;
}

/**
 * The one reading of the decisions every sync resolves a SKU through (docs/decisions/0022-unmatched-decisions.md).
 * Ignore means "left alone by every sync": no sync creates, lists, moves, exports or reports an ignored SKU.
 * Link-to means the source SKU and the chosen Shopify SKU are one article: a sync that starts from Shopify
 * (an order line, a marketplace listing, a POS item mapped to a variant) speaks of it to the source with the
 * source SKU; a sync that starts from the source writes it onto the Shopify variant that carries the chosen SKU.
 */
export interface SkuResolution {
  /** The source SKU a Shopify variant's SKU stands for (itself unless linked); null when ignored. */
  sourceSkuOf(shopifySku: string): string | null;
  /** The SKU of the Shopify variant a source SKU is synced onto (itself unless linked); null when ignored. */
  shopifySkuOf(sourceSku: string): string | null;
}

export function resolveSkus(decisions: SkuDecisions): SkuResolution {
  return {
    sourceSkuOf: (sku) => (decisions.ignoredShopify.has(sku) ? null : (decisions.shopifyToSource.get(sku) ?? sku)),
    shopifySkuOf: (sku) => (decisions.ignoredSource.has(sku) ? null : (decisions.sourceToShopify.get(sku) ?? sku)),
  };
}

/** The shop's decisions as a SKU resolution (read once per run or per order; a few rows). */
export async function skuResolution(db: Db, shop: string): Promise<SkuResolution> {
  return resolveSkus(await skuDecisions(db, shop));
}

/** Collects what a full stock run finds on one side only, then replaces the undecided rows with it. */
export class UnmatchedCollector {
  readonly source: string[] = [];
  readonly shopify: string[] = [];

  add(side: UnmatchedSide, sku: string): void {
    (side === "source" ? this.source : this.shopify).push(sku);
  }

  async save(db: Db, shop: string, now: Date): Promise<void> {
    const decided = await db.unmatchedSku.findMany({
      where: { shop, decision: { not: null } },
      select: { side: true, sku: true },
    });
    const skip = new Set(decided.map((d) => `${d.side}\u0000${d.sku}`));
    const rows = [
      ...[...new Set(this.source)].map((sku) => ({ side: "source", sku })),
      ...[...new Set(this.shopify)].map((sku) => ({ side: "shopify", sku })),
    ].filter((r) => !skip.has(`${r.side}\u0000${r.sku}`));
    await db.$transaction(async (tx) => {
      await tx.unmatchedSku.deleteMany({ where: { shop, decision: null } });
      for (let i = 0; i < rows.length; i += 500)
        await tx.unmatchedSku.createMany({
          data: rows.slice(i, i + 500).map((r) => ({ shop, ...r, lastSeenAt: now })),
        });
    });
  }
}

/** shop/redact: the shop's unmatched SKUs and decisions. */
export async function eraseUnmatchedSkus(db: Db, shop: string): Promise<void> {
  await db.unmatchedSku.deleteMany({ where: { shop } });
}
