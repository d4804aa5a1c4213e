// What a catalog import needs beyond productCreate/productSet: productSet with metafields, the
// `customId` identifier and `synchronous: false` (a ProductSetOperation polled through
// productOperation/node), Shopify's option and variant limits, and metafieldDefinitionCreate with the
// uniqueValues capability, enforced on every write.
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
  type MerchandisingState,
  type ProductSetOperationRecord,
} from "../merchandising";
import { productMutationsModule } from "./product-mutations";
import { writeMetafields, type MetafieldInput } from "./metafields";
import { productView } from "./products";

export const MAX_OPTIONS = 3;
export const MAX_VARIANTS = 2048;
const MAX_TEXT = 255; // titles and option values

type CustomId = { namespace?: string | null; key: string; value: string };
interface SetArgs {
  input: Record<string, unknown> & { metafields?: MetafieldInput[] | null; productOptions?: unknown[] | null };
  identifier?: { id?: string | null; handle?: string | null; customId?: CustomId | null } | null;
  synchronous?: boolean | null;
}
type SetError = { field: string[] | null; message: string; code: string };

// Read at call time: the modules import each other through the executor.
const baseProductSet = (args: unknown, ctx: ResolverContext) =>
  (
    productMutationsModule.mutation!.productSet as (
      a: unknown,
      c: ResolverContext,
    ) => { product: View | null; userErrors: View[] }
  )(args, ctx);

function limitErrors(input: SetArgs["input"]): SetError[] {
  const errors: SetError[] = [];
  if ((input.productOptions?.length ?? 0) > MAX_OPTIONS)
    errors.push({
      field: ["input", "productOptions"],
      message: `Can only specify a maximum of ${MAX_OPTIONS} options`,
      code: "OPTIONS_OVER_LIMIT",
    });
  const variants = (input.variants as unknown[] | null | undefined)?.length ?? 0;
  if (variants > MAX_VARIANTS)
    errors.push({
      field: ["input", "variants"],
      message: `Can only specify a maximum of ${MAX_VARIANTS} variants`,
      code: "VARIANTS_OVER_LIMIT",
    });
  if (typeof input.title === "string" && input.title.length > MAX_TEXT)
    errors.push({
      field: ["input", "title"],
      message: `Title is too long (maximum is ${MAX_TEXT} characters)`,
      code: "INVALID_INPUT",
    });
  // Two variants with the same option values, or a value over Shopify's 255 characters.
  const seen = new Set<string>();
  ((input.variants ?? []) as { optionValues?: { name: string }[] }[]).forEach((variant, index) => {
    const values = (variant.optionValues ?? []).map((v) => v.name);
    if (values.some((v) => v.length > MAX_TEXT))
      errors.push({
        field: ["input", "variants", String(index), "optionValues"],
        message: `Option value name is too long (maximum is ${MAX_TEXT} characters)`,
        code: "INVALID_VARIANT",
      });
    const title = values.join(" / ");
    if (seen.has(title))
      errors.push({
        field: ["input", "variants", String(index)],
        message: `The variant '${title}' already exists.`,
        code: "INVALID_VARIANT",
      });
    seen.add(title);
  });
  return errors;
}

/** Checks the metafields against the unique definitions; `ownerId` is the product they would land on. */
function metafieldErrors(state: MerchandisingState, metafields: MetafieldInput[], ownerId: number | null): SetError[] {
  const errors: SetError[] = [];
  metafields.forEach((m, index) => {
    if (!m.key || m.value == null)
      return errors.push({
        field: ["input", "metafields", String(index)],
        message: "Key and value are required",
        code: "INVALID_METAFIELD",
      });
    if (!uniqueDefinition(state, "PRODUCT", m.namespace, m.key)) return;
    const owner = ownerWithValue(state, m.namespace, m.key, m.value);
    if (owner !== undefined && owner !== ownerId)
      errors.push({
        field: ["input", "metafields", String(index), "value"],
        message: `Value has already been taken by another product for ${metafieldKey(m.namespace, m.key)}`,
        code: "CAPABILITY_VIOLATION",
      });
  });
  return errors;
}

/** Runs one productSet to the end: the userErrors, and the product written (or null). */
function runProductSet(args: SetArgs, ctx: ResolverContext): { productId: number | null; errors: SetError[] } {
  const state = merchandisingOf(ctx.store, ctx.shop);
  const limits = limitErrors(args.input);
  if (limits.length) return { productId: null, errors: limits };
  const metafields = [...(args.input.metafields ?? [])];
  const identifier = { ...args.identifier };
  const customId = identifier.customId;
  if (customId) {
    const definition = uniqueDefinition(state, "PRODUCT", customId.namespace, customId.key);
    if (!definition)
      return {
        productId: null,
        errors: [
          {
            field: ["identifier", "customId"],
            message: `Metafield definition ${metafieldKey(customId.namespace, customId.key)} with unique values does not exist`,
            code: "NOT_FOUND",
          },
        ],
      };
    const owner = ownerWithValue(state, customId.namespace, customId.key, customId.value);
    if (owner !== undefined) identifier.id = gid("Product", owner);
    // A new product gets its custom id, as Shopify's upsert does.
    if (
      !metafields.some((m) => metafieldKey(m.namespace, m.key ?? "") === metafieldKey(customId.namespace, customId.key))
    )
      metafields.push({
        namespace: customId.namespace,
        key: customId.key,
        type: definition.type,
        value: customId.value,
      });
    delete identifier.customId;
  }
  const targetId = idOf(identifier.id ?? args.input.id, "Product") ?? null;
  const conflicts = metafieldErrors(state, metafields, targetId);
  if (conflicts.length) return { productId: null, errors: conflicts };
  const result = baseProductSet({ input: { ...args.input, metafields: null }, identifier, synchronous: true }, ctx);
  if (result.userErrors.length || !result.product)
    return {
      productId: null,
      errors: result.userErrors.map((e) => ({
        field: e.field as string[] | null,
        message: String(e.message),
        code: String(e.code ?? "INVALID_INPUT"),
      })),
    };
  const productId = idOf(result.product.id, "Product")!;
  if (metafields.length) writeMetafields(ctx, productId, metafields);
  return { productId, errors: [] };
}

const setErrorView = (e: SetError) => userError("ProductSetUserError", e.field, e.message, e.code);

function operationView(ctx: ResolverContext, op: ProductSetOperationRecord): View {
  const product = op.productId === null ? undefined : ctx.shop.products.get(op.productId);
  return {
    __typename: "ProductSetOperation",
    id: gid("ProductSetOperation", op.id),
    status: op.status,
    product: product ? productView(ctx, product) : null,
    userErrors: op.userErrors.map(setErrorView),
  };
}

function productSet(args: SetArgs, ctx: ResolverContext) {
  if (args.synchronous !== false) {
    const { productId, errors } = runProductSet(args, ctx);
    const product = productId === null ? undefined : ctx.shop.products.get(productId);
    return {
      __typename: "ProductSetPayload",
      product: product ? productView(ctx, product) : null,
      productSetOperation: null,
      userErrors: errors.map(setErrorView),
    };
  }
  // Asynchronous: answered at once with a CREATED operation; the write happens after the answer.
  const state = merchandisingOf(ctx.store, ctx.shop);
  const op: ProductSetOperationRecord = { id: ctx.store.nextId(), status: "CREATED", productId: null, userErrors: [] };
  state.productSetOperations.set(op.id, op);
  setTimeout(() => {
    op.status = "ACTIVE";
    setTimeout(() => {
      const { productId, errors } = runProductSet(args, ctx);
      Object.assign(op, { productId, userErrors: errors, status: "COMPLETE" });
    }, 5);
  }, 5);
  return {
    __typename: "ProductSetPayload",
    product: null,
    productSetOperation: operationView(ctx, op),
    userErrors: [],
  };
}

function operationById(ctx: ResolverContext, id: number): View | null {
  const op = merchandisingOf(ctx.store, ctx.shop).productSetOperations.get(id);
  return op ? operationView(ctx, op) : null;
}

export const catalogImportModule: DomainModule = {
  query: {
    productOperation: (args: { id: string }, ctx) => {
      const id = idOf(args.id, "ProductSetOperation");
      if (id === undefined) throw notImplemented(`productOperation(id: "${args.id}") for this operation type`);
      return operationById(ctx, id);
    },
    productByIdentifier: (
      args: { identifier: { id?: string | null; handle?: string | null; customId?: CustomId | null } },
      ctx,
    ) => {
      const { id, handle, customId } = args.identifier;
      let product;
      if (id) product = ctx.shop.products.get(idOf(id, "Product") ?? -1);
      else if (handle) product = [...ctx.shop.products.values()].find((p) => p.handle === handle);
      else if (customId) {
        const owner = ownerWithValue(
          merchandisingOf(ctx.store, ctx.shop),
          customId.namespace,
          customId.key,
          customId.value,
        );
        product = owner === undefined ? undefined : ctx.shop.products.get(owner);
      }
      return product ? productView(ctx, product) : null;
    },
  },
  mutation: { productSet },
  nodes: { ProductSetOperation: operationById },
};
