// POST /admin/api/<version>/graphql.json — the Admin API: access token, parse and validate against the
// real schema, input-size and max-cost limits, the leaky bucket, execution over the store, and
// `extensions.cost` on every answer.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getVariableValues, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import type { CallLog } from "../calls";
import { actualQueryCost, MAX_QUERY_COST, operationOf, requestedQueryCost } from "../cost";
import { executeAdmin } from "../graphql/executor";
import { oversizedInputs } from "../graphql/input-limits";
import type { AdminFaults } from "../faults";
import { ADMIN_API_VERSION } from "../schema";
import type { EmulatorStore, ShopRecord } from "../store";
import type { WebhookDispatcher } from "../webhooks/deliver";
import { readBody, sendJson, shopDomainOf } from "./io";

const RATE_LIMITS_DOC = "https://shopify.dev/api/usage/rate-limits";

export interface AdminGraphQLDeps {
  store: EmulatorStore;
  schema: () => GraphQLSchema;
  calls: CallLog;
  now: () => number;
  /** Storms of 5xx / THROTTLED answers set through the control API (reliability runs). */
  faults?: AdminFaults;
  /** Webhooks a mutation causes (orders/create after orderCreate), sent to the topic's subscribers. */
  webhooks?: WebhookDispatcher;
}

export async function handleAdminGraphQL(
  req: IncomingMessage,
  res: ServerResponse,
  version: string,
  deps: AdminGraphQLDeps,
): Promise<void> {
  const domain = shopDomainOf(req);
  const shop = domain ? deps.store.findShop(domain) : undefined;
  // Refusals before any GraphQL work are logged too, so a test can see every call the app made.
  const refuse = (status: number, errors: string) => {
    deps.calls.record({
      shop: domain ?? "",
      operationName: null,
      requestedQueryCost: null,
      actualQueryCost: null,
      throttled: false,
      status,
      errors: [errors],
      at: deps.now(),
    });
    sendJson(res, status, { errors });
  };
  if (version !== ADMIN_API_VERSION)
    return refuse(404, `Not Found: the emulator serves API version ${ADMIN_API_VERSION} only`);
  if (!shop) return refuse(404, "Not Found");
  const token = req.headers["x-shopify-access-token"];
  if (typeof token !== "string" || deps.store.tokenShop(token) !== shop.domain) {
    return refuse(401, "[API] Invalid API key or access token (unrecognized login or wrong password)");
  }

  let body: { query?: unknown; variables?: unknown; operationName?: unknown };
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return sendJson(res, 400, { errors: { query: "Required parameter missing or invalid" } });
  }
  const operationName = typeof body.operationName === "string" && body.operationName ? body.operationName : null;
  const fault = deps.faults?.next() ?? { kind: "none" };
  if (fault.kind === "http5xx") return refuse(fault.status, "Internal Server Error");
  if (fault.kind === "throttled") return throttledStorm(res, shop, operationName, deps);
  const emitted: { topic: string; payload: Record<string, unknown> }[] = [];
  const answer = run(
    shop,
    String(body.query ?? ""),
    (body.variables ?? {}) as Record<string, unknown>,
    operationName,
    deps,
    (topic, payload) => emitted.push({ topic, payload }),
  );
  const result = await answer;
  deps.calls.record({
    shop: shop.domain,
    operationName: result.operationName,
    requestedQueryCost: result.cost?.requestedQueryCost ?? null,
    actualQueryCost: result.cost?.actualQueryCost ?? null,
    throttled: result.throttled,
    status: 200,
    errors: (result.body.errors as { message: string }[] | undefined)?.map((e) => e.message) ?? [],
    at: deps.now(),
  });
  sendJson(res, 200, result.body, { "x-request-id": randomUUID() });
  // As Shopify does: the webhook leaves after the mutation answered, to every subscriber of its topic.
  for (const { topic, payload } of emitted) {
    if (!deps.webhooks || deps.webhooks.targets(shop.domain, topic).length === 0) continue;
    deps.webhooks.deliver({ shop: shop.domain, topic, payload }).catch(() => undefined);
  }
}

/** THROTTLED as Shopify answers it, with a bucket reported empty so clients wait for it to refill. */
function throttledStorm(res: ServerResponse, shop: ShopRecord, operationName: string | null, deps: AdminGraphQLDeps) {
  deps.calls.record({
    shop: shop.domain,
    operationName,
    requestedQueryCost: null,
    actualQueryCost: null,
    throttled: true,
    status: 200,
    errors: ["Throttled"],
    at: deps.now(),
  });
  const { maximumAvailable, restoreRate } = shop.bucket.status();
  sendJson(res, 200, {
    errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: RATE_LIMITS_DOC } }],
    extensions: {
      cost: {
        requestedQueryCost: 0,
        actualQueryCost: null,
        throttleStatus: { maximumAvailable, currentlyAvailable: 0, restoreRate },
      },
    },
  });
}

interface RunResult {
  body: Record<string, unknown>;
  operationName: string | null;
  throttled: boolean;
  cost?: { requestedQueryCost: number; actualQueryCost: number | null };
}

async function run(
  shop: ShopRecord,
  query: string,
  rawVariables: Record<string, unknown>,
  operationName: string | null,
  deps: AdminGraphQLDeps,
  emit: (topic: string, payload: Record<string, unknown>) => void,
): Promise<RunResult> {
  const schema = deps.schema();
  const costOf = (requested: number, actual: number | null) => ({
    requestedQueryCost: requested,
    actualQueryCost: actual,
    throttleStatus: shop.bucket.status(),
  });
  const refused = (errors: unknown[], name: string | null = operationName, requested = 0): RunResult => ({
    body: { errors, extensions: { cost: costOf(requested, null) } },
    operationName: name,
    throttled: false,
    cost: { requestedQueryCost: requested, actualQueryCost: null },
  });

  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return refused([(error as GraphQLError).toJSON()]);
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length) return refused(validationErrors.map((e) => e.toJSON()));
  const operation = operationOf(document, operationName);
  if (!operation)
    return refused([
      { message: operationName ? `No operation named "${operationName}"` : "An operation name is required" },
    ]);
  const name = operation.name?.value ?? null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors)
    return refused(
      coerced.errors.map((e) => e.toJSON()),
      name,
    );
  const variables = coerced.coerced;

  const oversized = oversizedInputs(schema, document, operation, variables);
  if (oversized.length) return refused(oversized, name);

  const requested = requestedQueryCost(schema, document, name, variables);
  if (requested > MAX_QUERY_COST) {
    return refused(
      [
        {
          message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).\n\nSee ${RATE_LIMITS_DOC} for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
          extensions: {
            code: "MAX_COST_EXCEEDED",
            cost: requested,
            maxCost: MAX_QUERY_COST,
            documentation: RATE_LIMITS_DOC,
          },
        },
      ],
      name,
      requested,
    );
  }
  if (!shop.bucket.tryCharge(requested)) {
    return {
      body: {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: RATE_LIMITS_DOC } }],
        extensions: { cost: costOf(requested, null) },
      },
      operationName: name,
      throttled: true,
      cost: { requestedQueryCost: requested, actualQueryCost: null },
    };
  }

  const result = await executeAdmin({
    schema,
    document,
    operation: operation.operation,
    variables,
    operationName: name,
    context: { store: deps.store, shop, apiVersion: ADMIN_API_VERSION, emit },
  });
  const actual = Math.min(requested, actualQueryCost(schema, document, name, variables, result.data ?? null));
  shop.bucket.refund(requested - actual);
  const body: Record<string, unknown> = {};
  if (result.errors?.length) body.errors = result.errors.map((e) => e.toJSON());
  body.data = result.data ?? null;
  body.extensions = { cost: costOf(requested, actual) };
  return {
    body,
    operationName: name,
    throttled: false,
    cost: { requestedQueryCost: requested, actualQueryCost: actual },
  };
}
