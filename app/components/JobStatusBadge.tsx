import { Badge } from "@shopify/polaris";
import { defineWords, useWords } from "../i18n/words";

type Tone = "success" | "critical" | "attention" | "warning" | "info" | undefined;

const TONES: Record<string, Tone> = {
  queued: "info",
  running: "attention",
  succeeded: "success",
  failed: "critical",
  cancelled: undefined,
  skipped: "warning",
};

const WORDS = defineWords({
  en: {
    status: {
      queued: "Waiting",
      running: "Running",
      succeeded: "Succeeded",
      failed: "Failed",
      cancelled: "Cancelled",
      skipped: "Waiting for setup",
    } as Record<string, string>,
    withProblems: "Succeeded with problems",
    retrying: "Waiting to retry",
  },
  fr: {
    status: {
      queued: "En attente",
      running: "En cours",
      succeeded: "Réussie",
      failed: "En échec",
      cancelled: "Annulée",
      skipped: "En attente de configuration",
    },
    withProblems: "Réussie avec des problèmes",
    retrying: "En attente d'un nouvel essai",
  },
});

/** withProblems: a succeeded run some items of which failed shows "Succeeded with problems". */
/** retrying: a queued run whose last attempt failed shows "Waiting to retry". */
export function JobStatusBadge({
  status,
  withProblems = false,
  retrying = false,
}: {
  status: string;
  withProblems?: boolean;
  retrying?: boolean;
}) {
  const t = useWords(WORDS);
  const { label, tone } =
    status === "succeeded" && withProblems
      ? { label: t.withProblems, tone: "warning" as const }
      : status === "queued" && retrying
        ? { label: t.retrying, tone: "warning" as const }
        : { label: t.status[status] ?? status, tone: TONES[status] };
  return <Badge tone={tone}>{label}</Badge>;
}

/** Each run status and its name in the admin's language (the run history's status filter). */
export function useJobStatusLabels(): Record<string, string> {
  return useWords(WORDS).status;
}
