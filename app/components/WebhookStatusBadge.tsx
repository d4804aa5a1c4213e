import { Badge } from "@shopify/polaris";

/** How a received webhook was handled: processed, failed (with why) or still being processed. */
export function WebhookStatusBadge({ status, error }: { status: string; error: string | null }) {
  const tone = status === "failed" ? "critical" : status === "processed" ? "success" : "info";
  return <Badge tone={tone}>{status === "failed" ? `failed: ${error ?? ""}` : status}</Badge>;
}
