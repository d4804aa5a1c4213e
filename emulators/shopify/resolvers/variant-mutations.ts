// productVariantsBulkUpdate: prices, compare-at prices and barcodes of a product's variants in one call
// (cost: 10 + 0.2 per variant, see cost.ts). Other inputs fail loudly until something needs them.
import {
  idOf,
  notImplemented,
  userError,
  type DomainModule,
  type ResolverContext,
  type View,
} from "../graphql/context";
import { productView, variantView } from "./products";

interface VariantsBulkInput {
  id?: string | null;
  price?: string | null;
  compareAtPrice?: string | null;
  barcode?: string | null;
  [other: string]: unknown;
}

const SUPPORTED = new Set(["id", "price", "compareAtPrice", "barcode"]);
const money = (value: string) => Number(value).toFixed(2);

function productVariantsBulkUpdate(
  args: { productId: string; variants: VariantsBulkInput[]; allowPartialUpdates?: boolean | null; media?: unknown },
  ctx: ResolverContext,
) {
  if (args.media != null) throw notImplemented("productVariantsBulkUpdate(media:)");
  const payload = (product: View | null, variants: View[] | null, errors: View[]) => ({
    __typename: "ProductVariantsBulkUpdatePayload",
    product,
    productVariants: variants,
    userErrors: errors,
  });
  const product = ctx.shop.products.get(idOf(args.productId, "Product") ?? -1);
  if (!product)
    return payload(null, null, [
      userError(
        "ProductVariantsBulkUpdateUserError",
        ["productId"],
        "Product does not exist",
        "PRODUCT_DOES_NOT_EXIST",
      ),
    ]);
  const errors: View[] = [];
  const planned = args.variants.map((input, index) => {
    for (const [key, value] of Object.entries(input))
      if (value != null && !SUPPORTED.has(key)) throw notImplemented(`ProductVariantsBulkInput.${key}`);
    const variant = ctx.shop.variants.get(idOf(input.id, "ProductVariant") ?? -1);
    if (!variant || variant.productId !== product.id) {
      errors.push(
        userError(
          "ProductVariantsBulkUpdateUserError",
          ["variants", String(index), "id"],
          "Product variant does not exist",
          "PRODUCT_VARIANT_DOES_NOT_EXIST",
        ),
      );
    } else if (input.price != null && !(Number(input.price) >= 0)) {
      errors.push(
        userError(
          "ProductVariantsBulkUpdateUserError",
          ["variants", String(index), "price"],
          "Price must be greater than or equal to 0",
          "INVALID_INPUT",
        ),
      );
    }
    return { variant, input };
  });
  // Without allowPartialUpdates, one bad variant rejects the whole call.
  if (errors.length && !args.allowPartialUpdates) return payload(productView(ctx, product), null, errors);
  const now = ctx.store.timestamp();
  const updated: View[] = [];
  for (const { variant, input } of planned) {
    if (!variant || variant.productId !== product.id) continue;
    if (input.price != null) variant.price = money(input.price);
    if ("compareAtPrice" in input)
      variant.compareAtPrice = input.compareAtPrice == null ? null : money(input.compareAtPrice);
    if ("barcode" in input && input.barcode !== undefined) variant.barcode = input.barcode;
    variant.updatedAt = now;
    updated.push(variantView(ctx, variant));
  }
  product.updatedAt = now;
  return payload(productView(ctx, product), updated, errors);
}

export const variantMutationsModule: DomainModule = {
  mutation: { productVariantsBulkUpdate },
};
