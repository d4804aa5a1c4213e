// Metafield definitions and product metafields: metafieldDefinitionCreate (PRODUCT owner) with the
// uniqueValues capability (always on for the `id` type), metafieldsSet on products (all or nothing,
// unique values enforced; orders stay with order-mutations.ts), Product.metafield and the
// metafieldDefinitions lookup. productSet enforces the same uniqueness (catalog-import.ts).
import {
  gid,
  idOf,
  notImplemented,
  userError,
  type DomainModule,
  type ResolverContext,
  type View,
} from "../graphql/context";
import {
  merchandisingOf,
  metafieldKey,
  ownerWithValue,
  uniqueDefinition,
  APP_NAMESPACE,
  type MerchandisingState,
  type MetafieldValue,
} from "../merchandising";
import { connection, type ConnectionArgs } from "../graphql/connection";
import { orderMutationsModule } from "./order-mutations";

export interface MetafieldInput {
  namespace?: string | null;
  key?: string | null;
  type?: string | null;
  value?: string | null;
}

// The types Shopify lets carry the uniqueValues capability.
const UNIQUE_TYPES = ["single_line_text_field", "number_integer", "url", "id"];

interface DefinitionInput {
  namespace?: string | null;
  key: string;
  name: string;
  type: string;
  ownerType: string;
  capabilities?: { uniqueValues?: { enabled: boolean } | null } | null;
  [other: string]: unknown;
}

function definitionView(d: ReturnType<MerchandisingState["definitions"]["get"]> & object): View {
  const capability = (typename: string, enabled: boolean, eligible = true) => ({
    __typename: typename,
    enabled,
    eligible,
  });
  return {
    __typename: "MetafieldDefinition",
    id: gid("MetafieldDefinition", d.id),
    namespace: d.namespace,
    key: d.key,
    name: d.name,
    ownerType: d.ownerType,
    description: null,
    pinnedPosition: null,
    type: { __typename: "MetafieldDefinitionType", name: d.type, category: "TEXT" },
    capabilities: {
      __typename: "MetafieldCapabilities",
      uniqueValues: capability("MetafieldCapabilityUniqueValues", d.uniqueValues, UNIQUE_TYPES.includes(d.type)),
      adminFilterable: {
        __typename: "MetafieldCapabilityAdminFilterable",
        enabled: false,
        eligible: true,
        status: "NOT_FILTERABLE",
      },
      smartCollectionCondition: capability("MetafieldCapabilitySmartCollectionCondition", false),
      analyticsQueryable: capability("MetafieldCapabilityAnalyticsQueryable", false),
      cartToOrderCopyable: capability("MetafieldCapabilityCartToOrderCopyable", false),
    },
  };
}

function metafieldDefinitionCreate(args: { definition: DefinitionInput }, ctx: ResolverContext) {
  const input = args.definition;
  // pin and useAsCollectionCondition default to false in the schema; only `true` asks for more.
  for (const key of ["access", "constraints", "validations", "pin", "useAsCollectionCondition"])
    if (input[key] != null && input[key] !== false) throw notImplemented(`MetafieldDefinitionInput.${key}`);
  if (input.ownerType !== "PRODUCT") throw notImplemented(`metafieldDefinitionCreate(ownerType: ${input.ownerType})`);
  const state = merchandisingOf(ctx.store, ctx.shop);
  const failed = (field: string[], message: string, code: string) => ({
    __typename: "MetafieldDefinitionCreatePayload",
    createdDefinition: null,
    userErrors: [
      {
        ...userError("MetafieldDefinitionCreateUserError", field, message, code),
        elementIndex: null,
        elementKey: null,
      },
    ],
  });
  const namespace = input.namespace || APP_NAMESPACE;
  const taken = [...state.definitions.values()].some(
    (d) => d.ownerType === input.ownerType && metafieldKey(d.namespace, d.key) === metafieldKey(namespace, input.key),
  );
  if (taken)
    return failed(["definition", "key"], "Key is in use for Product metafields on the 'namespace' namespace.", "TAKEN");
  // ID metafields are always unique; other types only when asked and eligible.
  const unique = input.type === "id" || Boolean(input.capabilities?.uniqueValues?.enabled);
  if (unique && !UNIQUE_TYPES.includes(input.type))
    return failed(
      ["definition", "capabilities", "uniqueValues"],
      `The unique values capability is not available for type ${input.type}.`,
      "INVALID_CAPABILITY",
    );
  const definition = {
    id: ctx.store.nextId(),
    namespace,
    key: input.key,
    name: input.name,
    type: input.type,
    ownerType: input.ownerType,
    uniqueValues: unique,
    createdAt: ctx.store.timestamp(),
  };
  state.definitions.set(definition.id, definition);
  return {
    __typename: "MetafieldDefinitionCreatePayload",
    createdDefinition: definitionView(definition),
    userErrors: [],
  };
}

/** Fields spread into the Product view: its metafields. */
export function productMetafieldFields(ctx: ResolverContext, productId: number): Record<string, unknown> {
  const fields = () => [...(merchandisingOf(ctx.store, ctx.shop).metafields.get(productId)?.values() ?? [])];
  return {
    metafield: (args: { namespace?: string | null; key: string }) => {
      const found = fields().find((m) => metafieldKey(m.namespace, m.key) === metafieldKey(args.namespace, args.key));
      return found ? metafieldView(found) : null;
    },
  };
}

export function writeMetafields(ctx: ResolverContext, ownerId: number, metafields: MetafieldInput[]): void {
  const state = merchandisingOf(ctx.store, ctx.shop);
  let fields = state.metafields.get(ownerId);
  if (!fields) state.metafields.set(ownerId, (fields = new Map()));
  const now = ctx.store.timestamp();
  for (const m of metafields) {
    const k = metafieldKey(m.namespace, m.key!);
    const existing = fields.get(k);
    fields.set(k, {
      id: existing?.id ?? ctx.store.nextId(),
      namespace: m.namespace || APP_NAMESPACE,
      key: m.key!,
      type: m.type ?? existing?.type ?? "single_line_text_field",
      value: m.value!,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
  }
}

const metafieldView = (m: MetafieldValue): View => ({
  __typename: "Metafield",
  id: gid("Metafield", m.id),
  namespace: m.namespace,
  key: m.key,
  type: m.type,
  value: m.value,
  createdAt: m.createdAt,
  updatedAt: m.updatedAt,
});

type SetInput = MetafieldInput & { ownerId: string; compareDigest?: string | null };
type MetafieldsSet = (args: { metafields: SetInput[] }, ctx: ResolverContext) => unknown;
// Read at call time: the modules import each other through the executor.
const orderMetafieldsSet: MetafieldsSet = (args, ctx) =>
  (orderMutationsModule.mutation!.metafieldsSet as MetafieldsSet)(args, ctx);

function metafieldsSet(args: { metafields: SetInput[] }, ctx: ResolverContext) {
  const owners = args.metafields.map((m) => idOf(m.ownerId, "Product"));
  if (owners.every((id) => id === undefined)) return orderMetafieldsSet(args, ctx);
  if (owners.some((id) => id === undefined)) throw notImplemented("metafieldsSet mixing products and other owners");
  const state = merchandisingOf(ctx.store, ctx.shop);
  const errors: View[] = [];
  const fail = (index: number, field: string, message: string, code: string) =>
    errors.push({
      ...userError("MetafieldsSetUserError", ["metafields", String(index), field], message, code),
      elementIndex: index,
    });
  args.metafields.forEach((m, index) => {
    if (m.compareDigest != null) throw notImplemented("MetafieldsSetInput.compareDigest");
    const ownerId = owners[index]!;
    if (!ctx.shop.products.has(ownerId)) return fail(index, "ownerId", "Owner does not exist.", "INVALID_VALUE");
    if (!m.key || m.value == null) return fail(index, "value", "Value can't be blank.", "BLANK");
    if (!uniqueDefinition(state, "PRODUCT", m.namespace, m.key)) return;
    const key = m.key;
    const holder = ownerWithValue(state, m.namespace, key, m.value);
    const sameBatch = args.metafields.some(
      (other, j) =>
        j < index &&
        owners[j] !== ownerId &&
        other.value === m.value &&
        metafieldKey(other.namespace, other.key ?? "") === metafieldKey(m.namespace, key),
    );
    if ((holder !== undefined && holder !== ownerId) || sameBatch)
      fail(index, "value", "Value is already taken by another owner.", "TAKEN");
  });
  // All or nothing, as Shopify applies metafieldsSet.
  if (errors.length) return { __typename: "MetafieldsSetPayload", metafields: [], userErrors: errors };
  args.metafields.forEach((m, index) => writeMetafields(ctx, owners[index]!, [m]));
  const written = args.metafields.map((m, index) =>
    state.metafields.get(owners[index]!)!.get(metafieldKey(m.namespace, m.key!))!,
  );
  return { __typename: "MetafieldsSetPayload", metafields: written.map(metafieldView), userErrors: [] };
}

/** metafieldDefinitions(ownerType:, namespace:, key:): how an app finds the definition it created. */
function metafieldDefinitions(
  args: ConnectionArgs & { ownerType: string; namespace?: string | null; key?: string | null },
  ctx: ResolverContext,
) {
  const all = [...merchandisingOf(ctx.store, ctx.shop).definitions.values()].filter(
    (d) =>
      d.ownerType === args.ownerType &&
      (args.namespace == null || d.namespace === args.namespace) &&
      (args.key == null || d.key === args.key),
  );
  return connection("MetafieldDefinition", all, args, (d) => d.id, definitionView);
}

export const metafieldsModule: DomainModule = {
  query: { metafieldDefinitions },
  mutation: { metafieldDefinitionCreate, metafieldsSet },
};
