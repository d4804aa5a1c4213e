// Point of sale settings, the ERP event feed (settings and deliveries) and the Fastmag explorer, as a
// fresh shop shows them: no POS account, no endpoint, no delivery, no lookup yet.
import type { LanguageScreen } from "./types";

export const SCREENS: LanguageScreen[] = [
  {
    path: "/settings/pos",
    name: "settings-pos",
    fr: [
      "Point de vente",
      "Aucun compte de point de vente pour l'instant.",
      "Nouveau compte",
      "Système de point de vente",
      "Jeton d'accès",
      "Tester la connexion",
    ],
    en: [
      "Point of sale",
      "No point-of-sale account yet.",
      "New account",
      "Point-of-sale system",
      "Access token",
      "Test connection",
    ],
  },
  {
    path: "/settings/event-feed",
    name: "settings-event-feed",
    fr: [
      "Flux d'événements ERP",
      "Aucun point de terminaison pour l'instant",
      "Ajouter un point de terminaison",
      "Commandes et expéditions",
      "En-têtes personnalisés",
    ],
    en: ["ERP event feed", "No endpoint yet", "Add an endpoint", "Orders and fulfillments", "Custom headers"],
  },
  {
    path: "/event-feed",
    name: "event-feed",
    fr: [
      "Flux d'événements",
      "Livraisons",
      "Aucune livraison.",
      "Rechercher les événements manqués dans Shopify",
      "Renvoyer cette période",
    ],
    en: ["Event feed", "Deliveries", "No deliveries.", "Check Shopify for missed events", "Replay this time range"],
  },
  {
    path: "/fastmag/explorer",
    name: "fastmag-explorer",
    fr: ["Explorateur Fastmag", "Consultez Fastmag tel que les synchronisations le voient.", "Produit par SKU"],
    en: ["Fastmag explorer", "Look things up in Fastmag, as the syncs see them.", "Product by SKU"],
  },
];
