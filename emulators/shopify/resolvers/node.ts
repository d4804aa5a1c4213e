// Query.node / nodes: any emulated type by its gid, through the `nodes` builders of every domain.
import { parseGid, type DomainModule, type ResolverContext, type View } from "../graphql/context";
import { bulkOperationsModule } from "./bulk-operations";
import { catalogImportModule } from "./catalog-import";
import { discountsModule } from "./discounts";
import { fulfillmentServicesModule } from "./fulfillment-services";
import { giftCardsModule } from "./gift-cards";
import { inventoryModule } from "./inventory";
import { locationsModule } from "./locations";
import { mediaModule } from "./media";
import { productsModule } from "./products";
import { promotionsModule } from "./promotions";
import { publicationsModule } from "./publications";
import { shopModule } from "./shop";
import { storeCreditModule } from "./store-credit";
import { webhooksModule } from "./webhooks";

const builders = () => ({
  ...shopModule.nodes,
  ...locationsModule.nodes,
  ...productsModule.nodes,
  ...inventoryModule.nodes,
  ...webhooksModule.nodes,
  ...bulkOperationsModule.nodes,
  ...fulfillmentServicesModule.nodes,
  ...catalogImportModule.nodes,
  ...mediaModule.nodes,
  ...giftCardsModule.nodes,
  ...storeCreditModule.nodes,
  ...promotionsModule.nodes,
  ...discountsModule.nodes,
  ...publicationsModule.nodes,
});

function nodeOf(ctx: ResolverContext, id: string): View | null {
  const parsed = parseGid(id);
  if (!parsed) return null;
  const build = builders()[parsed.type];
  if (!build) throw new Error(`emulator: node(id: "gid://shopify/${parsed.type}/…") is not implemented`);
  return build(ctx, parsed.id);
}

export const nodeModule: DomainModule = {
  query: {
    node: (args: { id: string }, ctx) => nodeOf(ctx, args.id),
    nodes: (args: { ids: string[] }, ctx) => args.ids.map((id) => nodeOf(ctx, id)),
  },
};
