// A system that sold an order itself (a marketplace: Tuyo) and wants to hear how the shop handles it.
// The orders feature reports neutral progress; the connector says how (which route, which word) and
// sends each change once.

export type OrderProgress = "accepted" | "fulfilled" | "cancelled";

export interface OrderStatusDestination {
  /** The order's progress in Shopify; answers whether anything was sent (false: already reported). */
  reportProgress(shopifyOrderId: string, progress: OrderProgress): Promise<{ sent: boolean }>;
}
