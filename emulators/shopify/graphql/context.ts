// What every resolver receives: the store, the shop the call is for (from the Host header), and helpers
// shared by the domain modules.
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import type { EmulatorStore, ShopRecord } from "../store";

export interface ResolverContext {
  store: EmulatorStore;
  shop: ShopRecord;
  apiVersion: string;
  /** Queues a webhook Shopify sends after the mutation (delivered once the answer is on its way). */
  emit?: (topic: string, payload: Record<string, unknown>) => void;
}

/** A GraphQL-shaped object: `__typename` plus fields as values or as `(args, ctx) => value`. Any field
 * of the schema missing here makes the query fail loudly (see executor.ts). */
export type View = { __typename: string } & Record<string, unknown>;

// Method-style so each resolver can declare the argument shape it reads (bivariant parameters).
export type RootResolver = { resolve(args: never, ctx: ResolverContext, info: GraphQLResolveInfo): unknown }["resolve"];

export interface DomainModule {
  query?: Record<string, RootResolver>;
  mutation?: Record<string, RootResolver>;
  /** Builds the view of a node of this type from its numeric id (for `node`/`nodes`), or null. */
  nodes?: Record<string, (ctx: ResolverContext, id: number) => View | null>;
}

export const gid = (type: string, id: number | string) => `gid://shopify/${type}/${id}`;

/** The numeric id of `gid://shopify/<type>/<id>`, or undefined when it is not a gid of that type. */
export function idOf(value: unknown, type?: string): number | undefined {
  const match = /^gid:\/\/shopify\/(\w+)\/(\d+)(?:\?.*)?$/.exec(String(value ?? ""));
  if (!match || (type && match[1] !== type)) return undefined;
  return Number(match[2]);
}

export function parseGid(value: unknown): { type: string; id: number } | undefined {
  const match = /^gid:\/\/shopify\/(\w+)\/(\d+)(?:\?.*)?$/.exec(String(value ?? ""));
  return match ? { type: match[1], id: Number(match[2]) } : undefined;
}

export function notImplemented(what: string): GraphQLError {
  return new GraphQLError(`emulator: ${what} is not implemented`, { extensions: { code: "NOT_IMPLEMENTED" } });
}

/** A userErrors entry (UserError / the typed *UserError variants share these fields). */
export function userError(typename: string, field: string[] | null, message: string, code?: string): View {
  return {
    __typename: typename,
    field,
    message,
    ...(code !== undefined || typename !== "UserError" ? { code: code ?? null } : {}),
  };
}
