// Query.shop: the store's identity, plan, timezone and currency.
import { gid, type DomainModule, type ResolverContext, type View } from "../graphql/context";
import type { ShopRecord } from "../store";
import { fulfillmentServicesOf, fulfillmentServiceView } from "./fulfillment-services";

const PLAN_NAMES: Record<ShopRecord["plan"], string> = {
  Standard: "Shopify",
  Advanced: "Advanced",
  Plus: "Shopify Plus",
  Enterprise: "Commerce Components",
};

export function shopView(shop: ShopRecord): View {
  const url = `https://${shop.domain}`;
  return {
    __typename: "Shop",
    id: gid("Shop", shop.id),
    name: shop.name,
    myshopifyDomain: shop.domain,
    email: shop.email,
    contactEmail: shop.email,
    shopOwnerName: `${shop.name} owner`,
    ianaTimezone: shop.ianaTimezone,
    currencyCode: shop.currencyCode,
    fulfillmentServices: (_args: unknown, ctx: ResolverContext) =>
      [...fulfillmentServicesOf(shop).values()].map((s) => fulfillmentServiceView(ctx, s)),
    enabledPresentmentCurrencies: [shop.currencyCode],
    weightUnit: "KILOGRAMS",
    unitSystem: "METRIC_SYSTEM",
    taxesIncluded: true,
    taxShipping: false,
    setupRequired: false,
    checkoutApiSupported: true,
    url,
    createdAt: shop.createdAt,
    updatedAt: shop.createdAt,
    description: null,
    orderNumberFormatPrefix: "#",
    orderNumberFormatSuffix: "",
    plan: {
      __typename: "ShopPlan",
      publicDisplayName: PLAN_NAMES[shop.plan],
      displayName: PLAN_NAMES[shop.plan],
      shopifyPlus: shop.plan === "Plus" || shop.plan === "Enterprise",
      partnerDevelopment: false,
    },
    primaryDomain: {
      __typename: "Domain",
      id: gid("Domain", shop.id),
      host: shop.domain,
      url,
      sslEnabled: true,
      localization: null,
      marketWebPresence: null,
    },
  };
}

export const shopModule: DomainModule = {
  query: {
    shop: (_args, ctx: ResolverContext) => shopView(ctx.shop),
  },
  nodes: {
    Shop: (ctx, id) => (id === ctx.shop.id ? shopView(ctx.shop) : null),
  },
};
