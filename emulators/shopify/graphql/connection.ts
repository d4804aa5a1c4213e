// Relay connections as Shopify serves them: first/last (one required, at most 250), after/before
// cursors, reverse, edges + nodes + pageInfo. Cursors are opaque base64 of the item's id.
import { GraphQLError } from "graphql";
import type { View } from "./context";

export const MAX_PAGE_SIZE = 250;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

const encodeCursor = (id: number) => Buffer.from(JSON.stringify({ last_id: id })).toString("base64");

function decodeCursor(cursor: string): number {
  try {
    const id = (JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last_id?: unknown }).last_id;
    if (typeof id === "number") return id;
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
}

// Bulk operations read whole connections without first/last (resolvers/bulk-operations.ts); the
// executor runs synchronously, so a flag around one execution is enough.
let unbounded = false;

export function withUnboundedConnections<T>(run: () => T): T {
  unbounded = true;
  try {
    return run();
  } finally {
    unbounded = false;
  }
}

export function connection<T>(
  typename: string,
  all: readonly T[],
  args: ConnectionArgs,
  idOf: (item: T) => number,
  view: (item: T) => View,
): View {
  const { first, last } = args;
  if (first == null && last == null && !unbounded)
    throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
  for (const [name, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (value != null && (value < 0 || (value > MAX_PAGE_SIZE && !unbounded))) {
      throw new GraphQLError(`The ${name} argument must be between 0 and ${MAX_PAGE_SIZE}.`, {
        extensions: { code: "BAD_REQUEST" },
      });
    }
  }
  let items = args.reverse ? [...all].reverse() : [...all];
  let hasPreviousPage = false;
  let hasNextPage = false;
  if (args.after) {
    const index = items.findIndex((item) => idOf(item) === decodeCursor(args.after!));
    if (index >= 0) hasPreviousPage = true;
    items = items.slice(index + 1);
  }
  if (args.before) {
    const index = items.findIndex((item) => idOf(item) === decodeCursor(args.before!));
    if (index >= 0) {
      hasNextPage = true;
      items = items.slice(0, index);
    }
  }
  if (first != null && items.length > first) {
    items = items.slice(0, first);
    hasNextPage = true;
  }
  if (last != null && items.length > last) {
    items = items.slice(items.length - last);
    hasPreviousPage = true;
  }
  const edgeType = typename.replace(/Connection$/, "Edge");
  const edges = items.map((item) => ({ __typename: edgeType, cursor: encodeCursor(idOf(item)), node: view(item) }));
  return {
    __typename: typename,
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      __typename: "PageInfo",
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
