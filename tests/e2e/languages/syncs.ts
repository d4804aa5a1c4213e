// The Syncs list and a sync's schedule page (the picker, its plain-words preview). A run's page needs a
// run: it is checked in French in tests/e2e/run-audit.test.ts.
import type { LanguageScreen } from "./types";

export const SCREENS: LanguageScreen[] = [
  {
    path: "/syncs",
    name: "syncs",
    fr: [
      "Synchronisations",
      "Exécutions récentes",
      "Stock (complet)",
      "Modifier la planification",
      "Dernière exécution :",
    ],
    en: ["Syncs", "Recent runs", "Stock (full)", "Edit schedule", "Last run:"],
  },
  {
    path: "/syncs/stock.full",
    name: "syncs-stock-full",
    fr: [
      "Planification — Stock (complet)",
      "Fréquence",
      "Jours d'exécution",
      "Fuseau horaire",
      "Enregistrer la planification",
      "S'exécute toutes les heures à xx:10",
    ],
    en: [
      "Schedule — Stock (full)",
      "How often",
      "On these days",
      "Time zone",
      "Save schedule",
      "Runs every hour at :10",
    ],
  },
];
