// shop/redact: what the catalog keeps for a shop outside the tables that cascade with `Shop` (link rows
// do): its season counts, its photo files and its catalog settings.
import { db } from "../../db.server";

export async function eraseCatalogData(shop: string): Promise<void> {
  await db.$transaction([
    db.catalogSeasonCount.deleteMany({ where: { shop } }),
    db.catalogImageFile.deleteMany({ where: { shop } }),
    db.catalogPublishSettings.deleteMany({ where: { shop } }),
  ]);
}
