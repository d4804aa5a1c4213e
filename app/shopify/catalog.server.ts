// Shopify's side of the catalog import: the unique product metafield identifying a source's product
// (created by the app), a neutral product turned into productSet's input, and productSet sent one at a
// time or as one bulk mutation through a staged JSONL upload. Shopify's shapes stay in this file.
import type { CatalogProduct, CatalogVariant } from "../capabilities/catalog-source";
import { PermanentError } from "../lib/errors";
import { assertNoUserErrors, type ShopifyAdminClient } from "./admin-client.server";
import { runBulkMutation, startBulkQuery, type BulkOptions } from "./bulk.server";
import type { UserError } from "./operation";
import {
  CATALOG_METAFIELDS_SET,
  CATALOG_PRODUCT_SET,
  CATALOG_PRODUCT_SET_BULK,
  catalogProductsBulkQuery,
  METAFIELD_DEFINITION_BY_KEY,
  METAFIELD_DEFINITION_CREATE,
  type ProductSetResult,
  type ProductSetVariables,
  type ShopifyCatalogLine,
} from "./operations/catalog";

/** Shopify's limits on one product (reference/shopify.md). */
export const SHOPIFY_PRODUCT_LIMITS = { options: 3, variants: 2048 } as const;

export interface ProductIdMetafield {
  namespace: string;
  key: string;
  name: string;
}

/**
 * Makes sure the product id metafield has a definition with unique values (what `customId` needs).
 * Returns true when it had to create it. A definition without unique values is the merchant's to fix.
 */
export async function ensureProductIdDefinition(client: ShopifyAdminClient, field: ProductIdMetafield) {
  const { data } = await client.request(METAFIELD_DEFINITION_BY_KEY, { namespace: field.namespace, key: field.key });
  const existing = data.metafieldDefinitions.nodes[0];
  if (existing) {
    if (existing.capabilities.uniqueValues.enabled) return false;
    throw new PermanentError(
      `The product metafield ${field.name} (${field.namespace}.${field.key}) exists in Shopify without unique values: turn "Unique values" on for it in Settings → Custom data → Products, then run the import again.`,
    );
  }
  const created = await client.request(METAFIELD_DEFINITION_CREATE, {
    definition: {
      name: field.name,
      namespace: field.namespace,
      key: field.key,
      type: "single_line_text_field",
      ownerType: "PRODUCT",
      description: "The product's id in the system its catalog comes from (set by Passerelle).",
      capabilities: { uniqueValues: { enabled: true } },
    },
  });
  assertNoUserErrors("metafieldDefinitionCreate", created.data.metafieldDefinitionCreate);
  return true;
}

const money = (value: number) => value.toFixed(2);

/** One variant as productSet takes it (the same shape is kept to re-send a variant gone from the source). */
export function variantSetInput(options: string[], variant: CatalogVariant): Record<string, unknown> {
  const optionValues = options.length
    ? options.map((optionName, i) => ({ optionName, name: variant.optionValues[i] }))
    : [{ optionName: "Title", name: "Default Title" }];
  return {
    optionValues,
    price: money(variant.price),
    compareAtPrice: variant.compareAtPrice === undefined ? null : money(variant.compareAtPrice),
    barcode: variant.barcode ?? null,
    inventoryItem: {
      sku: variant.sku,
      ...(variant.weightGrams === undefined
        ? {}
        : { measurement: { weight: { value: variant.weightGrams, unit: "GRAMS" } } }),
    },
  };
}

/**
 * productSet's input for a neutral product. `keptVariants` are variants Shopify has that the source no
 * longer lists: productSet removes unlisted variants, so they are sent again as they were.
 */
export function productSetInput(
  product: CatalogProduct,
  idField: ProductIdMetafield,
  keptVariants: Record<string, unknown>[] = [],
): Record<string, unknown> {
  const variants = [...product.variants.map((v) => variantSetInput(product.options, v)), ...keptVariants];
  const values = (i: number) => [
    ...new Set(
      variants.map((v) => (v.optionValues as { optionName: string; name: string }[])[i]?.name).filter(Boolean),
    ),
  ];
  const productOptions = product.options.length
    ? product.options.map((name, i) => ({ name, values: values(i).map((value) => ({ name: value })) }))
    : [{ name: "Title", values: [{ name: "Default Title" }] }];
  return {
    title: product.title,
    descriptionHtml: product.descriptionHtml ?? "",
    vendor: product.vendor ?? "",
    productType: product.productType ?? "",
    tags: product.tags,
    productOptions,
    variants,
    metafields: [
      { namespace: idField.namespace, key: idField.key, type: "single_line_text_field", value: product.sourceKey },
    ],
  };
}

export const customIdOf = (idField: ProductIdMetafield, value: string): ProductSetVariables["identifier"] => ({
  customId: { namespace: idField.namespace, key: idField.key, value },
});

export interface ProductSetOutcome {
  productId: string | null;
  variants: { id: string; sku: string | null }[];
  errors: UserError[];
}

const outcomeOf = (payload: ProductSetResult | null | undefined): ProductSetOutcome => ({
  productId: payload?.product?.id ?? null,
  variants: payload?.product?.variants.nodes ?? [],
  errors: payload ? payload.userErrors : [{ field: null, message: "Shopify returned no answer for this product" }],
});

/** One productSet call. */
export async function setProduct(client: ShopifyAdminClient, variables: ProductSetVariables) {
  const { data } = await client.request(CATALOG_PRODUCT_SET, variables);
  return outcomeOf(data.productSet);
}

/**
 * Every productSet as one bulk mutation (staged upload of the JSONL, written as `variables` are iterated);
 * `onLine` gets each line's outcome as the result is read, and is awaited before the next.
 */
export async function setProductsInBulk(
  client: ShopifyAdminClient,
  variables: Iterable<ProductSetVariables>,
  onLine: (index: number, outcome: ProductSetOutcome) => void | Promise<void>,
  options: BulkOptions = {},
): Promise<void> {
  for await (const line of runBulkMutation<{
    data: { productSet: ProductSetResult | null } | null;
    errors?: { message: string }[];
    __lineNumber: number;
  }>(client, CATALOG_PRODUCT_SET_BULK, variables, options)) {
    const outcome = outcomeOf(line.data?.productSet);
    if (line.errors?.length) outcome.errors = line.errors.map((e) => ({ field: null, message: e.message }));
    await onLine(line.__lineNumber, outcome);
  }
}

export interface ShopifyCatalogVariant {
  id: string;
  sku: string | null;
  barcode: string | null;
  setInput: Record<string, unknown>;
}

/** Every Shopify product with its id metafield and its variants' SKUs and barcodes (one bulk query). */
export async function* catalogProducts(
  client: ShopifyAdminClient,
  idField: ProductIdMetafield,
  options: BulkOptions = {},
): AsyncGenerator<{
  id: string;
  title: string;
  sourceKey: string | null;
  variants: ShopifyCatalogVariant[];
}> {
  const lines = await startBulkQuery<ShopifyCatalogLine>(
    client,
    catalogProductsBulkQuery(idField.namespace, idField.key),
    options,
  );
  // Shopify's JSONL lists a product, then its variants (each naming its parent).
  let current: { id: string; title: string; sourceKey: string | null; variants: ShopifyCatalogLine[] } | null = null;
  const finish = () =>
    current && {
      ...current,
      variants: current.variants.map((v) => ({
        id: v.id,
        sku: v.sku || null,
        barcode: v.barcode || null,
        // productSet's input for the variant as it is, to keep it when the product is next sent.
        setInput: {
          optionValues: (v.selectedOptions ?? []).map((o) => ({ optionName: o.name, name: o.value })),
          price: v.price ?? "0.00",
          compareAtPrice: v.compareAtPrice ?? null,
          barcode: v.barcode ?? null,
          inventoryItem: { sku: v.sku ?? null },
        },
      })),
    };
  for await (const line of lines()) {
    if (line.__parentId) {
      if (current && line.__parentId === current.id) current.variants.push(line);
      continue;
    }
    const done = finish();
    if (done) yield done;
    current = { id: line.id, title: line.title ?? "", sourceKey: line.metafield?.value ?? null, variants: [] };
  }
  const done = finish();
  if (done) yield done;
}

/** Products whose id metafield one metafieldsSet call writes (metafieldsSet's limit). */
export const PRODUCT_IDS_PER_CALL = 25;

/** Writes the id metafield on products, 25 per call (metafieldsSet's limit); all or nothing per call. */
export async function setProductIds(
  client: ShopifyAdminClient,
  idField: ProductIdMetafield,
  pairs: { productId: string; sourceKey: string }[],
): Promise<{ calls: number; errors: { productId: string; message: string }[] }> {
  let calls = 0;
  const errors: { productId: string; message: string }[] = [];
  for (let i = 0; i < pairs.length; i += PRODUCT_IDS_PER_CALL) {
    const chunk = pairs.slice(i, i + PRODUCT_IDS_PER_CALL);
    const { data } = await client.request(CATALOG_METAFIELDS_SET, {
      metafields: chunk.map((p) => ({
        ownerId: p.productId,
        namespace: idField.namespace,
        key: idField.key,
        type: "single_line_text_field",
        value: p.sourceKey,
      })),
    });
    calls++;
    const userErrors = data.metafieldsSet?.userErrors ?? [];
    for (const e of userErrors) {
      const at = e.elementIndex ?? null;
      const targets = at === null ? chunk : [chunk[at]!];
      for (const t of targets) errors.push({ productId: t.productId, message: e.message });
    }
  }
  return { calls, errors };
}
