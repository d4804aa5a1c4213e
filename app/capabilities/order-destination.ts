// A system Shopify orders are sent to (an ERP, a warehouse). Exactly-once is the use-case's job: it claims
// the order, asks the destination whether it already has it, and only then creates it.
import type { ErpCustomerDraft } from "../domain/customers";
import type { Message } from "../i18n/stored-words";
import type { ErpOrder, ErpOrderDraft } from "../domain/orders";

export interface OrderDestination {
  /**
   * The key, under the "passerelle" namespace, of the Shopify order metafield that keeps the order's id
   * in this system. The connector's own and stable: merchants' orders already carry it.
   */
  readonly orderIdMetafieldKey: string;
  /** The order made for this Shopify order, if any: the exactly-once check before creating. */
  orderByShopifyId(shopifyOrderId: string): Promise<ErpOrder | null>;
  /** Why this SKU cannot be sent (e.g. not in the system's SKU format), or null when it can. */
  skuProblem(sku: string): Message | null;
  createOrder(draft: ErpOrderDraft, customer: ErpCustomerDraft): Promise<{ orderId: string }>;
  /**
   * What the system does with its stock after an order, when it needs telling (e.g. an ERP moving the
   * items from its web stock to its general stock). Optional: most systems reserve stock themselves.
   */
  stockFollowUp?: OrderStockFollowUp;
  /**
   * Telling the system that an order it received was cancelled or refunded in Shopify. Optional: a
   * system without it is told nothing, and the order page says so.
   */
  reversals?: OrderReversalReport;
}

/** What a cancelled or refunded order changes where it was sent. */
export interface OrderReversalReport {
  /** Sets the order's state as the shop sees it; sending the same state twice is harmless. */
  reportState(orderId: string, state: "cancelled" | "refunded"): Promise<void>;
  /** The stock the order's follow-up moved, given back (the reverse of `stockFollowUp`). Absent when
   *  the system has no follow-up. */
  returnStock?: OrderStockFollowUp;
}

/** A follow-up with no idempotency key of its own: it is made findable by a reason text instead. */
export interface OrderStockFollowUp {
  /** How the merchant's screens name the move: short ("web → general") and as a by-hand instruction
   *  ("from the web stock to the general stock"). */
  readonly move: { short: string; byHand: string };
  apply(lines: { sku: string; quantity: number }[], reason: string): Promise<void>;
  /** True when a follow-up sent with this reason was applied. */
  done(reason: string): Promise<boolean>;
}
