// The Dashboard, the Orders list, Unmatched SKUs and a SKU's stock page in French and English, as a fresh
// demo shop shows them (no order, no full stock run yet). The order page is covered in orders-page.test.ts.
import type { LanguageScreen } from "./types";

export const SCREENS: LanguageScreen[] = [
  {
    path: "",
    name: "dashboard",
    fr: ["Tableau de bord", "Connexions", "Dernières synchronisations", "Derniers événements de Shopify"],
    en: ["Dashboard", "Connections", "Latest sync runs", "Latest events from Shopify"],
  },
  {
    path: "/orders",
    name: "orders",
    fr: ["Commandes", "Toutes", "En attente", "Reçues du", "Aucune commande ici.", "Paramètres des transporteurs"],
    en: ["Orders", "All", "Waiting", "Received from", "No orders here.", "Carrier settings"],
  },
  {
    path: "/unmatched",
    name: "unmatched",
    fr: ["SKU sans correspondance", "Rechercher des SKU", "Ignorés", "Associés", "Rien ici."],
    en: ["Unmatched SKUs", "Search SKUs", "Ignored", "Linked", "Nothing here."],
  },
  {
    path: "/stock/NOPE-1",
    name: "stock-sku",
    fr: ["Stock de NOPE-1", "Shopify (maintenant)", "Dernière synchronisation", "Pas encore synchronisé."],
    en: ["Stock of NOPE-1", "Shopify (now)", "Last sync", "Not synced yet."],
  },
];
