import type { LanguageScreen } from "./types";

export const SCREENS: LanguageScreen[] = [
  {
    path: "/logs",
    name: "logs",
    fr: ["Journaux", "Événements de l'app", "Webhooks reçus", "Demandes de confidentialité"],
    en: ["Logs", "App events", "Webhooks received", "Privacy requests"],
  },
  {
    path: "/no-such-screen",
    name: "404",
    fr: ["Page introuvable", "Aller au tableau de bord"],
    en: ["Page not found", "Go to the Dashboard"],
  },
];
