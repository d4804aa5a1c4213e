// A system that receives the shop's Shopify events as they happened (the ERP event feed). Events are
// passed through as Shopify sent them: the destination gets the bytes, never a re-serialised copy.
import type { Message } from "../i18n/stored-words";

export interface ShopEvent {
  /** Shopify's webhook id: the same event delivered twice by Shopify is one event. */
  id: string;
  /** Shopify's topic, e.g. "orders/create", "fulfillments/update", "products/update". */
  topic: string;
  shop: string;
  apiVersion: string;
  occurredAt: Date;
  /** The resource the event is about ("order 123"): events of one resource are delivered in order. */
  resourceKey: string;
  body: Uint8Array;
}

export type EventDelivery =
  /** The destination took it (2xx). */
  (
    | { outcome: "delivered"; status: number; ms: number }
    /** Worth another attempt later (timeout, 5xx, 4xx other than "gone"); the reason with its words, for
     *  the admin's language (ADR 0021). */
    | { outcome: "retry"; status?: number; ms: number; reason: Message }
    /** The destination said it no longer wants events (410): stop sending until the merchant says so. */
    | { outcome: "gone"; status: number; ms: number }
  ) & {
    /** The first bytes of the destination's answer, for the delivery log (null when none). */
    answer?: string | null;
  };

export interface EventDestination {
  deliver(event: ShopEvent): Promise<EventDelivery>;
}
