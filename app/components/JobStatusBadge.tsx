import { Badge } from "@shopify/polaris";

type Tone = "success" | "critical" | "attention" | "warning" | "info" | undefined;

const STATUS: Record<string, { label: string; tone: Tone }> = {
  queued: { label: "Waiting", tone: "info" },
  running: { label: "Running", tone: "attention" },
  succeeded: { label: "Succeeded", tone: "success" },
  failed: { label: "Failed", tone: "critical" },
  cancelled: { label: "Cancelled", tone: undefined },
  skipped: { label: "Waiting for setup", tone: "warning" },
};

export function JobStatusBadge({ status }: { status: string }) {
  const { label, tone } = STATUS[status] ?? { label: status, tone: undefined };
  return <Badge tone={tone}>{label}</Badge>;
}
