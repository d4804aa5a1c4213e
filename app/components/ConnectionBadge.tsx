import { Badge } from "@shopify/polaris";
import type { ConnectionState } from "../connectors/settings.server";
import { defineWords, useWords } from "../i18n/words";

const TONES: Record<ConnectionState, "success" | "critical" | "attention" | "info" | undefined> = {
  "not-configured": undefined,
  untested: "attention",
  connected: "success",
  failing: "critical",
  disabled: undefined,
};

const LABELS = defineWords<Record<ConnectionState, string>>({
  en: {
    "not-configured": "Not configured",
    untested: "Not tested yet",
    connected: "Connected",
    failing: "Connection failing",
    disabled: "Disabled",
  },
  fr: {
    "not-configured": "Non configuré",
    untested: "Pas encore testé",
    connected: "Connecté",
    failing: "Connexion en échec",
    disabled: "Désactivé",
  },
});

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  const labels = useWords(LABELS);
  return <Badge tone={TONES[state]}>{labels[state]}</Badge>;
}
