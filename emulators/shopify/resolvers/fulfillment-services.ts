// Fulfillment services: fulfillmentServiceCreate registers an app's service and creates its Location;
// Shop.fulfillmentServices and fulfillmentService(id:) list them. The emulator's control API calls a
// service's fetch_stock callback as Shopify does (http/fulfillment-callbacks.ts).
import { handleize } from "../catalog";
import { gid, idOf, userError, type DomainModule, type ResolverContext, type View } from "../graphql/context";
import type { ShopRecord } from "../store";
import { locationView } from "./locations";

export interface FulfillmentServiceRecord {
  id: number;
  serviceName: string;
  handle: string;
  callbackUrl: string | null;
  inventoryManagement: boolean;
  trackingSupport: boolean;
  requiresShippingMethod: boolean;
  locationId: number;
}

const servicesByShop = new WeakMap<ShopRecord, Map<number, FulfillmentServiceRecord>>();

export function fulfillmentServicesOf(shop: ShopRecord): Map<number, FulfillmentServiceRecord> {
  let services = servicesByShop.get(shop);
  if (!services) servicesByShop.set(shop, (services = new Map()));
  return services;
}

export function fulfillmentServiceView(ctx: ResolverContext, service: FulfillmentServiceRecord): View {
  return {
    __typename: "FulfillmentService",
    id: `${gid("FulfillmentService", service.id)}?id=true`,
    serviceName: service.serviceName,
    handle: service.handle,
    callbackUrl: service.callbackUrl,
    inventoryManagement: service.inventoryManagement,
    trackingSupport: service.trackingSupport,
    requiresShippingMethod: service.requiresShippingMethod,
    fulfillmentOrdersOptIn: true,
    type: "THIRD_PARTY",
    location: () => {
      const location = ctx.shop.locations.get(service.locationId);
      return location ? locationView(ctx, location) : null;
    },
  };
}

function fulfillmentServiceCreate(
  args: {
    name: string;
    callbackUrl?: string | null;
    inventoryManagement?: boolean | null;
    trackingSupport?: boolean | null;
    requiresShippingMethod?: boolean | null;
  },
  ctx: ResolverContext,
) {
  const payload = (service: View | null, errors: View[]) => ({
    __typename: "FulfillmentServiceCreatePayload",
    fulfillmentService: service,
    userErrors: errors,
  });
  const services = fulfillmentServicesOf(ctx.shop);
  const name = args.name.trim();
  if (!name) return payload(null, [userError("UserError", ["name"], "Name can't be blank")]);
  if ([...services.values()].some((s) => s.serviceName === name))
    return payload(null, [userError("UserError", ["name"], "Name has already been taken")]);
  if (args.callbackUrl && !/^https?:\/\//.test(args.callbackUrl))
    return payload(null, [userError("UserError", ["callbackUrl"], "Callback url is invalid")]);
  const location = ctx.store.addLocation(ctx.shop, { name, fulfillsOnlineOrders: true });
  const service: FulfillmentServiceRecord = {
    id: ctx.store.nextId(),
    serviceName: name,
    handle: handleize(name),
    callbackUrl: args.callbackUrl ?? null,
    inventoryManagement: args.inventoryManagement ?? false,
    trackingSupport: args.trackingSupport ?? false,
    requiresShippingMethod: args.requiresShippingMethod ?? true,
    locationId: location.id,
  };
  services.set(service.id, service);
  return payload(fulfillmentServiceView(ctx, service), []);
}

export const fulfillmentServicesModule: DomainModule = {
  query: {
    fulfillmentService: (args: { id: string }, ctx) => {
      const service = fulfillmentServicesOf(ctx.shop).get(idOf(args.id, "FulfillmentService") ?? -1);
      return service ? fulfillmentServiceView(ctx, service) : null;
    },
  },
  mutation: { fulfillmentServiceCreate },
  nodes: {
    FulfillmentService: (ctx, id) => {
      const service = fulfillmentServicesOf(ctx.shop).get(id);
      return service ? fulfillmentServiceView(ctx, service) : null;
    },
  },
};
