// Products and variants (Query.products / product / productVariants / productVariant).
import { connection, type ConnectionArgs } from "../graphql/connection";
import { gid, idOf, notImplemented, type DomainModule, type ResolverContext, type View } from "../graphql/context";
import { dateTerms, matcher } from "../graphql/search";
import type { ProductRecord, VariantRecord } from "../store";
import { productMetafieldFields } from "./metafields";
import { availableOf, inventoryItemView } from "./inventory";
import { productMediaFields, variantMediaFields } from "./media";
import { productPromotionFields } from "./promotions";

export function productView(ctx: ResolverContext, product: ProductRecord): View {
  const variants = () => product.variantIds.map((id) => ctx.shop.variants.get(id)!).filter(Boolean);
  const description = product.descriptionHtml.replace(/<[^>]*>/g, "");
  return {
    __typename: "Product",
    id: gid("Product", product.id),
    legacyResourceId: String(product.id),
    title: product.title,
    handle: product.handle,
    status: product.status,
    vendor: product.vendor,
    productType: product.productType,
    tags: product.tags,
    descriptionHtml: product.descriptionHtml,
    description: (args: { truncateAt?: number | null }) =>
      args.truncateAt ? description.slice(0, args.truncateAt) : description,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    publishedAt: product.status === "ACTIVE" ? product.createdAt : null,
    onlineStoreUrl: null,
    templateSuffix: null,
    isGiftCard: false,
    tracksInventory: true,
    requiresSellingPlan: false,
    hasOnlyDefaultVariant:
      product.options.length === 1 && product.options[0].name === "Title" && product.variantIds.length === 1,
    // Lazy (like the inventory fields of variants): they scan every inventory level of the shop.
    hasOutOfStockVariants: () => variants().some((v) => availableOf(ctx, v) <= 0),
    totalInventory: () => variants().reduce((sum, v) => sum + availableOf(ctx, v), 0),
    options: (args: { first?: number | null }) =>
      product.options.slice(0, args.first ?? undefined).map((option, index) => ({
        __typename: "ProductOption",
        id: gid("ProductOption", product.id * 10 + index),
        name: option.name,
        position: index + 1,
        values: option.values,
      })),
    variantsCount: { __typename: "Count", count: product.variantIds.length, precision: "EXACT" },
    variants: (args: ConnectionArgs & { sortKey?: string }) => {
      if (args.sortKey && args.sortKey !== "POSITION" && args.sortKey !== "ID")
        throw notImplemented(`Product.variants(sortKey: ${args.sortKey})`);
      return connection(
        "ProductVariantConnection",
        variants(),
        args,
        (v) => v.id,
        (v) => variantView(ctx, v),
      );
    },
    ...productMetafieldFields(ctx, product.id),
    ...productMediaFields(ctx, product.id),
    ...productPromotionFields(ctx, product.id),
  };
}

export function variantView(ctx: ResolverContext, variant: VariantRecord): View {
  const product = ctx.shop.products.get(variant.productId)!;
  return {
    __typename: "ProductVariant",
    id: gid("ProductVariant", variant.id),
    legacyResourceId: String(variant.id),
    title: variant.title,
    displayName: `${product.title} - ${variant.title}`,
    sku: variant.sku,
    barcode: variant.barcode,
    price: variant.price,
    compareAtPrice: variant.compareAtPrice,
    position: variant.position,
    taxable: true,
    taxCode: null,
    inventoryPolicy: "DENY",
    availableForSale: () => product.status === "ACTIVE" && availableOf(ctx, variant) > 0,
    inventoryQuantity: () => availableOf(ctx, variant),
    sellableOnlineQuantity: () => Math.max(0, availableOf(ctx, variant)),
    requiresComponents: false,
    showUnitPrice: false,
    unitPrice: null,
    createdAt: variant.createdAt,
    updatedAt: variant.updatedAt,
    selectedOptions: variant.selectedOptions.map((o) => ({
      __typename: "SelectedOption",
      name: o.name,
      value: o.value,
    })),
    product: () => productView(ctx, product),
    inventoryItem: () => inventoryItemView(ctx, ctx.shop.inventoryItems.get(variant.inventoryItemId)!),
    ...variantMediaFields(ctx, variant.id),
  };
}

function productSearchFields(ctx: ResolverContext, p: ProductRecord) {
  const skus = p.variantIds.map((id) => ctx.shop.variants.get(id)?.sku ?? "").filter(Boolean);
  const barcodes = p.variantIds.map((id) => ctx.shop.variants.get(id)?.barcode ?? "").filter(Boolean);
  return {
    default: p.title,
    title: p.title,
    handle: p.handle,
    status: p.status,
    vendor: p.vendor,
    product_type: p.productType,
    tag: p.tags,
    id: p.id,
    sku: skus,
    barcode: barcodes,
  };
}

export function sortedBy<T extends { id: number; updatedAt: string; title: string }>(
  items: T[],
  sortKey: string | undefined,
  field: string,
): T[] {
  if (!sortKey || sortKey === "ID") return items.sort((a, b) => a.id - b.id);
  if (sortKey === "UPDATED_AT") return items.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id - b.id);
  if (sortKey === "TITLE") return items.sort((a, b) => a.title.localeCompare(b.title) || a.id - b.id);
  throw notImplemented(`${field}(sortKey: ${sortKey})`);
}

export const productsModule: DomainModule = {
  query: {
    products: (args: ConnectionArgs & { query?: string; sortKey?: string; savedSearchId?: string }, ctx) => {
      if (args.savedSearchId) throw notImplemented("products(savedSearchId:)");
      const dates = dateTerms(args.query, ["created_at", "updated_at"]);
      const matches = matcher(dates.rest, "products", [
        "title",
        "handle",
        "status",
        "vendor",
        "product_type",
        "tag",
        "id",
        "sku",
        "barcode",
      ]);
      const all = sortedBy(
        [...ctx.shop.products.values()].filter(
          (p) =>
            dates.test({ created_at: p.createdAt, updated_at: p.updatedAt }) && matches(productSearchFields(ctx, p)),
        ),
        args.sortKey,
        "products",
      );
      return connection(
        "ProductConnection",
        all,
        args,
        (p) => p.id,
        (p) => productView(ctx, p),
      );
    },
    product: (args: { id: string }, ctx) => {
      const product = ctx.shop.products.get(idOf(args.id, "Product") ?? -1);
      return product ? productView(ctx, product) : null;
    },
    productVariants: (args: ConnectionArgs & { query?: string; sortKey?: string; savedSearchId?: string }, ctx) => {
      if (args.savedSearchId) throw notImplemented("productVariants(savedSearchId:)");
      const matches = matcher(args.query, "productVariants", ["sku", "barcode", "product_id", "id", "title"]);
      const all = sortedBy(
        [...ctx.shop.variants.values()].filter((v) =>
          matches({
            default: v.title,
            sku: v.sku,
            barcode: v.barcode,
            product_id: v.productId,
            id: v.id,
            title: v.title,
          }),
        ),
        args.sortKey,
        "productVariants",
      );
      return connection(
        "ProductVariantConnection",
        all,
        args,
        (v) => v.id,
        (v) => variantView(ctx, v),
      );
    },
    productVariant: (args: { id: string }, ctx) => {
      const variant = ctx.shop.variants.get(idOf(args.id, "ProductVariant") ?? -1);
      return variant ? variantView(ctx, variant) : null;
    },
  },
  nodes: {
    Product: (ctx, id) => {
      const product = ctx.shop.products.get(id);
      return product ? productView(ctx, product) : null;
    },
    ProductVariant: (ctx, id) => {
      const variant = ctx.shop.variants.get(id);
      return variant ? variantView(ctx, variant) : null;
    },
  },
};
