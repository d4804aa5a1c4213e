// Shipping an order in Shopify once the back office says it left: accept the fulfillment request on
// our fulfillment orders, then one fulfillment with the carrier, number and tracking URL.
import { chronopostTrackingUrl } from "../../connectors/chronopost/client.server";
import { tntTrackingUrl } from "../../connectors/tnt/client.server";
import { said } from "../../i18n/stored-words";
import { PermanentError } from "../../lib/errors";
import { assertNoUserErrors } from "../../shopify/admin-client.server";
import {
  ACCEPT_FULFILLMENT_REQUEST,
  CREATE_FULFILLMENT,
  ORDER_FULFILLMENT_STATE,
} from "../../shopify/operations/orders";
import type { AdminRequester } from "./shopify-client.server";

/** Carrier names as Shopify knows them (its list of supported tracking companies). */
export function shopifyCarrier(carrier: string | undefined): string {
  const name = (carrier ?? "").toUpperCase();
  if (name.includes("CHRONO")) return "Chronopost";
  if (name.includes("TNT")) return "TNT";
  if (name.includes("COLISSIMO")) return "Colissimo";
  if (name.includes("DPD")) return "DPD";
  if (name.includes("UPS")) return "UPS";
  return carrier ?? "Other";
}

export function trackingUrlFor(carrier: string | undefined, number: string): string | undefined {
  const name = shopifyCarrier(carrier);
  if (name === "Chronopost") return chronopostTrackingUrl(number);
  if (name === "TNT") return tntTrackingUrl(number);
  if (name === "Colissimo") return `https://www.laposte.fr/outils/suivre-vos-envois?code=${encodeURIComponent(number)}`;
  return undefined;
}

export type FulfillOutcome =
  | { kind: "created"; fulfillmentId: string }
  | { kind: "existing"; fulfillmentId: string }
  | { kind: "nothing-to-fulfill" };

/**
 * Creates the fulfillment for what remains on the order's open fulfillment orders (those at
 * `locationId` when given). A fulfillment already carrying this tracking number is reused, so a
 * rerun after a crash does not ship twice. A new tracking number ships what remains (partial shipments).
 */
export async function fulfillWithTracking(
  shopify: AdminRequester,
  input: {
    shopifyOrderId: string;
    carrier?: string;
    trackingNumber: string;
    notifyCustomer: boolean;
    locationId?: string;
    /** What the merchant calls the system that ships (the status source's connector name). */
    warehouseName: string;
  },
): Promise<FulfillOutcome> {
  const { data } = await shopify.request(ORDER_FULFILLMENT_STATE, { id: input.shopifyOrderId });
  const order = data.order;
  if (!order) throw new PermanentError(`Shopify no longer has order ${input.shopifyOrderId}.`);
  const existing = order.fulfillments.find(
    (f) => f.status !== "CANCELLED" && f.trackingInfo.some((t) => t.number === input.trackingNumber),
  );
  if (existing) return { kind: "existing", fulfillmentId: existing.id };

  const open = order.fulfillmentOrders.nodes.filter(
    (fo) =>
      (fo.status === "OPEN" || fo.status === "IN_PROGRESS") &&
      (!input.locationId || fo.assignedLocation.location?.id === input.locationId) &&
      fo.lineItems.nodes.some((l) => l.remainingQuantity > 0),
  );
  if (open.length === 0) return { kind: "nothing-to-fulfill" };
  for (const fo of open) {
    // Shopify sent our fulfillment service a request: it must be accepted before fulfilling.
    if (fo.requestStatus === "SUBMITTED") {
      const { data: accepted } = await shopify.request(ACCEPT_FULFILLMENT_REQUEST, {
        id: fo.id,
        message: `Taken by the warehouse (${input.warehouseName})`,
      });
      assertNoUserErrors("fulfillmentOrderAcceptFulfillmentRequest", accepted.fulfillmentOrderAcceptFulfillmentRequest);
    }
  }
  const company = shopifyCarrier(input.carrier);
  const url = trackingUrlFor(input.carrier, input.trackingNumber);
  const { data: created } = await shopify.request(CREATE_FULFILLMENT, {
    fulfillment: {
      lineItemsByFulfillmentOrder: open.map((fo) => ({
        fulfillmentOrderId: fo.id,
        fulfillmentOrderLineItems: fo.lineItems.nodes
          .filter((l) => l.remainingQuantity > 0)
          .map((l) => ({ id: l.id, quantity: l.remainingQuantity })),
      })),
      trackingInfo: { company, number: input.trackingNumber, ...(url ? { url } : {}) },
      notifyCustomer: input.notifyCustomer,
    },
  });
  const payload = assertNoUserErrors("fulfillmentCreate", created.fulfillmentCreate);
  if (!payload.fulfillment)
    throw new PermanentError(said("words6.shopify.noFulfillment", { operation: "fulfillmentCreate" }));
  return { kind: "created", fulfillmentId: payload.fulfillment.id };
}
