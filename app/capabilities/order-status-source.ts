// A system that says what became of the shop's orders (sent there by us or any other way): shipped or
// not, carrier, tracking number. What its statuses mean (which one is "shipped") is the connector's to
// say; the use-case reads neutral facts.
import type { ErpOrder } from "../domain/orders";

export interface OrderStatusSource {
  /**
   * The orders it holds for these Shopify orders (gids), in one call: the syncs ask a page of Shopify
   * orders at a time. An order it does not know is simply absent from the answer.
   */
  ordersByShopifyIds(shopifyOrderIds: string[]): Promise<ErpOrder[]>;
  /**
   * How a status shows on the Shopify order: the tag added for it, and the key (under the "passerelle"
   * namespace) of the metafield holding "<status> <label>". The connector's own and stable: merchants'
   * orders and their filters already use them.
   */
  readonly shopifyMarks: { statusTag(order: ErpOrder): string; statusMetafieldKey: string };
}
