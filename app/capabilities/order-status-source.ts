// A system that says what became of exported orders: shipped or not, carrier, tracking number. What
// its statuses mean (which one is "shipped") is the connector's to say; the use-case reads neutral facts.
import type { ErpOrder } from "../domain/orders";

export interface OrderStatusSource {
  ordersByShopifyIds(shopifyOrderIds: string[]): Promise<ErpOrder[]>;
  /**
   * How a status shows on the Shopify order: the tag added for it, and the key (under the "passerelle"
   * namespace) of the metafield holding "<status> <label>". The connector's own and stable: merchants'
   * orders and their filters already use them.
   */
  readonly shopifyMarks: { statusTag(order: ErpOrder): string; statusMetafieldKey: string };
}
