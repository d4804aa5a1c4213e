// Category mapping: which Tuyo category, subcategory and product type (Retail 1, Food 2, Pharmacy 4) a
// Shopify product goes to, by its product type or by a collection it is in. Tuyo's list comes from
// get_categories, kept a day (TuyoCategoryList) and refreshed when older or when the merchant asks.
// A product's collection rule wins over its product-type rule (collections are the merchant's finer choice).
import { db } from "../../db.server";
import { defineWords } from "../../i18n/define";
import type { Locale } from "../../i18n/locale";
import { ValidationError } from "../../lib/errors";
import { PRODUCT_TYPES, type CategoryChoice, type TuyoCategory } from "./mapping.server";
import { refreshTuyoCategories, TuyoNotConfiguredError } from "./settings.server";

export const CATEGORY_MAX_AGE_MS = 24 * 60 * 60_000;
export type RuleKind = "productType" | "collection";

const WORDS = defineWords({
  en: {
    notRefreshed: (problem: string, date: string) =>
      `Tuyo's categories could not be refreshed (${problem}); showing the list of ${date}.`,
    notConfigured: "Tuyo is not set up for this shop yet: fill in Settings → Tuyo.",
    kind: "Use productType or collection.",
    value: "Name the product type or the collection (gid).",
    collection: "A collection is named by its id (gid://shopify/Collection/…).",
    categoryId: "Pick one of Tuyo's categories.",
    subcategoryId: (category: string) => `Pick a subcategory of ${category}.`,
    productTypeId: "Use 1 (Retail), 2 (Food) or 4 (Pharmacy).",
    notSaved: "This mapping cannot be saved.",
  },
  fr: {
    notRefreshed: (problem: string, date: string) =>
      `Les catégories de Tuyo n'ont pas pu être actualisées (« ${problem} ») ; voici la liste du ${date}.`,
    notConfigured: "Tuyo n'est pas encore configuré pour cette boutique : remplissez Paramètres → Tuyo.",
    kind: "Utilisez productType ou collection.",
    value: "Indiquez le type de produit ou la collection (gid).",
    collection: "Une collection se désigne par son identifiant (gid://shopify/Collection/…).",
    categoryId: "Choisissez une des catégories de Tuyo.",
    subcategoryId: (category: string) => `Choisissez une sous-catégorie de « ${category} ».`,
    productTypeId: "Utilisez 1 (Retail), 2 (Food) ou 4 (Pharmacy).",
    notSaved: "Cette correspondance ne peut pas être enregistrée.",
  },
});

export interface CategoryRule extends CategoryChoice {
  kind: RuleKind;
  value: string;
}

/** Tuyo's categories: the stored list while under a day old, else read again (kept if Tuyo fails). */
export async function tuyoCategories(
  shop: string,
  options: { refresh?: boolean; now?: Date; locale?: Locale } = {},
): Promise<{ categories: TuyoCategory[]; fetchedAt: Date | null; error: string | null }> {
  const stored = await db.tuyoCategoryList.findUnique({ where: { shop } });
  const now = options.now ?? new Date();
  const fresh = stored && now.getTime() - stored.fetchedAt.getTime() < CATEGORY_MAX_AGE_MS;
  if (stored && fresh && !options.refresh)
    return {
      categories: JSON.parse(stored.categoriesJson) as TuyoCategory[],
      fetchedAt: stored.fetchedAt,
      error: null,
    };
  try {
    const categories = await refreshTuyoCategories(shop);
    return { categories, fetchedAt: now, error: null };
  } catch (error) {
    const message =
      error instanceof TuyoNotConfiguredError
        ? WORDS[options.locale ?? "en"].notConfigured
        : error instanceof Error
          ? error.message
          : String(error);
    if (!stored) return { categories: [], fetchedAt: null, error: message };
    return {
      categories: JSON.parse(stored.categoriesJson) as TuyoCategory[],
      fetchedAt: stored.fetchedAt,
      error: WORDS[options.locale ?? "en"].notRefreshed(message, stored.fetchedAt.toISOString()),
    };
  }
}

export async function categoryRules(shop: string): Promise<CategoryRule[]> {
  const rows = await db.tuyoCategoryRule.findMany({ where: { shop }, orderBy: [{ kind: "asc" }, { value: "asc" }] });
  return rows.map((r) => ({
    kind: r.kind as RuleKind,
    value: r.value,
    categoryId: r.categoryId,
    subcategoryId: r.subcategoryId,
    productTypeId: r.productTypeId,
  }));
}

/** Saves one rule after checking it against Tuyo's list; ValidationError names the field. */
export async function saveCategoryRule(
  shop: string,
  input: Record<string, unknown>,
  locale: Locale = "en",
): Promise<CategoryRule> {
  const words = WORDS[locale];
  const kind = input.kind;
  const value = typeof input.value === "string" ? input.value.trim() : "";
  const fieldErrors: Record<string, string> = {};
  if (kind !== "productType" && kind !== "collection") fieldErrors.kind = words.kind;
  if (!value || value.length > 255) fieldErrors.value = words.value;
  else if (kind === "collection" && !/^gid:\/\/shopify\/Collection\/\d+$/.test(value))
    fieldErrors.value = words.collection;
  const categoryId = Number(input.categoryId);
  const subcategoryId = Number(input.subcategoryId);
  const productTypeId = Number(input.productTypeId ?? 1);
  const { categories } = await tuyoCategories(shop);
  const category = categories.find((c) => c.id === categoryId);
  if (!category) fieldErrors.categoryId = words.categoryId;
  else if (!category.subcategories.some((s) => s.id === subcategoryId))
    fieldErrors.subcategoryId = words.subcategoryId(category.name);
  if (!PRODUCT_TYPES.some((t) => t.id === productTypeId)) fieldErrors.productTypeId = words.productTypeId;
  if (Object.keys(fieldErrors).length) throw new ValidationError(words.notSaved, fieldErrors);
  const data = { categoryId, subcategoryId, productTypeId };
  await db.tuyoCategoryRule.upsert({
    where: { shop_kind_value: { shop, kind: kind as string, value } },
    create: { shop, kind: kind as string, value, ...data },
    update: data,
  });
  return { kind: kind as RuleKind, value, ...data };
}

export async function deleteCategoryRule(shop: string, kind: string, value: string): Promise<boolean> {
  const { count } = await db.tuyoCategoryRule.deleteMany({ where: { shop, kind, value } });
  return count > 0;
}

/** The rule for a product: its first mapped collection, else its product type; null when none is. */
export function categoryFor(
  rules: CategoryRule[],
  product: { productType: string; collectionIds: string[] },
): CategoryChoice | null {
  const byCollection = rules.find((r) => r.kind === "collection" && product.collectionIds.includes(r.value));
  const byType = rules.find((r) => r.kind === "productType" && r.value === product.productType.trim());
  const rule = byCollection ?? byType;
  return rule
    ? { categoryId: rule.categoryId, subcategoryId: rule.subcategoryId, productTypeId: rule.productTypeId }
    : null;
}
