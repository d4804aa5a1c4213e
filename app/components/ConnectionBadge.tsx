import { Badge } from "@shopify/polaris";
import type { ConnectionState } from "../connectors/settings.server";

const LABELS: Record<ConnectionState, { label: string; tone?: "success" | "critical" | "attention" | "info" }> = {
  "not-configured": { label: "Not configured" },
  untested: { label: "Not tested yet", tone: "attention" },
  connected: { label: "Connected", tone: "success" },
  failing: { label: "Connection failing", tone: "critical" },
  disabled: { label: "Disabled" },
};

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  const { label, tone } = LABELS[state];
  return <Badge tone={tone}>{label}</Badge>;
}
