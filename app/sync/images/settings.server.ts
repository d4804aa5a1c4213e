// Where the shop's product photos come from, when more than one system could give them.
import { connectorsOffering } from "../../connectors/registry.server";
import type { Db } from "../../db.server";
import { ValidationError } from "../../lib/errors";

export async function chosenImageSource(db: Db, shop: string): Promise<string | null> {
  return (await db.catalogPublishSettings.findUnique({ where: { shop } }))?.imageSource ?? null;
}

/** The systems that can give photos, for the settings' choice. */
export const imageSourceOptions = () => connectorsOffering("image-source").map((c) => ({ id: c.id, name: c.name }));

export async function chooseImageSource(db: Db, shop: string, connectorId: string | null): Promise<void> {
  if (connectorId !== null && !imageSourceOptions().some((o) => o.id === connectorId))
    throw new ValidationError(`"${connectorId}" cannot give product photos.`, {
      imageSource: `Choose one of ${imageSourceOptions()
        .map((o) => o.name)
        .join(", ")}.`,
    });
  await db.catalogPublishSettings.upsert({
    where: { shop },
    create: { shop, imageSource: connectorId },
    update: { imageSource: connectorId },
  });
}
