// A place product photos come from (an SFTP folder, the ERP's own photo call). The image sync lists
// what is there, takes only what is new or changed since it last looked, and streams each file to
// Shopify: a source never hands over a whole folder at once.
import type { Readable } from "node:stream";
import type { Message } from "../i18n/stored-words";

export interface SourceImage {
  /** The file's name in the source, unique there ("BOXE20_BLUE_1.jpg"). */
  name: string;
  /** The product it belongs to, as the catalog source keys products, when the name says it. */
  productKey?: string;
  /** The colour it shows (its first image goes on that colour's variants), when the name says it. */
  optionValue?: string;
  /** Its position among the product's images, 1-based. */
  position: number;
  size: number;
  modifiedAt: Date;
  /** SHA-256 (hex) of the bytes, when the source knows it at listing (a source without file times):
   *  the sync then compares it instead of size and time. */
  contentHash?: string;
}

export interface ImageSource {
  /** Every image there is, one at a time; files whose names match no rule come as `unmatched`, with why
   *  (with its words, so the run's skipped rows read it in the admin's language). */
  list(onImage: (image: SourceImage) => void, onUnmatched: (name: string, reason: Message) => void): Promise<void>;
  /** The file's bytes as a stream, read while they are uploaded. */
  open(image: SourceImage): Promise<Readable>;
  /** Which product (and colour) a Shopify variant's SKU belongs to, read the way this source names
   *  products; null when the SKU says nothing it knows. The sync matches images to variants with it. */
  productKeyOfSku(sku: string): { productKey: string; optionValue?: string } | null;
  /** Closes what `list`/`open` opened (a connection); safe to call twice. */
  close(): Promise<void>;
}
