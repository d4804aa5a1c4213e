// Promotions as the merchant handles them: preview (which variants, at what price), create (refused
// when it overlaps a promotion already holding some of its variants), list, detail, end now, and the
// shop's rounding rule. Starting and ending are jobs (jobs.server.ts → run.server.ts).
import { z } from "zod";
import type { Db } from "../db.server";
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { said, sayIn, storedText } from "../i18n/stored-words";
import { enqueue } from "../jobs/queue.server";
import { NotFoundError, ValidationError } from "../lib/errors";
import { mapPage, pageSize, timeKeysetPage, type Page, type PageRequest } from "../lib/keyset.server";
import type { ShopifyAdminClient } from "../shopify/admin-client.server";
import { collectionProducts, variantsOfProducts, type ProductVariantsOptions } from "../shopify/promotions.server";
import { localToInstant } from "./local-time";
import {
  LIVE_STATES,
  PREVIEW_LIMIT,
  type Overlap,
  type PromotionMode,
  type PromotionPreview,
  type PromotionState,
  type PromotionSummary,
  type PromotionVariantView,
} from "./model";
import { promoCompareAt, promoPrice, ROUNDING_RULES, type RoundingRule } from "./pricing";

export const PROMOTION_JOB = "promotions.run";

export interface PromotionDeps {
  db: Db;
  shop: string;
  timeZone: string;
  now: () => Date;
  client: () => Promise<ShopifyAdminClient>;
  readOptions?: ProductVariantsOptions;
  /** The language of the refusals the merchant reads (the screen's); English for the API and jobs. */
  locale?: Locale;
}

/** Why a promotion is refused, in the admin's language (the promotion form shows them by its fields). */
export const PROMOTION_FORM_WORDS = defineWords({
  en: {
    ids: (type: string) => `must be ${type} ids (gid://shopify/${type}/123 or 123)`,
    giveName: "Give the promotion a name",
    nameTooLong: "at most 120 characters",
    number: "must be a number",
    moreThan0: "must be more than 0",
    atMost95: "must be at most 95",
    mode: "must be price or discount",
    tag: "letters, digits, - and _ only (at most 40)",
    boolean: "must be true or false",
    notADate: (field: string) => `"${field}" is not a date and time.`,
    localTime: "use the shop's local time, e.g. 2026-03-29T09:00 (or an ISO time with its offset)",
    unknownFields: (keys: string) => `unknown fields: ${keys}`,
    invalid: "The promotion has invalid fields.",
    pickSomething: "Pick at least one product or collection.",
    pickSomethingField: "pick at least one product or collection",
    followNeedsCollections: "Only a promotion on collections can include products added to them later.",
    pickCollection: "pick at least one collection",
    followDiscount: "A discount on products and collections cannot include products added to the collections later.",
    onlyCollections: "pick only collections, or leave this off",
    endAfterStart: "The promotion must end after it starts.",
    afterStart: "must be after the start",
    endInPast: "The end is in the past.",
    inFuture: "must be in the future",
    unknownIds: (ids: string) => `unknown: ${ids}`,
    covers: (name: string, tag: string, n: number, names: string, more: number) =>
      `"${name}" (${tag}) already covers ${n} of these variants: ${names}${more > 0 ? ` and ${more} more` : ""}`,
    overlaps: (overlaps: string) => `This promotion overlaps others: ${overlaps}.`,
    tagTaken: (tag: string, name: string) => `The tag ${tag} is already used by "${name}".`,
    tagTakenField: "already used by a promotion that has not ended; choose another",
  },
  fr: {
    ids: (type: string) => `doit contenir des identifiants ${type} (gid://shopify/${type}/123 ou 123)`,
    giveName: "Donnez un nom à la promotion",
    nameTooLong: "120 caractères au plus",
    number: "doit être un nombre",
    moreThan0: "doit être supérieur à 0",
    atMost95: "doit être au plus 95",
    mode: "doit être price ou discount",
    tag: "lettres, chiffres, - et _ uniquement (40 au plus)",
    boolean: "doit être vrai ou faux",
    notADate: (field: string) => `« ${field} » n'est pas une date et une heure.`,
    localTime: "utilisez l'heure locale de la boutique, par ex. 2026-03-29T09:00 (ou une heure ISO avec son décalage)",
    unknownFields: (keys: string) => `champs inconnus : ${keys}`,
    invalid: "La promotion a des champs invalides.",
    pickSomething: "Choisissez au moins un produit ou une collection.",
    pickSomethingField: "choisissez au moins un produit ou une collection",
    followNeedsCollections:
      "Seule une promotion sur des collections peut inclure les produits qui y sont ajoutés plus tard.",
    pickCollection: "choisissez au moins une collection",
    followDiscount:
      "Une réduction sur des produits et des collections ne peut pas inclure les produits ajoutés plus tard aux collections.",
    onlyCollections: "choisissez uniquement des collections, ou laissez cette option désactivée",
    endAfterStart: "La promotion doit se terminer après son début.",
    afterStart: "doit être après le début",
    endInPast: "La fin est dans le passé.",
    inFuture: "doit être dans le futur",
    unknownIds: (ids: string) => `inconnues : ${ids}`,
    covers: (name: string, tag: string, n: number, names: string, more: number) =>
      `« ${name} » (${tag}) couvre déjà ${n} de ces variantes : ${names}${more > 0 ? ` et ${more} de plus` : ""}`,
    overlaps: (overlaps: string) => `Cette promotion en chevauche d'autres : ${overlaps}.`,
    tagTaken: (tag: string, name: string) => `Le tag ${tag} est déjà utilisé par « ${name} ».`,
    tagTakenField: "déjà utilisé par une promotion qui n'est pas terminée ; choisissez-en un autre",
  },
});

type FormWords = (typeof PROMOTION_FORM_WORDS)["en"];

const gidOf = (type: string) => (value: string) => {
  const text = value.trim();
  if (/^\d+$/.test(text)) return `gid://shopify/${type}/${text}`;
  return text;
};

const idList = (type: string, w: FormWords) =>
  z
    .array(z.union([z.string(), z.number()]).transform((v) => gidOf(type)(String(v))))
    .max(10_000)
    .default([])
    .refine((ids) => ids.every((id) => new RegExp(`^gid://shopify/${type}/\\d+$`).test(id)), {
      message: w.ids(type),
    });

const inputSchema = (w: FormWords) => {
  // English keeps zod's own wording for these two (the JSON API has always answered with it).
  const own = w !== PROMOTION_FORM_WORDS.en;
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(1, w.giveName)
        .max(120, own ? w.nameTooLong : undefined),
      percentage: z.coerce.number({ invalid_type_error: w.number }).gt(0, w.moreThan0).max(95, w.atMost95),
      mode: z.enum(["price", "discount"], own ? { message: w.mode } : undefined).default("price"),
      tag: z
        .string()
        .trim()
        .regex(/^[a-zA-Z0-9_-]{1,40}$/, w.tag)
        .optional(),
      productIds: idList("Product", w),
      collectionIds: idList("Collection", w),
      followCollections: z.boolean({ invalid_type_error: w.boolean }).default(false),
      startsAt: z.string().trim().nullish(),
      endsAt: z.string().trim().nullish(),
    })
    .strict();
};

export type PromotionInput = z.input<ReturnType<typeof inputSchema>>;

export interface NormalisedInput {
  name: string;
  percentage: number;
  mode: PromotionMode;
  tag: string;
  productIds: string[];
  collectionIds: string[];
  /** Products added to its collections while it runs are included (and removed ones restored) hourly. */
  followCollections: boolean;
  startsAt: Date;
  endsAt: Date | null;
}

function whenOf(text: string | null | undefined, timeZone: string, field: string, w: FormWords): Date | null {
  if (!text) return null;
  const local = localToInstant(text, timeZone);
  if (local) return local;
  // An ISO instant with its offset or Z is taken as it is.
  if (/(?:Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text);
  throw new ValidationError(w.notADate(field), { [field]: w.localTime });
}

export function normaliseInput(raw: unknown, timeZone: string, now: Date, locale: Locale = "en"): NormalisedInput {
  const w = PROMOTION_FORM_WORDS[locale];
  const parsed = inputSchema(w).safeParse(raw ?? {});
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] ? String(issue.path[0]) : "body";
      fieldErrors[key] ??= issue.code === "unrecognized_keys" ? w.unknownFields(issue.keys.join(", ")) : issue.message;
    }
    throw new ValidationError(w.invalid, fieldErrors);
  }
  const input = parsed.data;
  const productIds = [...new Set(input.productIds)];
  const collectionIds = [...new Set(input.collectionIds)];
  if (productIds.length + collectionIds.length === 0)
    throw new ValidationError(w.pickSomething, { productIds: w.pickSomethingField });
  if (input.followCollections && collectionIds.length === 0)
    throw new ValidationError(w.followNeedsCollections, { followCollections: w.pickCollection });
  // Shopify's discount takes collections or products: with both it lists the products, so products
  // added to the collections later would carry the tag without the discount.
  if (input.followCollections && input.mode === "discount" && productIds.length)
    throw new ValidationError(w.followDiscount, { followCollections: w.onlyCollections });
  const startsAt = whenOf(input.startsAt, timeZone, "startsAt", w) ?? now;
  const endsAt = whenOf(input.endsAt, timeZone, "endsAt", w);
  if (endsAt && endsAt <= startsAt) throw new ValidationError(w.endAfterStart, { endsAt: w.afterStart });
  if (endsAt && endsAt <= now) throw new ValidationError(w.endInPast, { endsAt: w.inFuture });
  const percentage = Math.round(input.percentage * 100) / 100;
  return {
    name: input.name,
    percentage,
    mode: input.mode,
    tag: input.tag ?? `promo-${String(percentage).replace(".", "-")}`,
    productIds,
    collectionIds,
    followCollections: input.followCollections,
    startsAt: startsAt < now ? now : startsAt,
    endsAt,
  };
}

/** The products a promotion covers: those picked and those of its collections, now. */
export async function resolveTargets(
  client: ShopifyAdminClient,
  productIds: string[],
  collectionIds: string[],
  locale: Locale = "en",
) {
  const products = new Set(productIds);
  const collections: { id: string; title: string; products: number }[] = [];
  const missing: string[] = [];
  for (const id of collectionIds) {
    const found = await collectionProducts(client, id);
    if (!found) {
      missing.push(id);
      continue;
    }
    collections.push({ id, title: found.title, products: found.productIds.length });
    for (const p of found.productIds) products.add(p);
  }
  if (missing.length) {
    // Said with its words: a start that fails on it stores them (the promotion's error, the run's failure).
    const message = said("promotions.noCollection", { ids: missing.join(", ") });
    throw new ValidationError(locale === "en" ? message : sayIn(message, locale), {
      collectionIds: PROMOTION_FORM_WORDS[locale].unknownIds(missing.join(", ")),
    });
  }
  return { products, collections };
}

export async function roundingOf(db: Db, shop: string): Promise<RoundingRule> {
  const row = await db.promotionSettings.findUnique({ where: { shop } });
  return (ROUNDING_RULES as readonly string[]).includes(row?.rounding ?? "") ? (row!.rounding as RoundingRule) : "cent";
}

export async function setRounding(db: Db, shop: string, rounding: unknown): Promise<RoundingRule> {
  if (!(ROUNDING_RULES as readonly unknown[]).includes(rounding))
    throw new ValidationError("Unknown rounding rule.", { rounding: `one of ${ROUNDING_RULES.join(", ")}` });
  await db.promotionSettings.upsert({
    where: { shop },
    create: { shop, rounding: rounding as string },
    update: { rounding: rounding as string },
  });
  return rounding as RoundingRule;
}

export const overlapsInTime = (
  a: { startsAt: Date; endsAt: Date | null },
  b: { startsAt: Date; endsAt: Date | null },
) => (a.endsAt === null || b.startsAt < a.endsAt) && (b.endsAt === null || a.startsAt < b.endsAt);

/** The live promotions (running or to come in the same window) that cover some of these products. */
async function overlapsWith(
  db: Db,
  shop: string,
  window: { startsAt: Date; endsAt: Date | null },
  variants: { id: string; sku: string | null; product: { id: string } }[],
  excludeId?: string,
): Promise<Overlap[]> {
  const others = await db.promotion.findMany({
    where: { shop, state: { in: LIVE_STATES }, ...(excludeId ? { id: { not: excludeId } } : {}) },
  });
  const overlaps: Overlap[] = [];
  for (const other of others) {
    if (!overlapsInTime(window, other)) continue;
    const theirs = new Set<string>(JSON.parse(other.targetProductIdsJson) as string[]);
    const held = await db.promotionVariant.findMany({
      where: { promotionId: other.id, status: { in: ["pending", "applied"] } },
      select: { productId: true },
    });
    for (const h of held) theirs.add(h.productId);
    const shared = variants.filter((v) => theirs.has(v.product.id));
    if (shared.length)
      overlaps.push({
        promotionId: other.id,
        name: other.name,
        tag: other.tag,
        variants: shared.map((v) => ({ variantId: v.id, sku: v.sku })),
      });
  }
  return overlaps;
}

export function describeOverlaps(overlaps: Overlap[], locale: Locale = "en"): string {
  return overlaps
    .map((o) => {
      const names = o.variants.slice(0, 10).map((v) => v.sku ?? v.variantId);
      return PROMOTION_FORM_WORDS[locale].covers(
        o.name,
        o.tag,
        o.variants.length,
        names.join(", "),
        o.variants.length - 10,
      );
    })
    .join(locale === "fr" ? " ; " : "; ");
}

/** What the promotion would do, written nowhere. */
export async function previewPromotion(
  deps: PromotionDeps,
  raw: unknown,
): Promise<{ input: NormalisedInput; rounding: RoundingRule; preview: PromotionPreview; productIds: string[] }> {
  const input = normaliseInput(raw, deps.timeZone, deps.now(), deps.locale);
  const client = await deps.client();
  const rounding = await roundingOf(deps.db, deps.shop);
  const { products, collections } = await resolveTargets(client, input.productIds, input.collectionIds, deps.locale);
  const variants = await variantsOfProducts(client, products, deps.readOptions);
  const overlaps = await overlapsWith(deps.db, deps.shop, input, variants);
  const sample = variants.slice(0, PREVIEW_LIMIT).map((v) => ({
    variantId: v.id,
    productId: v.product.id,
    sku: v.sku,
    price: v.price,
    compareAtPrice: v.compareAtPrice,
    // Discount mode leaves prices as they are: Shopify takes the percentage off at checkout.
    newPrice: input.mode === "price" ? promoPrice(v.price, input.percentage, rounding) : v.price,
    newCompareAt: input.mode === "price" ? promoCompareAt(v.price, v.compareAtPrice) : v.compareAtPrice,
  }));
  return {
    input,
    rounding,
    productIds: [...products],
    preview: {
      products: products.size,
      variants: variants.length,
      collections,
      sample,
      overlaps,
      startsAt: input.startsAt.toISOString(),
      endsAt: input.endsAt?.toISOString() ?? null,
    },
  };
}

/** Creates the promotion and queues its start (and its end, when it has one). */
export async function createPromotion(
  deps: PromotionDeps,
  raw: unknown,
): Promise<{ promotion: PromotionSummary; preview: PromotionPreview }> {
  const { input, rounding, preview, productIds } = await previewPromotion(deps, raw);
  const w = PROMOTION_FORM_WORDS[deps.locale ?? "en"];
  if (preview.overlaps.length)
    throw new ValidationError(w.overlaps(describeOverlaps(preview.overlaps, deps.locale)), {
      productIds: describeOverlaps(preview.overlaps, deps.locale),
    });
  const taken = await deps.db.promotion.findFirst({
    where: { shop: deps.shop, tag: input.tag, state: { in: LIVE_STATES } },
  });
  if (taken) throw new ValidationError(w.tagTaken(input.tag, taken.name), { tag: w.tagTakenField });
  const row = await deps.db.promotion.create({
    data: {
      shop: deps.shop,
      name: input.name,
      tag: input.tag,
      percentage: input.percentage,
      mode: input.mode,
      rounding,
      productIdsJson: JSON.stringify(input.productIds),
      collectionIdsJson: JSON.stringify(input.collectionIds),
      followCollections: input.followCollections,
      targetProductIdsJson: JSON.stringify(productIds),
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      state: "scheduled",
      productsCount: preview.products,
      variantsCount: preview.variants,
    },
  });
  await scheduleRuns(deps.db, row);
  return { promotion: summaryOf(row), preview };
}

/** Queues the start at its time and the end at its time; both are idempotent (dedupe keys). */
async function scheduleRuns(db: Db, row: { id: string; shop: string; startsAt: Date; endsAt: Date | null }) {
  await enqueue(db, {
    shop: row.shop,
    type: PROMOTION_JOB,
    trigger: "schedule",
    params: { promotionId: row.id, action: "start" },
    runAfter: row.startsAt,
    dedupeKey: `promotion:${row.id}:start`,
  });
  if (row.endsAt)
    await enqueue(db, {
      shop: row.shop,
      type: PROMOTION_JOB,
      trigger: "schedule",
      params: { promotionId: row.id, action: "end" },
      runAfter: row.endsAt,
      dedupeKey: `promotion:${row.id}:end`,
    });
}

type PromotionRow = NonNullable<Awaited<ReturnType<Db["promotion"]["findFirst"]>>>;

/** A promotion as screens and the API show it; its error said again in `locale` when stored with words. */
export function summaryOf(row: PromotionRow, locale: Locale = "en"): PromotionSummary {
  return {
    id: row.id,
    name: row.name,
    tag: row.tag,
    percentage: row.percentage,
    mode: row.mode as PromotionMode,
    rounding: row.rounding as RoundingRule,
    state: row.state as PromotionState,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
    products: row.productsCount,
    variants: row.variantsCount,
    restored: row.restoredCount,
    changed: row.changedCount,
    error: row.error === null ? null : storedText(row.error, row.errorWords, locale),
    discountId: row.discountId,
    followCollections: row.followCollections,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listPromotions(
  db: Db,
  shop: string,
  limit = 100,
  locale: Locale = "en",
): Promise<PromotionSummary[]> {
  const rows = await db.promotion.findMany({ where: { shop }, orderBy: { createdAt: "desc" }, take: limit });
  return rows.map((row) => summaryOf(row, locale));
}

/** The shop's promotions, newest first, paged by keyset on (createdAt, id), with their total. */
export async function pagePromotions(
  db: Db,
  shop: string,
  request: PageRequest = {},
  locale: Locale = "en",
): Promise<Page<PromotionSummary>> {
  const where = { shop };
  const page = await timeKeysetPage<PromotionRow>({
    column: "createdAt",
    order: "desc",
    request,
    limit: pageSize(request.limit, 100, 250),
    timeOf: (row) => row.createdAt,
    rows: ({ position, orderBy, take }) =>
      db.promotion.findMany({ where: position ? { AND: [where, position] } : where, orderBy, take }),
    count: () => db.promotion.count({ where }),
  });
  return mapPage(page, (row) => summaryOf(row, locale));
}

export async function promotionDetail(
  db: Db,
  shop: string,
  id: string,
  variantLimit = 500,
  locale: Locale = "en",
): Promise<PromotionSummary & { productIds: string[]; collectionIds: string[]; items: PromotionVariantView[] }> {
  const row = await db.promotion.findFirst({ where: { shop, id } });
  if (!row) throw new NotFoundError("No such promotion.");
  const items = await db.promotionVariant.findMany({
    where: { promotionId: id },
    orderBy: [{ productId: "asc" }, { variantId: "asc" }],
    take: variantLimit,
  });
  return {
    ...summaryOf(row, locale),
    productIds: JSON.parse(row.productIdsJson) as string[],
    collectionIds: JSON.parse(row.collectionIdsJson) as string[],
    items: items.map((v) => ({
      variantId: v.variantId,
      productId: v.productId,
      sku: v.sku,
      originalPrice: v.originalPrice,
      originalCompareAt: v.originalCompareAt,
      promoPrice: v.promoPrice,
      promoCompareAt: v.promoCompareAt,
      status: v.status,
    })),
  };
}

/** End now: the promotion goes to "ending" and its end runs at once (a no-op once ended). */
export async function endPromotionNow(
  db: Db,
  shop: string,
  id: string,
  now: Date,
): Promise<{ promotion: PromotionSummary; jobId: string | null }> {
  const row = await db.promotion.findFirst({ where: { shop, id } });
  if (!row) throw new NotFoundError("No such promotion.");
  if (row.state === "ended") return { promotion: summaryOf(row), jobId: null };
  const updated = await db.promotion.update({ where: { id }, data: { state: "ending" } });
  const { job } = await enqueue(db, {
    shop,
    type: PROMOTION_JOB,
    trigger: "manual",
    params: { promotionId: id, action: "end" },
    runAfter: now,
    // One per request: an end that failed can be asked again (ends run one at a time and are idempotent).
    dedupeKey: `promotion:${id}:end-now:${now.getTime()}`,
  });
  return { promotion: summaryOf(updated), jobId: job.id };
}

/** The seed's `/promo/:tag`: ends the promotion with this tag that has not ended yet. */
export async function endPromotionByTag(db: Db, shop: string, tag: string, now: Date) {
  const row = await db.promotion.findFirst({
    where: { shop, tag, state: { in: LIVE_STATES } },
    orderBy: { createdAt: "desc" },
  });
  if (!row) throw new NotFoundError(`No running or scheduled promotion has the tag ${tag}.`);
  return endPromotionNow(db, shop, row.id, now);
}
