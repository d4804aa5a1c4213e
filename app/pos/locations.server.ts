// Location mapping of a POS account: each POS location kept in step with one Shopify location, or not
// kept in step (stored too: the merchant's choice stays on the screen, and the sync leaves it out). Several
// POS locations may feed one Shopify location only when the account sums them (its sumLocations setting).
import { db as defaultDb, type Db } from "../db.server";
import { ValidationError } from "../lib/errors";
import { posAccountRow } from "./accounts.server";

export interface LocationMappingInput {
  posLocationId: string;
  posLocationName?: string;
  /** null or "" leaves the POS location out of the sync. */
  shopifyLocationId: string | null;
}

export interface LocationMappingView {
  posLocationId: string;
  posLocationName: string;
  /** null: not kept in step. */
  shopifyLocationId: string | null;
}

export async function listLocationMappings(shop: string, accountId: string, db: Db = defaultDb) {
  const row = await posAccountRow(shop, accountId, db);
  const rows = await db.posLocationMapping.findMany({ where: { accountId }, orderBy: { posLocationId: "asc" } });
  return { sumLocations: row.sumLocations, mappings: rows.map(({ accountId: _a, ...m }) => m as LocationMappingView) };
}

/** Replaces the account's location mapping (and its sum setting when given). */
export async function saveLocationMappings(
  shop: string,
  accountId: string,
  input: { mappings: LocationMappingInput[]; sumLocations?: boolean },
  db: Db = defaultDb,
) {
  const row = await posAccountRow(shop, accountId, db);
  const sum = input.sumLocations ?? row.sumLocations;
  const chosen = [...new Map(input.mappings.filter((m) => m.posLocationId).map((m) => [m.posLocationId, m])).values()];
  const kept = chosen.filter((m) => m.shopifyLocationId);
  const seen = new Map<string, string>();
  for (const m of kept) {
    const other = seen.get(m.shopifyLocationId!);
    if (other && !sum)
      throw new ValidationError(
        'Two POS locations feed the same Shopify location: turn on "Add up POS locations" or map them apart.',
        { [`mappings.${m.posLocationId}`]: `Already fed by ${other}` },
      );
    seen.set(m.shopifyLocationId!, m.posLocationName || m.posLocationId);
  }
  await db.$transaction([
    db.posLocationMapping.deleteMany({ where: { accountId } }),
    ...chosen.map((m) =>
      db.posLocationMapping.create({
        data: {
          accountId,
          posLocationId: m.posLocationId,
          posLocationName: m.posLocationName ?? "",
          shopifyLocationId: m.shopifyLocationId || null,
        },
      }),
    ),
    db.posAccount.update({ where: { id: accountId }, data: { sumLocations: sum } }),
    // What was written under the old mapping no longer says what the POS holds where.
    db.posLevel.deleteMany({ where: { accountId } }),
  ]);
  return listLocationMappings(shop, accountId, db);
}
