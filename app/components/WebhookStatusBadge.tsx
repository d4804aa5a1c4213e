import { Badge } from "@shopify/polaris";

/** How a received webhook was handled: processed, failed (with why), waiting for another attempt, or in progress. */
export function WebhookStatusBadge({ status, error }: { status: string; error: string | null }) {
  if (status === "failed") return <Badge tone="critical">{`failed: ${error ?? ""}`}</Badge>;
  if (status === "processed") return <Badge tone="success">processed</Badge>;
  if (status === "received" && error) return <Badge tone="warning">{`retrying: ${error}`}</Badge>;
  return <Badge tone="info">{status}</Badge>;
}
