// ExternalLink rows: which Shopify record one of our source records became, and the hash of what was last
// sent (a record whose hash did not change is not sent again). Generic over the entity: the catalog
// keeps "product" (source key → Shopify product, grouped by season) and "variant" (SKU → Shopify
// variant, grouped by its product's key, with the input last sent as detail).
import type { Db } from "../../db.server";

export interface LinkRow {
  localId: string;
  remoteId: string;
  hash: string;
  groupKey: string;
  detail: string | null;
}

const CHUNK = 500;

/** Links of `entity` whose local id is one of `localIds`, by local id. */
export async function linksByLocalId(db: Db, shop: string, entity: string, localIds: string[]) {
  const found = new Map<string, LinkRow>();
  for (let i = 0; i < localIds.length; i += CHUNK) {
    const rows = await db.externalLink.findMany({
      where: { shop, entity, localId: { in: localIds.slice(i, i + CHUNK) } },
      select: { localId: true, remoteId: true, hash: true, groupKey: true, detail: true },
    });
    for (const row of rows) found.set(row.localId, row);
  }
  return found;
}

/** Links of `entity` in any of `groupKeys` (a season's products; a product's variants). */
export async function linksInGroups(db: Db, shop: string, entity: string, groupKeys: string[]): Promise<LinkRow[]> {
  const out: LinkRow[] = [];
  for (let i = 0; i < groupKeys.length; i += CHUNK) {
    out.push(
      ...(await db.externalLink.findMany({
        where: { shop, entity, groupKey: { in: groupKeys.slice(i, i + CHUNK) } },
        select: { localId: true, remoteId: true, hash: true, groupKey: true, detail: true },
        orderBy: { localId: "asc" },
      })),
    );
  }
  return out;
}

export interface LinkWrite {
  entity: string;
  localId: string;
  remoteId: string;
  hash?: string;
  groupKey?: string;
  detail?: string | null;
}

/** Saves links in one transaction (a product and its variants land together). */
export async function saveLinks(db: Db, shop: string, links: LinkWrite[]): Promise<void> {
  if (links.length === 0) return;
  await db.$transaction(
    links.map((l) => {
      const fields = {
        remoteId: l.remoteId,
        ...(l.hash === undefined ? {} : { hash: l.hash }),
        ...(l.groupKey === undefined ? {} : { groupKey: l.groupKey }),
        ...(l.detail === undefined ? {} : { detail: l.detail }),
      };
      return db.externalLink.upsert({
        where: { shop_entity_localId: { shop, entity: l.entity, localId: l.localId } },
        create: { shop, entity: l.entity, localId: l.localId, ...fields },
        update: fields,
      });
    }),
  );
}
