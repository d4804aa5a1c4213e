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
const LABELS = {
  error: "Error",
  waiting: "Waiting",
  exported: "In Fastmag",
  shipped: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
  refunded: "Refunded",
} as const;

/** Where an order stands between Shopify, Fastmag and the carrier. */
export function OrderStageBadge({ stage }: { stage: keyof typeof TONES }) {
  return <Badge tone={TONES[stage]}>{LABELS[stage]}</Badge>;
}
