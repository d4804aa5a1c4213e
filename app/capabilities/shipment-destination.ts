// A system that keeps its own copy of the shop's orders and must be told when one has shipped
// (RetailCRM as the warehouse system: order[shipped], shipmentStore, shipmentDate). Telling it twice
// changes nothing: the port says what it found.
import type { CalendarDate } from "../domain/catalog";

export interface Shipment {
  /** Shopify's numeric order id (the system keys the order by it). */
  shopifyOrderId: string;
  /** The day the order was fulfilled. */
  shippedOn: CalendarDate;
}

export type ShipmentOutcome = "marked" | "already-shipped" | "unknown-order";

export interface ShipmentDestination {
  markShipped(shipment: Shipment): Promise<ShipmentOutcome>;
}
