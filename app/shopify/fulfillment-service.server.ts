// The app's fulfillment service: registered once per shop (inventory management and tracking on), which
// gives it a Location. Shopify then asks <appUrl>/fulfillment/fetch_stock for stock.
import { assertNoUserErrors, type ShopifyAdminClient } from "./admin-client.server";
import {
  FULFILLMENT_SERVICE_CREATE,
  FULFILLMENT_SERVICES,
  type FulfillmentServiceFields,
} from "./operations/fulfillment";

export const FULFILLMENT_SERVICE_NAME = "Passerelle";

export const fulfillmentCallbackUrl = (appUrl: string) => `${appUrl.replace(/\/$/, "")}/fulfillment`;

/** Registers the service unless it exists (same name); returns it with its location. */
export async function ensureFulfillmentService(
  client: ShopifyAdminClient,
  appUrl: string,
  name = FULFILLMENT_SERVICE_NAME,
): Promise<FulfillmentServiceFields & { created: boolean }> {
  const { data } = await client.request(FULFILLMENT_SERVICES);
  const existing = data.shop.fulfillmentServices.find((s) => s.serviceName === name);
  if (existing) return { ...existing, created: false };
  const created = await client.request(FULFILLMENT_SERVICE_CREATE, {
    name,
    callbackUrl: fulfillmentCallbackUrl(appUrl),
  });
  const payload = assertNoUserErrors("fulfillmentServiceCreate", created.data.fulfillmentServiceCreate);
  return { ...payload.fulfillmentService!, created: true };
}
