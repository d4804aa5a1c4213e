// Fastmag's own photo call (ediphoto.ips) as an image source: for each reference and colour of the
// shop's seasons (every product when none is set), photos 1, 2, … by the colour's first barcode until
// Fastmag has no more. Fastmag gives no file times, so each photo is hashed at listing (one in memory at
// a time) and the sync sends only those whose bytes changed.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { ImageSource, SourceImage } from "../../capabilities/image-source";
import { said } from "../../i18n/stored-words";
import type { ErpProduct } from "../../domain/catalog";
import { PermanentError } from "../../lib/errors";
import type { FastmagConnector } from "./index.server";
import type { FastmagSettings } from "./settings.server";
import { parseSku } from "./sku";

/** Photos asked per colour at most. */
export const MAX_PHOTOS_PER_COLOUR = 6;

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/gif": "gif", "image/webp": "webp" };

export function fastmagImageSource(fastmag: FastmagConnector, settings: FastmagSettings): ImageSource {
  const found = new Map<string, { barcode: string; color: string; index: number }>();
  const colours = async (): Promise<Map<string, { reference: string; color: string; barcode: string }>> => {
    const products: ErpProduct[] = [];
    if (settings.seasons.length)
      for (const season of settings.seasons) products.push(...(await fastmag.catalog.productsBySeason(season)).items);
    else products.push(...(await fastmag.catalog.products()).items);
    const byColour = new Map<string, { reference: string; color: string; barcode: string }>();
    for (const p of products) {
      const key = `${p.reference}|${p.color}`;
      if (p.barcode && !byColour.has(key))
        byColour.set(key, { reference: p.reference, color: p.color, barcode: p.barcode });
    }
    return byColour;
  };
  return {
    async list(onImage) {
      for (const { reference, color, barcode } of (await colours()).values()) {
        for (let index = 1; index <= MAX_PHOTOS_PER_COLOUR; index++) {
          const photo = await fastmag.client.photo({ barcode, color, index });
          if (!photo) break;
          const name = `${reference}_${color}_${index}.${EXTENSIONS[photo.contentType] ?? "jpg"}`;
          found.set(name, { barcode, color, index });
          const image: SourceImage = {
            name,
            productKey: reference,
            optionValue: color,
            position: index,
            size: photo.bytes.length,
            modifiedAt: new Date(0),
            contentHash: createHash("sha256").update(photo.bytes).digest("hex"),
          };
          onImage(image);
        }
      }
    },
    async open(image) {
      const where = found.get(image.name);
      const photo = where && (await fastmag.client.photo(where));
      if (!photo) throw new PermanentError(said("fastmag.photoGone", { name: image.name }));
      return Readable.from([Buffer.from(photo.bytes)]);
    },
    productKeyOfSku(sku) {
      const parts = parseSku(sku);
      return parts ? { productKey: parts.reference, optionValue: parts.color } : null;
    },
    close: async () => {},
  };
}
