import { Badge } from "@shopify/polaris";

const TONES = {
  error: "critical",
  waiting: "attention",
  exported: "info",
  shipped: "success",
  delivered: "success",
  cancelled: "warning",
  refunded: "warning",
} as const;

export type OrderStage = keyof typeof TONES;

/** The badge's words: an exported order is "in" the system the shop sends its orders to. */
export function orderStageLabel(stage: OrderStage, destinationName: string): string {
  switch (stage) {
    case "error":
      return "Error";
    case "waiting":
      return "Waiting";
    case "exported":
      return `In ${destinationName}`;
    case "shipped":
      return "Shipped";
    case "delivered":
      return "Delivered";
    case "cancelled":
      return "Cancelled";
    case "refunded":
      return "Refunded";
  }
}

/** Where an order stands between Shopify, the order destination and the carrier. */
export function OrderStageBadge({ stage, destinationName }: { stage: OrderStage; destinationName: string }) {
  return <Badge tone={TONES[stage]}>{orderStageLabel(stage, destinationName)}</Badge>;
}
