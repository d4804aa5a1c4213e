import { Badge } from "@shopify/polaris";
import { defineWords, useWords } from "../i18n/words";

// The stored error is the handler's own text: shown as stored, quoted in French sentences.
const WORDS = defineWords({
  en: {
    failed: (error: string) => `failed: ${error}`,
    processed: "processed",
    retrying: (error: string) => `retrying: ${error}`,
    statuses: {} as Record<string, string | undefined>,
  },
  fr: {
    failed: (error: string) => (error ? `échec : « ${error} »` : "échec"),
    processed: "traité",
    retrying: (error: string) => `nouvel essai : « ${error} »`,
    statuses: { received: "reçu", processing: "en cours" } as Record<string, string | undefined>,
  },
});

/** How a received webhook was handled: processed, failed (with why), waiting for another attempt, or in progress. */
export function WebhookStatusBadge({ status, error }: { status: string; error: string | null }) {
  const t = useWords(WORDS);
  if (status === "failed") return <Badge tone="critical">{t.failed(error ?? "")}</Badge>;
  if (status === "processed") return <Badge tone="success">{t.processed}</Badge>;
  if (status === "received" && error) return <Badge tone="warning">{t.retrying(error)}</Badge>;
  return <Badge tone="info">{t.statuses[status] ?? status}</Badge>;
}
