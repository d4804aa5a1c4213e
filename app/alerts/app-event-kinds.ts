import { defineWords } from "../i18n/define";
// The kinds of app event the Logs screen lists (shared by the server and the screen).
export const APP_EVENT_KINDS = ["run-failed", "settings-changed", "connection-test", "alert-sent"] as const;
export type AppEventKind = (typeof APP_EVENT_KINDS)[number];

export const APP_EVENT_KIND_WORDS = defineWords<Record<AppEventKind, string>>({
  en: {
    "run-failed": "Run failed",
    "settings-changed": "Settings changed",
    "connection-test": "Connection test",
    "alert-sent": "Alert sent",
  },
  fr: {
    "run-failed": "Exécution en échec",
    "settings-changed": "Paramètres modifiés",
    "connection-test": "Test de connexion",
    "alert-sent": "Alerte envoyée",
  },
});
