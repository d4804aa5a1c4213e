// The SFTP folder as an image source: its listing read once per run (names, sizes, times), names read
// with the shop's pattern, and each file streamed from the server while it is uploaded.
import type { Readable } from "node:stream";
import type { ImageSource, SourceImage } from "../../capabilities/image-source";
import { said } from "../../i18n/stored-words";
import type { SftpFolder } from "./client.server";
import { compilePattern, readFileName, readSku, type NamePattern } from "./file-names";
import type { SftpSettings } from "./settings.server";

export function sftpImageSource(folder: SftpFolder, settings: SftpSettings): ImageSource {
  const files = compilePattern(settings.filePattern, ["REF"], true) as NamePattern;
  const skus = compilePattern(settings.skuPattern, ["REF"]) as NamePattern;
  const pathOf = (name: string) => `${settings.folder.replace(/\/+$/, "")}/${name}`;
  return {
    async list(onImage, onUnmatched) {
      for (const file of await folder.list(settings.folder)) {
        const parts = readFileName(files, file.name);
        if (!parts) {
          onUnmatched(file.name, said("images.nameNotPattern", { pattern: settings.filePattern }));
          continue;
        }
        onImage({
          name: file.name,
          productKey: parts.ref,
          optionValue: parts.color,
          position: parts.position,
          size: file.size,
          modifiedAt: file.modifiedAt,
        });
      }
    },
    open: async (image: SourceImage): Promise<Readable> => folder.read(pathOf(image.name)),
    productKeyOfSku(sku) {
      const parts = readSku(skus, sku);
      return parts ? { productKey: parts.ref, optionValue: parts.color } : null;
    },
    close: () => folder.close(),
  };
}
