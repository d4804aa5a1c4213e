// A sale made on a marketplace, recorded in Shopify as an order of the shop's own variants: the stock is
// taken there (and flows on to the ERP like any order, by orders/create). The order carries two tags,
// the marketplace's and `<marketplace>-<code>`: the second finds an order already recorded, so a
// recording stopped after Shopify answered and before we kept its id never creates it twice.
import type { Locale } from "../i18n/locale";
import { type Said, said, sayIn, textOf } from "../i18n/stored-words";
import { ValidationError } from "../lib/errors";
import { assertNoUserErrors, type ShopifyAdminClient } from "./admin-client.server";
import { ORDER_CREATE, ORDERS_BY_TAG, VARIANTS_BY_SKU } from "./operations/marketplace-orders";

export interface MarketplaceSale {
  /** The marketplace's tag, e.g. "tuyo". */
  tag: string;
  /** Its name in the merchant's words, for the order's note. */
  marketplace: string;
  code: string;
  lines: { sku: string; quantity: number }[];
}

const quoted = (value: string) => `"${value.replace(/["\\]/g, "")}"`;
export const saleTag = (sale: Pick<MarketplaceSale, "tag" | "code">) => `${sale.tag}-${sale.code}`;

/** The Shopify order of the sale: the one already recorded, or a new one with its stock taken. */
export async function recordSaleInShopify(
  client: ShopifyAdminClient,
  sale: MarketplaceSale,
  /** The language of a refusal (the screen that recorded the sale); the JSON API keeps the English. */
  locale: Locale = "en",
): Promise<{ orderId: string; name: string; created: boolean }> {
  const say = (message: Said) => (locale === "en" ? message : sayIn(message, locale));
  const found = (await client.request(ORDERS_BY_TAG, { query: `tag:${quoted(saleTag(sale))}` })).data.orders.nodes[0];
  if (found) return { orderId: found.id, name: found.name, created: false };
  const fieldErrors: Record<string, string> = {};
  const lineItems: { variantId: string; quantity: number }[] = [];
  for (const [i, line] of sale.lines.entries()) {
    const { data } = await client.request(VARIANTS_BY_SKU, { query: `sku:${quoted(line.sku)}` });
    const variant = data.productVariants.nodes.find((v) => v.sku === line.sku);
    if (!variant) fieldErrors[`items[${i}].sku`] = textOf(say(said("words7.marketplace.noVariant", { sku: line.sku })));
    else lineItems.push({ variantId: variant.id, quantity: line.quantity });
  }
  if (Object.keys(fieldErrors).length)
    throw new ValidationError(
      say(said("words7.marketplace.cannotRecord", { marketplace: sale.marketplace })),
      fieldErrors,
    );
  const { data } = await client.request(ORDER_CREATE, {
    order: {
      lineItems,
      tags: [sale.tag, saleTag(sale)],
      note: `${sale.marketplace} order ${sale.code}`,
      sourceName: sale.tag,
      sourceIdentifier: sale.code,
      financialStatus: "PAID",
    },
    // Shopify's default (BYPASS) leaves the stock alone; a sale must take it, and refuse what is not there.
    options: { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" },
  });
  const errors = data.orderCreate?.userErrors ?? [];
  if (errors.length)
    throw new ValidationError(say(said("words7.marketplace.refused", { marketplace: sale.marketplace })), {
      items: errors.map((e) => e.message).join(" "),
    });
  const { order } = assertNoUserErrors("orderCreate", data.orderCreate);
  if (!order) throw new ValidationError(say(said("words7.marketplace.notRecorded", { marketplace: sale.marketplace })));
  return { orderId: order.id, name: order.name, created: true };
}
