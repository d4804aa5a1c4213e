// The catalog's own settings, set on the Catalog screen and with PUT /api/catalog/settings: whether the
// season import (scheduled or on demand) archives in Shopify the products whose every variant left their
// season, or only reports them. Kept with the other catalog settings (CatalogPublishSettings).
import type { Db } from "../../db.server";
import { ValidationError } from "../../lib/errors";

export interface CatalogSettings {
  archiveGone: boolean;
}

export async function catalogSettings(db: Db, shop: string): Promise<CatalogSettings> {
  const row = await db.catalogPublishSettings.findUnique({ where: { shop }, select: { archiveGone: true } });
  return { archiveGone: row?.archiveGone ?? false };
}

/** Saves `{ archiveGone: boolean }`; anything else is refused with the field's reason, nothing saved. */
export async function saveCatalogSettings(db: Db, shop: string, input: unknown): Promise<CatalogSettings> {
  const body = (input ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(body).filter((key) => key !== "archiveGone");
  if (unknown.length)
    throw new ValidationError(
      'The body takes "archiveGone".',
      Object.fromEntries(unknown.map((key) => [key, "not a field of this request"])),
    );
  if (typeof body.archiveGone !== "boolean")
    throw new ValidationError('"archiveGone" must be true or false.', { archiveGone: "true or false" });
  const archiveGone = body.archiveGone;
  await db.catalogPublishSettings.upsert({ where: { shop }, create: { shop, archiveGone }, update: { archiveGone } });
  return { archiveGone };
}
