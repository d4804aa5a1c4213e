import { Badge } from "@shopify/polaris";
import { defineWords, useWords } from "../i18n/words";

// The error is said in the reader's language when it was stored with its words; an older row's English
// is quoted in French sentences.
const WORDS = defineWords({
  en: {
    failed: (error: string) => `failed: ${error}`,
    processed: "processed",
    retrying: (error: string) => `retrying: ${error}`,
    quoted: (error: string) => error,
    statuses: {} as Record<string, string | undefined>,
  },
  fr: {
    failed: (error: string) => (error ? `échec : ${error}` : "échec"),
    processed: "traité",
    retrying: (error: string) => `nouvel essai : ${error}`,
    quoted: (error: string) => `« ${error} »`,
    statuses: { received: "reçu", processing: "en cours" } as Record<string, string | undefined>,
  },
});

/** How a received webhook was handled: processed, failed (with why), waiting for another attempt, or in progress. */
export function WebhookStatusBadge({
  status,
  error,
  errorInWords,
}: {
  status: string;
  error: string | null;
  /** The error is in the reader's language (stored with its words). */
  errorInWords: boolean;
}) {
  const t = useWords(WORDS);
  const why = error ? (errorInWords ? error : t.quoted(error)) : "";
  if (status === "failed") return <Badge tone="critical">{t.failed(why)}</Badge>;
  if (status === "processed") return <Badge tone="success">{t.processed}</Badge>;
  if (status === "received" && error) return <Badge tone="warning">{t.retrying(why)}</Badge>;
  return <Badge tone="info">{t.statuses[status] ?? status}</Badge>;
}
