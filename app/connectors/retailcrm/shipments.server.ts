// RetailCRM as a shipment destination: a fulfilled Shopify order is marked shipped in RetailCRM
// (seed 002: POST /api/v5/orders/{externalId}/edit with order[shipped], order[shipmentStore],
// order[shipmentDate]). RetailCRM's order is keyed by externalId = the Shopify order's numeric id. The
// order is read first, so a repeat changes nothing; an order RetailCRM does not have is not an error.
import type { ShipmentDestination } from "../../capabilities/shipment-destination";
import { said } from "../../i18n/stored-words";
import { ExternalSystemError } from "../../lib/errors";
import { RetailCrmRefusedError, type RetailCrmClient } from "./client.server";

export function retailCrmShipmentDestination(client: RetailCrmClient, storeCode: string): ShipmentDestination {
  return {
    async markShipped({ shopifyOrderId, shippedOn }) {
      if (!/^\d{1,20}$/.test(shopifyOrderId))
        throw new ExternalSystemError(said("retailcrm.notAnOrderId", { id: shopifyOrderId }));
      const path = `/api/v5/orders/${shopifyOrderId}`;
      let order: { shipped?: unknown } | undefined;
      try {
        order = (await client.get(path, { by: "externalId" })).order as { shipped?: unknown } | undefined;
      } catch (error) {
        if (error instanceof RetailCrmRefusedError && error.status === 404) return "unknown-order";
        throw error;
      }
      if (order?.shipped === true) return "already-shipped";
      try {
        await client.post(`${path}/edit`, {
          by: "externalId",
          order: { shipped: true, shipmentStore: storeCode, shipmentDate: shippedOn },
        });
      } catch (error) {
        if (error instanceof RetailCrmRefusedError && error.status === 400 && hasField(error.errors, "shipped"))
          throw new ExternalSystemError(said("retailcrm.moduleNeeded"), { cause: error });
        if (error instanceof RetailCrmRefusedError && error.status === 404) return "unknown-order";
        throw error;
      }
      return "marked";
    },
  };
}

const hasField = (errors: unknown, field: string) =>
  !!errors && typeof errors === "object" && !Array.isArray(errors) && field in errors;
