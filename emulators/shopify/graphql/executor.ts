// Runs a validated document over the store. Every field resolves through `loudFieldResolver`: a view
// that does not carry the field is a gap in the emulator, reported as a GraphQL error naming the
// field rather than a silent null — so a test using something not emulated yet fails visibly.
import {
  defaultFieldResolver,
  execute,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from "graphql";
import { bulkOperationsModule } from "../resolvers/bulk-operations";
import { catalogImportModule } from "../resolvers/catalog-import";
import { discountsModule } from "../resolvers/discounts";
import { fulfillmentServicesModule } from "../resolvers/fulfillment-services";
import { giftCardsModule } from "../resolvers/gift-cards";
import { inventoryModule } from "../resolvers/inventory";
import { inventoryMutationsModule } from "../resolvers/inventory-mutations";
import { locationsModule } from "../resolvers/locations";
import { mediaModule } from "../resolvers/media";
import { metafieldsModule } from "../resolvers/metafields";
import { nodeModule } from "../resolvers/node";
import { orderCreateModule } from "../resolvers/order-create";
import { orderMutationsModule } from "../resolvers/order-mutations";
import { ordersModule } from "../resolvers/orders";
import { productMutationsModule } from "../resolvers/product-mutations";
import { productsModule } from "../resolvers/products";
import { promotionsModule } from "../resolvers/promotions";
import { mediaChangesModule } from "../resolvers/media-changes";
import { publicationsModule } from "../resolvers/publications";
import { variantMutationsModule } from "../resolvers/variant-mutations";
import { shopModule } from "../resolvers/shop";
import { stagedUploadsModule } from "../resolvers/staged-uploads";
import { storeCreditModule } from "../resolvers/store-credit";
import { webhooksModule } from "../resolvers/webhooks";
import { withUnboundedConnections } from "./connection";
import type { DomainModule, ResolverContext, RootResolver } from "./context";

/** Add a domain here (orders, fulfillments, gift cards, discounts, bulk operations…). */
export const DOMAIN_MODULES: DomainModule[] = [
  shopModule,
  locationsModule,
  productsModule,
  productMutationsModule,
  inventoryModule,
  inventoryMutationsModule,
  webhooksModule,
  variantMutationsModule,
  bulkOperationsModule,
  fulfillmentServicesModule,
  ordersModule,
  orderMutationsModule,
  orderCreateModule,
  // After the modules whose productSet, stagedUploadsCreate and tagsAdd they extend (later entries win).
  catalogImportModule,
  metafieldsModule,
  mediaModule,
  stagedUploadsModule,
  giftCardsModule,
  storeCreditModule,
  promotionsModule,
  discountsModule,
  publicationsModule,
  mediaChangesModule,
  nodeModule,
];

function rootOf(kind: "query" | "mutation"): Record<string, RootResolver> {
  const root: Record<string, RootResolver> = {};
  for (const module of DOMAIN_MODULES) Object.assign(root, module[kind] ?? {});
  return root;
}

const queryRoot = rootOf("query");
const mutationRoot = rootOf("mutation");

const loudFieldResolver: GraphQLFieldResolver<unknown, ResolverContext> = (source, args, context, info) => {
  if (source !== null && typeof source === "object" && Object.hasOwn(source, info.fieldName)) {
    return defaultFieldResolver(source, args, context, info);
  }
  throw new GraphQLError(`emulator: ${info.parentType.name}.${info.fieldName} is not implemented`, {
    extensions: { code: "NOT_IMPLEMENTED" },
  });
};

const typeResolver: GraphQLTypeResolver<unknown, ResolverContext> = (value, _context, info) => {
  const typename = (value as { __typename?: string } | null)?.__typename;
  if (!typename)
    throw new GraphQLError(
      `emulator: cannot tell the concrete type of a ${info.parentType.name}.${info.fieldName} value`,
    );
  return typename;
};

export async function executeAdmin(input: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: "query" | "mutation" | "subscription";
  variables: Record<string, unknown>;
  operationName?: string | null;
  context: ResolverContext;
}): Promise<ExecutionResult> {
  if (input.operation === "subscription") {
    return { errors: [new GraphQLError("emulator: subscriptions are not implemented")] };
  }
  // Root resolvers take (args, ctx); graphql's default resolver calls functions on the source that way.
  const rootValue = input.operation === "mutation" ? mutationRoot : queryRoot;
  return execute({
    schema: input.schema,
    document: input.document,
    rootValue,
    contextValue: input.context,
    variableValues: input.variables,
    operationName: input.operationName ?? undefined,
    fieldResolver: loudFieldResolver,
    typeResolver,
  });
}

/** Runs a query or mutation for a bulk operation: synchronously, connections without page limits. */
export function executeBulk(input: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: "query" | "mutation";
  variables: Record<string, unknown>;
  context: ResolverContext;
}): ExecutionResult {
  const result = withUnboundedConnections(() =>
    execute({
      schema: input.schema,
      document: input.document,
      rootValue: input.operation === "mutation" ? mutationRoot : queryRoot,
      contextValue: input.context,
      variableValues: input.variables,
      fieldResolver: loudFieldResolver,
      typeResolver,
    }),
  );
  if (result instanceof Promise) throw new Error("emulator: bulk operations need synchronous resolvers");
  return result;
}
