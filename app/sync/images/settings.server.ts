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

/** The choice and the systems to choose from: `{ imageSource, imageSources: [{ id, name }] }`. */
export async function imageSourceSettings(db: Db, shop: string) {
  return { imageSource: await chosenImageSource(db, shop), imageSources: imageSourceOptions() };
}

/** Saves `{ imageSource: <an image source connector id> | null }` (null: the one set up); anything else is refused, nothing saved. */
export async function saveImageSourceSettings(db: Db, shop: string, input: Record<string, unknown>) {
  const unknown = Object.keys(input).filter((key) => key !== "imageSource");
  if (unknown.length)
    throw new ValidationError(
      'The body takes "imageSource".',
      Object.fromEntries(unknown.map((key) => [key, "not a field of this request"])),
    );
  const value = input.imageSource;
  if (value !== null && typeof value !== "string")
    throw new ValidationError('"imageSource" must be the id of a system giving photos, or null.', {
      imageSource: `Choose one of ${imageSourceOptions()
        .map((o) => o.id)
        .join(", ")}, or null.`,
    });
  await chooseImageSource(db, shop, value === null || value.trim() === "" ? null : value.trim());
  return imageSourceSettings(db, shop);
}
