import type { LanguageScreen } from "./types";

// Catalog, Ready to sell, Promotions, New promotion, Customers, Gift cards, as a fresh shop shows them
// (no catalog source set up, no promotion, no gift card checked). A promotion's own page is walked in
// French by tests/e2e/promotions.test.ts.
export const SCREENS: LanguageScreen[] = [
  {
    path: "/catalog",
    name: "catalog",
    fr: ["Catalogue", "Aucune source de catalogue pour l'instant", "La configurer"],
    en: ["Catalog", "No catalog source yet", "Set it up"],
  },
  {
    path: "/catalog/readiness",
    name: "readiness",
    fr: ["Prêt à vendre", "Publier maintenant", "Règles", "Au moins une image", "Enregistrer les règles"],
    en: ["Ready to sell", "Publish now", "Rules", "At least one image", "Save rules"],
  },
  {
    path: "/promotions",
    name: "promotions",
    fr: ["Toutes les promotions", "Créer une promotion", "Aucune promotion pour l'instant.", "Arrondi des prix"],
    en: ["All promotions", "Create promotion", "No promotion yet.", "Rounding of promotion prices"],
  },
  {
    path: "/promotions/new",
    name: "promotion-new",
    fr: ["Créer une promotion", "Pourcentage de réduction", "Affichée comme", "Choisir des produits", "Prévisualiser"],
    en: ["Create promotion", "Percentage off", "Shown as", "Pick products", "Preview"],
  },
  {
    path: "/customers",
    name: "customers",
    fr: ["E-mail du client", "Rechercher", "Crédit en magasin Shopify", "Reporter maintenant"],
    en: ["Customer e-mail", "Search", "Shopify store credit", "Mirror now"],
  },
  {
    path: "/gift-cards",
    name: "gift-cards",
    fr: ["Vérifier une carte cadeau", "Code ou e-mail du client", "Aucune carte cadeau vérifiée pour l'instant."],
    en: ["Check a gift card", "Code or customer e-mail", "No gift card checked yet."],
  },
];
