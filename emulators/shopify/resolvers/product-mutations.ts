// productCreate and productSet: enough to seed and reshape a catalog through the Admin API.
import { CatalogInputError, createProduct, updateProduct, type ProductInput, type VariantInput } from "../catalog";
import { idOf, notImplemented, userError, type DomainModule, type ResolverContext } from "../graphql/context";
import { shopView } from "./shop";
import { productView } from "./products";

interface OptionInput {
  name: string;
  values?: { name: string }[] | null;
}

interface ProductSetVariantInput {
  id?: string | null;
  sku?: string | null;
  barcode?: string | null;
  price?: string | null;
  compareAtPrice?: string | null;
  optionValues: { optionName?: string | null; name: string }[];
  inventoryItem?: {
    sku?: string | null;
    tracked?: boolean | null;
    measurement?: { weight?: { value: number; unit: string } | null } | null;
  } | null;
  inventoryQuantities?: { locationId: string; name: string; quantity: number }[] | null;
}

interface ProductSetInputShape {
  id?: string | null;
  title?: string | null;
  handle?: string | null;
  vendor?: string | null;
  productType?: string | null;
  status?: ProductInput["status"] | null;
  tags?: string[] | null;
  descriptionHtml?: string | null;
  productOptions?: OptionInput[] | null;
  variants?: ProductSetVariantInput[] | null;
}

const UNSUPPORTED_INPUT = [
  "files",
  "metafields",
  "collections",
  "category",
  "seo",
  "giftCard",
  "combinedListingRole",
  "claimOwnership",
];

function toProductInput(input: ProductSetInputShape, path: string): Partial<ProductInput> {
  for (const key of UNSUPPORTED_INPUT)
    if ((input as Record<string, unknown>)[key] != null) throw notImplemented(`${path}.${key}`);
  const options = input.productOptions?.map((o) => ({ name: o.name, values: (o.values ?? []).map((v) => v.name) }));
  const variants = input.variants?.map((v, index): VariantInput => {
    const names = options?.map((o) => o.name) ?? [];
    return {
      id: v.id ? idOf(v.id, "ProductVariant") : undefined,
      sku: v.inventoryItem?.sku ?? v.sku,
      barcode: v.barcode,
      price: v.price,
      compareAtPrice: v.compareAtPrice,
      tracked: v.inventoryItem?.tracked ?? undefined,
      weight: v.inventoryItem?.measurement?.weight ?? undefined,
      options: Object.fromEntries(
        v.optionValues.map((ov, i) => [ov.optionName ?? names[i] ?? `Option${i + 1}`, ov.name]),
      ),
      inventory: Object.fromEntries(
        (v.inventoryQuantities ?? []).map((q) => {
          if (q.name !== "available" && q.name !== "on_hand")
            throw new CatalogInputError(
              ["input", "variants", String(index), "inventoryQuantities"],
              `Invalid quantity name ${q.name}`,
            );
          return [q.locationId, { available: q.quantity }];
        }),
      ),
    };
  });
  const defined = <T>(value: T | null | undefined) => (value === null ? undefined : value);
  return {
    title: defined(input.title),
    handle: defined(input.handle),
    vendor: defined(input.vendor),
    productType: defined(input.productType),
    status: defined(input.status),
    tags: defined(input.tags),
    descriptionHtml: defined(input.descriptionHtml),
    options,
    variants,
  };
}

function productCreate(
  args: { product?: ProductSetInputShape | null; input?: unknown; media?: unknown },
  ctx: ResolverContext,
) {
  if (args.input != null) throw notImplemented("productCreate(input:) (deprecated; use product:)");
  if (args.media != null) throw notImplemented("productCreate(media:)");
  const input = args.product ?? {};
  if (!input.title)
    return {
      __typename: "ProductCreatePayload",
      product: null,
      shop: shopView(ctx.shop),
      userErrors: [userError("UserError", ["title"], "Title can't be blank")],
    };
  const fields = toProductInput({ ...input, variants: undefined }, "ProductCreateInput");
  // Shopify creates the product with one variant holding the first value of each option.
  const product = createProduct(ctx.store, ctx.shop, { ...fields, title: input.title } as ProductInput);
  return {
    __typename: "ProductCreatePayload",
    product: productView(ctx, product),
    shop: shopView(ctx.shop),
    userErrors: [],
  };
}

function productSet(
  args: {
    input: ProductSetInputShape;
    identifier?: { id?: string | null; handle?: string | null } | null;
    synchronous?: boolean | null;
  },
  ctx: ResolverContext,
) {
  if (args.synchronous === false) throw notImplemented("productSet(synchronous: false)");
  const payload = (product: unknown, userErrors: unknown[]) => ({
    __typename: "ProductSetPayload",
    product,
    productSetOperation: null,
    userErrors,
  });
  try {
    const fields = toProductInput(args.input, "ProductSetInput");
    const id = args.identifier?.id ?? args.input.id;
    const handle = args.identifier?.handle;
    const existing = id
      ? ctx.shop.products.get(idOf(id, "Product") ?? -1)
      : handle
        ? [...ctx.shop.products.values()].find((p) => p.handle === handle)
        : undefined;
    if (id && !existing)
      return payload(null, [
        userError("ProductSetUserError", ["input", "id"], "Product does not exist", "PRODUCT_DOES_NOT_EXIST"),
      ]);
    if (existing) return payload(productView(ctx, updateProduct(ctx.store, ctx.shop, existing, fields)), []);
    if (!fields.title)
      return payload(null, [
        userError("ProductSetUserError", ["input", "title"], "Title can't be blank", "INVALID_INPUT"),
      ]);
    return payload(
      productView(
        ctx,
        createProduct(ctx.store, ctx.shop, { ...fields, handle: fields.handle ?? handle ?? undefined } as ProductInput),
      ),
      [],
    );
  } catch (error) {
    if (error instanceof CatalogInputError)
      return payload(null, [userError("ProductSetUserError", error.field, error.message, "INVALID_INPUT")]);
    throw error;
  }
}

export const productMutationsModule: DomainModule = {
  mutation: { productCreate, productSet },
};
