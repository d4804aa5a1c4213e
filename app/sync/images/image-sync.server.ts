// The image sync: the shop's image source's files, only those new or changed since the last run (name,
// size, modification time, then SHA-256 of the bytes), streamed one at a time to Shopify and attached
// to the product whose variants' SKUs name it, in their order; a colour's first photo goes on that
// colour's variants; a replaced file replaces the product's media. Files matching no product are listed.
// The Unmatched decisions hold (docs/decisions/0022-unmatched-decisions.md): a variant carrying a Shopify
// SKU linked to a source SKU counts as that source SKU's (it gets that reference's and colour's photos);
// a file whose reference (or colour) has only ignored SKUs is left alone and not reported.
// Each media carries its file version's key at the end of its alt text, and the product's media are
// looked at before creating one: a run stopped (SIGKILL, shutdown) between Shopify creating a media and
// our record of it takes that media on the next run instead of attaching the photo twice.
import { createHash } from "node:crypto";
import type { ImageSource, SourceImage } from "../../capabilities/image-source";
import type { Db } from "../../db.server";
import { isTransient, merchantMessageOf } from "../../lib/errors";
import type { ShopifyAdminClient } from "../../shopify/admin-client.server";
import {
  createProductImage,
  deleteMedia,
  productMedia,
  productsBySku,
  productsBySkuPrefix,
  setVariantsImage,
  uploadImage,
  waitForMedia,
} from "../../shopify/media.server";
import type { SyncReporter } from "../sync-context";
import { resolveSkus, skuDecisions, type SkuDecisions, type SkuResolution } from "../unmatched/decisions.server";
import { said, textOf, wordsJson, type Message, type Said } from "../../i18n/stored-words";

export interface ImageSyncDeps {
  db: Db;
  shop: string;
  /** The connector the images come from ("sftp"): the file table is kept per source. */
  sourceId: string;
  source: ImageSource;
  client: ShopifyAdminClient;
  report: SyncReporter;
  signal?: AbortSignal;
  /** How long media processing is followed (default 5 minutes). */
  mediaTimeoutMs?: number;
}

export interface ImageSyncResult {
  listed: number;
  attached: number;
  replaced: number;
  unchanged: number;
  failed: number;
  unmatched: number;
  /** Files whose reference (or colour) has only SKUs the merchant ignored: left alone, not reported. */
  ignored: number;
}

interface Target {
  productId: string;
  variants: { id: string; optionValue?: string; mediaId: string | null }[];
}

/** What a product reference's files go to: the product, or why none; and which of its files are left
 *  alone because the SKUs they are for are all ignored (by the file's colour). */
type Lookup = (Target | { problem: Said }) & { ignores(optionValue: string | undefined): boolean };

/** The decisions as the image sync reads them: SKUs resolved one by one, and the decided source SKUs
 *  looked at by reference (a file names a reference, not a SKU). */
interface Decisions {
  skus: SkuResolution;
  decided: SkuDecisions;
}

export async function syncImages(deps: ImageSyncDeps): Promise<ImageSyncResult> {
  const { db, shop, sourceId, source, report } = deps;
  const result: ImageSyncResult = {
    listed: 0,
    attached: 0,
    replaced: 0,
    unchanged: 0,
    failed: 0,
    unmatched: 0,
    ignored: 0,
  };
  const decided = await skuDecisions(db, shop);
  const decisions: Decisions = { skus: resolveSkus(decided), decided };
  const images: SourceImage[] = [];
  const badNames: { name: string; reason: Message }[] = [];
  report.progress(0, null, said("images.phase.listing"));
  await source.list(
    (image) => images.push(image),
    (name, reason) => badNames.push({ name, reason }),
  );
  result.listed = images.length + badNames.length;
  report.count({ seen: result.listed });

  const known = new Map(
    (await db.catalogImageFile.findMany({ where: { shop, source: sourceId } })).map((row) => [row.name, row]),
  );
  const record = (name: string, data: Partial<RowData> & Pick<RowData, "status" | "size" | "modifiedAt">) =>
    db.catalogImageFile.upsert({
      where: { shop_source_name: { shop, source: sourceId, name } },
      create: { shop, source: sourceId, name, syncedAt: report.now(), ...data },
      update: { syncedAt: report.now(), reason: null, reasonWords: null, ...data },
    });

  for (const bad of badNames) {
    result.unmatched++;
    // The whole sentence ("Not taken: the name does not follow…"), as the run's skipped list says it.
    const notTaken = said("images.notTaken", { reason: bad.reason });
    report.skip("image", bad.name, notTaken);
    const row = known.get(bad.name);
    const reason = textOf(notTaken);
    if (row?.status !== "unmatched" || row.reason !== reason)
      await record(bad.name, {
        status: "unmatched",
        reason,
        reasonWords: wordsJson(notTaken),
        size: 0,
        modifiedAt: report.now(),
      });
  }

  // Unchanged files are left alone; files that matched no product are looked at again (it may exist now),
  // and so are files Shopify was still processing when the run stopped waiting.
  const todo = images.filter((image) => {
    const row = known.get(image.name);
    const same =
      row &&
      (image.contentHash
        ? row.sha256 === image.contentHash
        : row.size === image.size && row.modifiedAt.getTime() === image.modifiedAt.getTime());
    if (same && row.status !== "unmatched" && row.status !== "retry") {
      result.unchanged++;
      return false;
    }
    return true;
  });
  const byProduct = new Map<string, SourceImage[]>();
  for (const image of todo) {
    const key = image.productKey!;
    byProduct.set(key, [...(byProduct.get(key) ?? []), image]);
  }

  let done = 0;
  for (const [productKey, files] of byProduct) {
    await report.checkpoint();
    // A colour's photos together, in their order.
    files.sort(
      (a, b) =>
        (a.optionValue ?? "").localeCompare(b.optionValue ?? "") ||
        a.position - b.position ||
        a.name.localeCompare(b.name),
    );
    const target = await findProduct(deps, decisions, productKey);
    // A file for ignored SKUs only: left alone and not reported; one listed before as matching nothing
    // is no longer listed (an Undo brings it back at the next run: it is not recorded).
    const group: SourceImage[] = [];
    for (const image of files) {
      if (!target.ignores(image.optionValue)) {
        group.push(image);
        continue;
      }
      result.ignored++;
      done++;
      const row = known.get(image.name);
      if (row && row.status !== "attached")
        await db.catalogImageFile.deleteMany({ where: { shop, source: sourceId, name: image.name } });
    }
    if ("problem" in target) {
      for (const image of group) {
        result.unmatched++;
        report.skip("image", image.name, target.problem);
        await record(image.name, {
          status: "unmatched",
          reason: target.problem.text,
          reasonWords: wordsJson(target.problem),
          size: image.size,
          reference: image.productKey ?? null,
          modifiedAt: image.modifiedAt,
        });
      }
      done += group.length;
      continue;
    }
    const created: { image: SourceImage; mediaId: string; sha256: string; previous: string | null }[] = [];
    // The product's media as Shopify has them, read once, before the group's first media is created.
    let present: { ids: Set<string>; byKey: Map<string, string> } | null = null;
    for (const image of group) {
      await report.checkpoint();
      const row = known.get(image.name);
      try {
        const bytes = await source.open(image);
        const upload = await uploadImage(deps.client, { name: image.name, size: image.size, bytes }, deps.signal);
        if (row?.status === "attached" && row.sha256 === upload.sha256 && row.productId === target.productId) {
          // Touched but not changed: the media Shopify has is this file already.
          result.unchanged++;
          await record(image.name, {
            status: "attached",
            size: image.size,
            reference: image.productKey ?? null,
            modifiedAt: image.modifiedAt,
          });
          continue;
        }
        const key = fileKeyOf(image.name, upload.sha256);
        present ??= mediaByKey(await productMedia(deps.client, target.productId));
        // Created by a run that stopped before recording it: taken as it is, not created again.
        const mediaId =
          present.byKey.get(key) ??
          (await createProductImage(deps.client, target.productId, upload.resourceUrl, altOf(image, key)));
        const recorded = row?.status === "attached" && row.productId === target.productId ? row.mediaId : null;
        // The media this one replaces, unless a stopped run already deleted it.
        const previous = recorded && recorded !== mediaId && present.ids.has(recorded) ? recorded : null;
        created.push({ image, mediaId, sha256: upload.sha256, previous });
      } catch (error) {
        // A connection or Shopify hiccup: the run is retried, and what was done is kept.
        if (isTransient(error)) throw error;
        result.failed++;
        report.count({ failed: 1 });
        // What the merchant reads: our words for the failure, never a library's text.
        const why = merchantMessageOf(error) ?? said("app.couldNotProcess");
        report.skip("image", image.name, said("images.notSent", { message: why }));
        await record(image.name, {
          status: "failed",
          reason: textOf(why),
          reasonWords: wordsJson(why),
          size: image.size,
          reference: image.productKey ?? null,
          modifiedAt: image.modifiedAt,
        });
      }
    }
    const outcomes = await waitForMedia(
      deps.client,
      created.map((c) => c.mediaId),
      { timeoutMs: deps.mediaTimeoutMs },
    );
    const firstOfColour = new Set<string>();
    for (const entry of created) {
      const outcome = outcomes.get(entry.mediaId)!;
      const { image } = entry;
      if (outcome.status === "FAILED") {
        result.failed++;
        report.count({ failed: 1 });
        // Said in the admin's language, Shopify's own words quoted (the row keeps the sentence's words).
        const unusable = outcome.reason;
        report.skip("image", image.name, unusable);
        await deleteMedia(deps.client, [entry.mediaId]).catch(() => undefined);
        await record(image.name, {
          // A file Shopify may take on another try is sent again next run, though it did not change.
          status: outcome.again ? "retry" : "failed",
          reason: textOf(unusable),
          reasonWords: wordsJson(unusable),
          size: image.size,
          reference: image.productKey ?? null,
          modifiedAt: image.modifiedAt,
          sha256: entry.sha256,
          productId: target.productId,
          mediaId: null,
        });
        continue;
      }
      if (entry.previous) {
        await deleteMedia(deps.client, [entry.previous]);
        for (const v of target.variants) if (v.mediaId === entry.previous) v.mediaId = null;
        result.replaced++;
      } else result.attached++;
      report.count({ changed: 1 });
      report.change("image", image.name, "media", entry.previous, entry.mediaId);
      if (image.optionValue && image.position === 1 && !firstOfColour.has(image.optionValue.toLowerCase())) {
        firstOfColour.add(image.optionValue.toLowerCase());
        const colour = image.optionValue.toLowerCase();
        const variants = target.variants.filter((v) => v.optionValue?.toLowerCase() === colour);
        if (variants.length) {
          await setVariantsImage(deps.client, target.productId, variants, entry.mediaId);
          for (const v of variants) v.mediaId = entry.mediaId;
        }
      }
      await record(image.name, {
        status: "attached",
        size: image.size,
        reference: image.productKey ?? null,
        modifiedAt: image.modifiedAt,
        sha256: entry.sha256,
        productId: target.productId,
        mediaId: entry.mediaId,
      });
    }
    done += group.length;
    report.progress(done, todo.length, said("images.phase.sending"));
  }
  return result;
}

interface RowData {
  status: string;
  reason: string | null;
  reasonWords: string | null;
  /** The product reference the file's name gives (the Catalog screen shows it with a problem). */
  reference: string | null;
  size: number;
  modifiedAt: Date;
  sha256: string | null;
  productId: string | null;
  mediaId: string | null;
}

/** What identifies one version of a file (its name and bytes) among a product's media: 12 hex digits. */
const fileKeyOf = (name: string, sha256: string) =>
  createHash("sha256").update(`${name}\n${sha256}`).digest("hex").slice(0, 12);

/** "BOXE20 BLUE 2 · 1a2b3c4d5e6f": the reference, colour and position, then the file version's key. */
const altOf = (image: SourceImage, key: string) =>
  `${[image.productKey, image.optionValue, image.position > 1 ? String(image.position) : ""].filter(Boolean).join(" ")} · ${key}`;

function mediaByKey(media: { id: string; alt: string | null }[]) {
  const byKey = new Map<string, string>();
  for (const m of media) {
    const key = / · ([0-9a-f]{12})$/.exec(m.alt ?? "")?.[1];
    if (key && !byKey.has(key)) byKey.set(key, m.id);
  }
  return { ids: new Set(media.map((m) => m.id)), byKey };
}

/**
 * The one Shopify product whose variants' SKUs name `productKey`, read the source's way, each variant's
 * SKU read as the source SKU it stands for: a variant whose SKU is linked to a source SKU of that
 * reference is one of its variants (found by its own SKU, which the reference does not prefix); a
 * variant whose SKU is ignored is none. A reference whose SKUs are all ignored is "ignored", and so is
 * a colour of it (`ignoredColours`) whose SKUs are all ignored.
 */
async function findProduct(deps: ImageSyncDeps, decisions: Decisions, productKey: string): Promise<Lookup> {
  const keysOf = (sku: string) => {
    const keys = deps.source.productKeyOfSku(sku);
    return keys?.productKey === productKey ? keys : null;
  };
  const colourOf = (keys: { optionValue?: string }) => keys.optionValue?.toLowerCase() ?? "";
  // The colours of the reference that have an ignored SKU ("" when a SKU names no colour).
  const ignoredColours = new Set<string>();
  for (const sku of decisions.decided.ignoredSource) {
    const keys = keysOf(sku);
    if (keys) ignoredColours.add(colourOf(keys));
  }
  const found = await productsBySkuPrefix(deps.client, productKey);
  const seen = new Set(found.flatMap((p) => p.variants.nodes.map((v) => v.sku)));
  for (const [sourceSku, shopifySku] of decisions.decided.sourceToShopify)
    if (keysOf(sourceSku) && !seen.has(shopifySku))
      for (const product of await productsBySku(deps.client, shopifySku)) {
        if (!found.some((p) => p.id === product.id)) found.push(product);
        for (const v of product.variants.nodes) seen.add(v.sku);
      }
  const products = found
    .map((product) => ({
      productId: product.id,
      variants: product.variants.nodes.flatMap((variant) => {
        if (!variant.sku) return [];
        const sourceSku = decisions.skus.sourceSkuOf(variant.sku);
        if (sourceSku === null) {
          const keys = keysOf(variant.sku);
          if (keys) ignoredColours.add(colourOf(keys));
          return [];
        }
        const keys = keysOf(sourceSku);
        return keys
          ? [{ id: variant.id, optionValue: keys.optionValue, mediaId: variant.media.nodes[0]?.id ?? null }]
          : [];
      }),
    }))
    .filter((product) => product.variants.length > 0);
  const product = products.length === 1 ? products[0]! : null;
  // A colour some variant stands for is not ignored.
  for (const v of product?.variants ?? []) ignoredColours.delete(colourOf(v));
  const ignores = (optionValue: string | undefined) => {
    const colour = optionValue?.toLowerCase();
    // With the product: only a colour whose SKUs are all ignored. Without: the reference's ignored SKUs
    // say the file is for them (a SKU naming no colour stands for the whole reference).
    if (product) return colour !== undefined && ignoredColours.has(colour);
    return ignoredColours.has("") || (colour !== undefined ? ignoredColours.has(colour) : ignoredColours.size > 0);
  };
  if (products.length === 0) return { problem: said("images.noProduct", { key: productKey }), ignores };
  if (!product) return { problem: said("images.manyProducts", { count: products.length, key: productKey }), ignores };
  return { ...product, ignores };
}
