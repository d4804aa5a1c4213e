// The capabilities the order syncs need, whatever back office or carrier provides them. Fastmag,
// Chronopost and TNT adapters live in ./providers.server.ts.
import type { ErpCustomerDraft } from "../../domain/customers";
import type { StockTransfer } from "../../domain/inventory";
import type { ErpOrder, ErpOrderDraft } from "../../domain/orders";

/** Where Shopify orders are exported to (Fastmag: post-order). */
export interface OrderSink {
  /** The order made for this Shopify order, if any (get-orderByShopifyIds): the exactly-once check. */
  orderByShopifyId(shopifyOrderId: string): Promise<ErpOrder | null>;
  createOrder(draft: ErpOrderDraft, customer: ErpCustomerDraft): Promise<{ orderId: string }>;
  /** Moves stock after an order (post-transfer-stock). */
  transferStock(transfers: StockTransfer[], reason: string): Promise<void>;
}

/** Where order statuses and tracking numbers come from (Fastmag: statuses 300/305 = shipped). */
export interface OrderStatusSource {
  ordersByShopifyIds(shopifyOrderIds: string[]): Promise<ErpOrder[]>;
}

export type ParcelState = "in_transit" | "delivered" | "exception" | "not_found";

export interface ParcelTracking {
  number: string;
  state: ParcelState;
  /** Carrier's words for the latest event. */
  label?: string;
  deliveredAt?: Date;
  events: { code: string; label: string; at?: Date; place?: string }[];
}

/** A carrier that can say where a parcel is (Chronopost trackSkybillV2, TNT). */
export interface CarrierTracker {
  readonly carrier: string;
  track(trackingNumber: string): Promise<ParcelTracking>;
}
