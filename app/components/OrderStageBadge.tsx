import { Badge } from "@shopify/polaris";
import { defineWords, useLocale } from "../i18n/words";
import type { Locale } from "../i18n/locale";

const TONES = {
  error: "critical",
  waiting: "attention",
  exported: "info",
  shipped: "success",
  delivered: "success",
  cancelled: "warning",
  refunded: "warning",
} as const;

export type OrderStage = keyof typeof TONES;

const WORDS = defineWords<Record<OrderStage, (destinationName: string) => string>>({
  en: {
    error: () => "Error",
    waiting: () => "Waiting",
    exported: (destinationName) => `In ${destinationName}`,
    shipped: () => "Shipped",
    delivered: () => "Delivered",
    cancelled: () => "Cancelled",
    refunded: () => "Refunded",
  },
  fr: {
    error: () => "Erreur",
    waiting: () => "En attente",
    exported: (destinationName) => `Dans ${destinationName}`,
    shipped: () => "Expédiée",
    delivered: () => "Livrée",
    cancelled: () => "Annulée",
    refunded: () => "Remboursée",
  },
});

/** The badge's words: an exported order is "in" the system the shop sends its orders to. */
export function orderStageLabel(stage: OrderStage, destinationName: string, locale: Locale = "en"): string {
  return WORDS[locale][stage](destinationName);
}

/** Where an order stands between Shopify, the order destination and the carrier. */
export function OrderStageBadge({ stage, destinationName }: { stage: OrderStage; destinationName: string }) {
  return <Badge tone={TONES[stage]}>{orderStageLabel(stage, destinationName, useLocale())}</Badge>;
}
