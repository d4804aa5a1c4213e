// The parts a shop sets up, in French, for the Dashboard's setup steps and checklist ("Set up a stock
// source"): app/capabilities keeps the English every other caller reads.
import { CAPABILITY_WORDS, type CapabilityName } from "../capabilities";
import type { Locale } from "../i18n/locale";

const FRENCH: Record<CapabilityName, string> = {
  "stock-source": "une source de stock",
  "stock-destination": "un système qui reçoit le stock",
  "price-source": "une source de prix",
  "order-destination": "un système qui reçoit les commandes",
  "order-status-source": "une source de statuts de commande",
  "tracking-source": "un suivi de colis",
  "shipment-destination": "un système prévenu des expéditions",
  "catalog-source": "une source de produits",
  "image-source": "une source de photos de produits",
  "event-destination": "un système qui reçoit les événements de Shopify",
  "gift-card-source": "un système qui vend des cartes cadeaux",
  "promotion-destination": "un système qui reçoit les promotions",
  "catalog-destination": "une marketplace où les produits sont publiés",
  "order-status-destination": "un système informé de l'avancement de ses commandes",
  "customer-credit-source": "un système qui tient les cagnottes et avoirs des clients",
};

/**
 * What to set up, in the admin's language: a connector's name stays as it is; a part nobody plays yet
 * (the hint's key is then the capability) is said in French for a French admin.
 */
export function whatInWords(key: string, what: string, locale: Locale): string {
  if (locale !== "fr" || !(key in CAPABILITY_WORDS)) return what;
  return FRENCH[key as CapabilityName];
}
