import type { LanguageScreen } from "./types";

// Tuyo (settings, categories, listings, orders), Mail and Alerts, as a fresh shop shows them.
export const SCREENS: LanguageScreen[] = [
  {
    path: "/settings/tuyo",
    name: "tuyo-settings",
    fr: ["Adresse de l'API Tuyo", "Clé utilisée", "Délai de préparation par défaut (heures)", "Tester la connexion"],
    en: ["Tuyo API address", "Key in use", "Default preparation time (hours)", "Test connection"],
  },
  {
    path: "/tuyo/categories",
    name: "tuyo-categories",
    fr: ["Catégories Tuyo", "Correspondances", "Enregistrer la correspondance", "Tuyo n'est pas encore configuré"],
    en: ["Tuyo categories", "Mappings", "Save mapping", "Tuyo is not set up for this shop yet"],
  },
  {
    path: "/tuyo/listings",
    name: "tuyo-listings",
    fr: ["Publications Tuyo", "Produits sur Tuyo", "Publier sur Tuyo", "Type de colis"],
    en: ["Tuyo listings", "Products on Tuyo", "Publish on Tuyo", "Cargo type"],
  },
  {
    path: "/tuyo/orders",
    name: "tuyo-orders",
    fr: ["Commandes Tuyo", "Ventes réalisées sur Tuyo", "Code de la commande Tuyo", "Enregistrer dans Shopify"],
    en: ["Tuyo orders", "Sales made on Tuyo", "Tuyo order code", "Record in Shopify"],
  },
  {
    path: "/mail",
    name: "mail",
    fr: ["Serveur SMTP", "Envoyer un e-mail de test", "Candidatures", "Modèles", "Aucun e-mail envoyé pour l'instant."],
    en: ["SMTP server", "Send test mail", "Job applications", "Templates", "No mail sent yet."],
  },
  {
    path: "/alerts",
    name: "alerts",
    fr: ["Alertes", "Qui est prévenu des échecs", "Une synchronisation a échoué", "Aucune alerte pour l'instant."],
    en: ["Alerts", "Who hears about failures", "A sync run failed", "No alert yet."],
  },
];
