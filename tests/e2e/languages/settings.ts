// Settings and the settings screens of the back-office connections, routing and orders, as a fresh
// demo shop shows them (nothing set up yet).
import type { LanguageScreen } from "./types";

export const SCREENS: LanguageScreen[] = [
  {
    path: "/settings",
    name: "settings",
    fr: [
      "Connexions aux logiciels de gestion",
      "Où vont vos données",
      "Commandes et transporteurs",
      "Accès à l'API",
      "Créer le jeton",
      "Aucune source de stock n'est encore configurée.",
      "Photos SFTP",
      "Non configuré",
    ],
    en: [
      "Back-office connections",
      "Where your data goes",
      "Orders and carriers",
      "API access",
      "Create token",
      "No stock source is set up yet.",
      "SFTP photos",
      "Not configured",
    ],
  },
  {
    path: "/settings/fastmag",
    name: "settings-fastmag",
    fr: ["Adresse de Fastmag", "Stock web", "Saisons à importer", "Requêtes remplacées", "Tester la connexion"],
    en: ["Fastmag address", "Web stock", "Seasons to import", "Query overrides", "Test connection"],
  },
  {
    path: "/settings/retailcrm",
    name: "settings-retailcrm",
    fr: [
      "Adresse du compte RetailCRM",
      "Clé d'API",
      "Module d'entrepôt",
      "Faire correspondre les articles",
      "Non configuré",
    ],
    en: ["RetailCRM account address", "API key", "Warehouse module", "Match items", "Not configured"],
  },
  {
    path: "/settings/sftp",
    name: "settings-sftp",
    fr: ["Photos SFTP", "Clé privée", "Noms des fichiers", "retenue à la première connexion", "Enregistrer le choix"],
    en: ["SFTP photos", "Private key", "File names", "pinned at the first connection", "Save choice"],
  },
  {
    path: "/settings/routing",
    name: "settings-routing",
    fr: ["Le stock vient de", "Les commandes sont envoyées à", "En clair", "Reçoit toujours le stock."],
    en: ["Stock comes from", "Orders are sent to", "In plain words", "Always receives stock."],
  },
  {
    path: "/settings/orders",
    name: "settings-orders",
    fr: ["Notifications d'expédition", "Transporteurs", "Service de suivi Chronopost", "Protocole TNT"],
    en: ["Shipping notifications", "Carriers", "Chronopost tracking service", "TNT protocol"],
  },
];
