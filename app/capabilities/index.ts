// The parts a connected system can play for a shop, one port per file in this folder. A connector's
// manifest says which it offers (app/connectors/define.ts); use-cases ask the registry for the shop's
// provider of one, never a connector by name.
import type { CatalogDestination } from "./catalog-destination";
import type { CatalogSource } from "./catalog-source";
import type { CustomerCreditSource } from "./customer-credit-source";
import type { EventDestination } from "./event-destination";
import type { GiftCardSource } from "./gift-card-source";
import type { ImageSource } from "./image-source";
import type { OrderDestination } from "./order-destination";
import type { OrderStatusDestination } from "./order-status-destination";
import type { OrderStatusSource } from "./order-status-source";
import type { PriceSource } from "./price-source";
import type { PromotionDestination } from "./promotion-destination";
import type { ShipmentDestination } from "./shipment-destination";
import type { StockDestination } from "./stock-destination";
import type { StockSource } from "./stock-source";
import type { TrackingSource } from "./tracking-source";

export interface CapabilityPorts {
  "stock-source": StockSource;
  "stock-destination": StockDestination;
  "price-source": PriceSource;
  "order-destination": OrderDestination;
  "order-status-source": OrderStatusSource;
  "tracking-source": TrackingSource;
  "shipment-destination": ShipmentDestination;
  "catalog-source": CatalogSource;
  "image-source": ImageSource;
  "event-destination": EventDestination;
  "gift-card-source": GiftCardSource;
  "promotion-destination": PromotionDestination;
  "catalog-destination": CatalogDestination;
  "order-status-destination": OrderStatusDestination;
  "customer-credit-source": CustomerCreditSource;
}

export type CapabilityName = keyof CapabilityPorts;

/** How the merchant's screens name each part: "Stock comes from Fastmag". */
export const CAPABILITY_WORDS: Record<CapabilityName, string> = {
  "stock-source": "a stock source",
  "stock-destination": "a system that receives stock",
  "price-source": "a price source",
  "order-destination": "a system that receives orders",
  "order-status-source": "a source of order statuses",
  "tracking-source": "a parcel tracker",
  "shipment-destination": "a system told when orders ship",
  "catalog-source": "a source of products",
  "image-source": "a source of product photos",
  "event-destination": "a system that receives Shopify's events",
  "gift-card-source": "a system that sells gift cards",
  "promotion-destination": "a system that receives promotions",
  "catalog-destination": "a marketplace products are listed on",
  "order-status-destination": "a system told how its orders progress",
  "customer-credit-source": "a system holding customers' wallets and credit notes",
};
