// Bulk operations: bulkOperationRunQuery (the whole result as JSONL, nested connections flattened
// with __parentId), bulkOperationRunMutation (one mutation per line of a staged JSONL upload),
// stagedUploadsCreate for BULK_MUTATION_VARIABLES, and polling through currentBulkOperation,
// bulkOperation(id:) and node(id:). They run outside the cost bucket, like Shopify's.
import { GraphQLError, parse, validate, type DocumentNode } from "graphql";
import { fileUrl, getFile, putFile } from "../files";
import {
  gid,
  idOf,
  notImplemented,
  userError,
  type DomainModule,
  type ResolverContext,
  type View,
} from "../graphql/context";
import { executeBulk } from "../graphql/executor";
import { operationOf } from "../cost";
import { loadAdminSchema } from "../schema";
import type { ShopRecord } from "../store";

interface BulkOperationRecord {
  id: number;
  type: "QUERY" | "MUTATION";
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED";
  errorCode: string | null;
  query: string;
  createdAt: string;
  completedAt: string | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  url: string | null;
}

const MAX_CONCURRENT = 5; // per shop, from 2026-01 (reference/shopify.md)
const operationsByShop = new WeakMap<ShopRecord, Map<number, BulkOperationRecord>>();

function operationsOf(shop: ShopRecord): Map<number, BulkOperationRecord> {
  let operations = operationsByShop.get(shop);
  if (!operations) operationsByShop.set(shop, (operations = new Map()));
  return operations;
}

function bulkOperationView(op: BulkOperationRecord): View {
  return {
    __typename: "BulkOperation",
    id: gid("BulkOperation", op.id),
    type: op.type,
    status: op.status,
    errorCode: op.errorCode,
    query: op.query,
    createdAt: op.createdAt,
    completedAt: op.completedAt,
    objectCount: String(op.objectCount),
    rootObjectCount: String(op.rootObjectCount),
    fileSize: op.fileSize === null ? null : String(op.fileSize),
    url: op.url,
    partialDataUrl: null,
  };
}

const isConnection = (value: unknown): value is { edges?: { node: unknown }[]; nodes?: unknown[] } =>
  value !== null &&
  typeof value === "object" &&
  (Array.isArray((value as { edges?: unknown }).edges) || Array.isArray((value as { nodes?: unknown }).nodes));

/** Shopify's JSONL: one line per node of every connection; a nested node names its parent. */
function flatten(
  value: unknown,
  parentId: string | undefined,
  lines: string[],
  counts: { objects: number; roots: number },
) {
  if (isConnection(value)) {
    const nodes = value.edges ? value.edges.map((e) => e.node) : value.nodes!;
    for (const node of nodes) emitNode(node as Record<string, unknown>, parentId, lines, counts);
    return;
  }
  if (value && typeof value === "object") emitNode(value as Record<string, unknown>, parentId, lines, counts);
}

function emitNode(
  node: Record<string, unknown>,
  parentId: string | undefined,
  lines: string[],
  counts: { objects: number; roots: number },
) {
  const own: Record<string, unknown> = {};
  const nested: unknown[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (isConnection(value)) nested.push(value);
    else own[key] = value;
  }
  if (parentId) own.__parentId = parentId;
  else counts.roots++;
  counts.objects++;
  lines.push(JSON.stringify(own));
  for (const connection of nested) flatten(connection, typeof node.id === "string" ? node.id : parentId, lines, counts);
}

function parseFor(ctx: ResolverContext, source: string, kind: "query" | "mutation"): DocumentNode | string {
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (error) {
    return (error as Error).message;
  }
  const errors = validate(loadAdminSchema(ctx.apiVersion), document);
  if (errors.length) return errors.map((e) => e.message).join("; ");
  const operation = operationOf(document);
  if (!operation || operation.operation !== kind) return `Bulk ${kind} must hold exactly one ${kind}`;
  return document;
}

function start(
  ctx: ResolverContext,
  type: BulkOperationRecord["type"],
  query: string,
  work: () => { lines: string[]; objects: number; roots: number },
) {
  const operations = operationsOf(ctx.shop);
  const running = [...operations.values()].filter((op) => op.status === "CREATED" || op.status === "RUNNING");
  if (running.length >= MAX_CONCURRENT)
    return { error: `A shop can run at most ${MAX_CONCURRENT} bulk operations at once.` };
  const op: BulkOperationRecord = {
    id: ctx.store.nextId(),
    type,
    status: "CREATED",
    errorCode: null,
    query,
    createdAt: ctx.store.timestamp(),
    completedAt: null,
    objectCount: 0,
    rootObjectCount: 0,
    fileSize: null,
    url: null,
  };
  operations.set(op.id, op);
  // Runs after the mutation answered, as Shopify's do: the caller polls until COMPLETED.
  setTimeout(() => {
    op.status = "RUNNING";
    try {
      const { lines, objects, roots } = work();
      const content = lines.length ? `${lines.join("\n")}\n` : "";
      const path = `bulk/${op.id}.jsonl`;
      putFile(ctx.shop.domain, path, content);
      Object.assign(op, {
        objectCount: objects,
        rootObjectCount: roots,
        fileSize: Buffer.byteLength(content),
        url: lines.length ? fileUrl(ctx.shop.domain, path) : null,
      });
      op.status = "COMPLETED";
    } catch {
      op.status = "FAILED";
      op.errorCode = "INTERNAL_SERVER_ERROR";
    }
    op.completedAt = ctx.store.timestamp();
  }, 5);
  return { op };
}

function bulkOperationRunQuery(args: { query: string; groupObjects?: boolean }, ctx: ResolverContext) {
  const payload = (op: BulkOperationRecord | null, errors: View[]) => ({
    __typename: "BulkOperationRunQueryPayload",
    bulkOperation: op && bulkOperationView(op),
    userErrors: errors,
  });
  const document = parseFor(ctx, args.query, "query");
  if (typeof document === "string")
    return payload(null, [
      userError("BulkOperationUserError", ["query"], `Invalid bulk query: ${document}`, "INVALID"),
    ]);
  const started = start(ctx, "QUERY", args.query, () => {
    const result = executeBulk({
      schema: loadAdminSchema(ctx.apiVersion),
      document,
      operation: "query",
      variables: {},
      context: ctx,
    });
    if (result.errors?.length) throw new Error(result.errors[0].message);
    const lines: string[] = [];
    const counts = { objects: 0, roots: 0 };
    for (const value of Object.values(result.data ?? {})) flatten(value, undefined, lines, counts);
    return { lines, ...counts };
  });
  if ("error" in started)
    return payload(null, [userError("BulkOperationUserError", null, started.error!, "LIMIT_REACHED")]);
  return payload(started.op!, []);
}

function bulkOperationRunMutation(args: { mutation: string; stagedUploadPath: string }, ctx: ResolverContext) {
  const payload = (op: BulkOperationRecord | null, errors: View[]) => ({
    __typename: "BulkOperationRunMutationPayload",
    bulkOperation: op && bulkOperationView(op),
    userErrors: errors,
  });
  const document = parseFor(ctx, args.mutation, "mutation");
  if (typeof document === "string")
    return payload(null, [
      userError("BulkMutationUserError", ["mutation"], `Invalid bulk mutation: ${document}`, "INVALID_MUTATION"),
    ]);
  const variablesFile = getFile(ctx.shop.domain, args.stagedUploadPath);
  if (variablesFile === undefined)
    return payload(null, [
      userError("BulkMutationUserError", ["stagedUploadPath"], "The JSONL file could not be found", "NO_SUCH_FILE"),
    ]);
  const started = start(ctx, "MUTATION", args.mutation, () => {
    const lines: string[] = [];
    const schema = loadAdminSchema(ctx.apiVersion);
    variablesFile
      .split("\n")
      .filter((line) => line.trim())
      .forEach((line, index) => {
        const result = executeBulk({
          schema,
          document,
          operation: "mutation",
          variables: JSON.parse(line) as Record<string, unknown>,
          context: ctx,
        });
        lines.push(
          JSON.stringify({
            data: result.data ?? null,
            ...(result.errors?.length ? { errors: result.errors.map((e) => e.toJSON()) } : {}),
            __lineNumber: index,
          }),
        );
      });
    return { lines, objects: lines.length, roots: lines.length };
  });
  if ("error" in started)
    return payload(null, [userError("BulkMutationUserError", null, started.error!, "LIMIT_REACHED")]);
  return payload(started.op!, []);
}

function stagedUploadsCreate(
  args: { input: { filename: string; mimeType: string; resource: string; httpMethod?: string }[] },
  ctx: ResolverContext,
) {
  const targets = args.input.map((input) => {
    if (input.resource !== "BULK_MUTATION_VARIABLES")
      throw notImplemented(`stagedUploadsCreate(resource: ${input.resource})`);
    if (input.httpMethod && input.httpMethod !== "POST")
      throw notImplemented(`stagedUploadsCreate(httpMethod: ${input.httpMethod}) for bulk variables`);
    const key = `tmp/${ctx.shop.id}/bulk/${ctx.store.nextId()}/${input.filename}`;
    return {
      __typename: "StagedMediaUploadTarget",
      url: fileUrl(ctx.shop.domain, "uploads"),
      resourceUrl: null,
      parameters: [
        { __typename: "StagedUploadParameter", name: "key", value: key },
        { __typename: "StagedUploadParameter", name: "Content-Type", value: input.mimeType },
        { __typename: "StagedUploadParameter", name: "success_action_status", value: "201" },
      ],
    };
  });
  return { __typename: "StagedUploadsCreatePayload", stagedTargets: targets, userErrors: [] };
}

function byId(ctx: ResolverContext, id: number): View | null {
  const op = operationsOf(ctx.shop).get(id);
  return op ? bulkOperationView(op) : null;
}

export const bulkOperationsModule: DomainModule = {
  query: {
    currentBulkOperation: (args: { type?: string | null }, ctx) => {
      const type = args.type ?? "QUERY";
      const latest = [...operationsOf(ctx.shop).values()].filter((op) => op.type === type).at(-1);
      return latest ? bulkOperationView(latest) : null;
    },
    bulkOperation: (args: { id: string }, ctx) => {
      const id = idOf(args.id, "BulkOperation");
      if (id === undefined) throw new GraphQLError(`Invalid id: ${args.id}`, { extensions: { code: "BAD_REQUEST" } });
      return byId(ctx, id);
    },
  },
  mutation: { bulkOperationRunQuery, bulkOperationRunMutation, stagedUploadsCreate },
  nodes: { BulkOperation: byId },
};
