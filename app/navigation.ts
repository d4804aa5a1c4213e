// The sections of the embedded app, in the order of Shopify admin's app navigation.
// A section appears here only once its page does real work.
import { defineWords } from "./i18n/define";

export const APP_SECTIONS = [
  { path: "/app", key: "dashboard" },
  { path: "/app/syncs", key: "syncs" },
  { path: "/app/orders", key: "orders" },
  { path: "/app/unmatched", key: "unmatched" },
  { path: "/app/catalog", key: "catalog" },
  { path: "/app/catalog/readiness", key: "readiness" },
  { path: "/app/promotions", key: "promotions" },
  { path: "/app/fastmag/explorer", key: "explorer" },
  { path: "/app/customers", key: "customers" },
  { path: "/app/gift-cards", key: "giftCards" },
  { path: "/app/mail", key: "mail" },
  { path: "/app/alerts", key: "alerts" },
  { path: "/app/settings", key: "settings" },
  { path: "/app/logs", key: "logs" },
] as const;

export type SectionKey = (typeof APP_SECTIONS)[number]["key"];

export const SECTION_WORDS = defineWords<Record<SectionKey, string>>({
  en: {
    dashboard: "Dashboard",
    syncs: "Syncs",
    orders: "Orders",
    unmatched: "Unmatched SKUs",
    catalog: "Catalog",
    readiness: "Ready to sell",
    promotions: "Promotions",
    explorer: "Fastmag explorer",
    customers: "Customers",
    giftCards: "Gift cards",
    mail: "Mail",
    alerts: "Alerts",
    settings: "Settings",
    logs: "Logs",
  },
  fr: {
    dashboard: "Tableau de bord",
    syncs: "Synchronisations",
    orders: "Commandes",
    unmatched: "SKU sans correspondance",
    catalog: "Catalogue",
    readiness: "Prêt à vendre",
    promotions: "Promotions",
    explorer: "Explorateur Fastmag",
    customers: "Clients",
    giftCards: "Cartes cadeaux",
    mail: "E-mails",
    alerts: "Alertes",
    settings: "Paramètres",
    logs: "Journaux",
  },
});
