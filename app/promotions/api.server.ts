// Promotions for routes (JSON API and the Promotions screens): each call takes the shop and plain
// values, and builds what the use-cases need (the database, the shop's time zone, its Admin client).
import { db } from "../db.server";
import type { Locale } from "../i18n/locale";
import { ValidationError } from "../lib/errors";
import type { PageRequest } from "../lib/keyset.server";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { shopTimeZone } from "../shops/time-zone.server";
import {
  createPromotion,
  endPromotionByTag,
  endPromotionNow,
  pagePromotions,
  previewPromotion,
  promotionDetail,
  roundingOf,
  setRounding,
  type PromotionDeps,
} from "./promotions.server";

async function depsFor(shop: string, locale: Locale = "en"): Promise<PromotionDeps> {
  return {
    db,
    shop,
    locale,
    timeZone: await shopTimeZone(shop),
    now: () => new Date(),
    client: () => adminClientForShop(shop, { db }),
  };
}

/**
 * `POST /api/promotions` (and the seed's `/promo`): `preview: true` only previews. The screen passes
 * the admin's language for its refusals; the API answers in English.
 */
export async function createOrPreview(shop: string, body: Record<string, unknown>, locale: Locale = "en") {
  const { preview: previewOnly, ...input } = body;
  if (previewOnly !== undefined && typeof previewOnly !== "boolean")
    throw new ValidationError('"preview" must be true or false.', { preview: "must be a boolean" });
  const deps = await depsFor(shop, locale);
  if (previewOnly) {
    const { preview, rounding } = await previewPromotion(deps, input);
    return { created: false as const, preview, rounding };
  }
  return { created: true as const, ...(await createPromotion(deps, input)) };
}

/** The promotions, newest first, a page at a time (`after` / `before` cursors) with their total. */
export async function promotionsList(shop: string, locale: Locale = "en", request: PageRequest = {}) {
  const [page, timeZone, rounding] = await Promise.all([
    pagePromotions(db, shop, request, locale),
    shopTimeZone(shop),
    roundingOf(db, shop),
  ]);
  const { items: promotions, ...place } = page;
  return { promotions, ...place, timeZone, rounding };
}

export async function promotionView(shop: string, id: string, locale: Locale = "en") {
  const [promotion, timeZone] = await Promise.all([
    promotionDetail(db, shop, id, undefined, locale),
    shopTimeZone(shop),
  ]);
  return { promotion, timeZone };
}

export const endNow = (shop: string, id: string) => endPromotionNow(db, shop, id, new Date());
export const endByTag = (shop: string, tag: string) => endPromotionByTag(db, shop, tag, new Date());

export async function promotionSettings(shop: string) {
  return { rounding: await roundingOf(db, shop) };
}

export async function savePromotionSettings(shop: string, body: Record<string, unknown>) {
  const unknown = Object.keys(body).filter((k) => k !== "rounding");
  if (unknown.length)
    throw new ValidationError(
      "Only rounding can be set.",
      Object.fromEntries(unknown.map((k) => [k, "unknown field"])),
    );
  return { rounding: await setRounding(db, shop, body.rounding) };
}
