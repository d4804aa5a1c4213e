// The emulated API: routing, Bearer access tokens (revocable), the per-token rate limit, JSON bodies and
// Square's error body for every refusal.
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  BadRequestBody,
  isRouteMatch,
  readJsonObject,
  Router,
  sendJson,
  type EmulatorClock,
  type SlidingWindowLimiter,
} from "../_kit/index";
import { listCatalog, listLocations, retrieveLocation, searchCatalog } from "./catalog";
import type { IdempotentAnswer, SquareMethod } from "./context";
import { SquareError } from "./errors";
import { batchChange, batchRetrieveChanges, batchRetrieveCounts, retrieveCount } from "./inventory";
import type { Merchant } from "./store";
import { subscriptionView, type Webhooks } from "./webhooks";

export interface ApiDeps {
  merchant: () => Merchant;
  clock: EmulatorClock;
  webhooks: Webhooks;
  idempotency: Map<string, IdempotentAnswer>;
  /** "active" or "revoked", by access token. */
  tokens: Map<string, "active" | "revoked">;
  limiter: () => SlidingWindowLimiter;
  catalogPageSize: () => number;
}

const createSubscription: SquareMethod = ({ body, webhooks, idempotency }) => {
  const key = body.idempotency_key;
  const input = body.subscription as Record<string, unknown> | undefined;
  if (!input || typeof input !== "object") throw SquareError.missing("subscription");
  const url = input.notification_url;
  if (typeof url !== "string" || !/^https?:\/\//.test(url))
    throw SquareError.invalid("subscription.notification_url", "Expected an http(s) URL.");
  const eventTypes = input.event_types;
  if (!Array.isArray(eventTypes) || !eventTypes.length || eventTypes.some((type) => typeof type !== "string"))
    throw SquareError.invalid("subscription.event_types", "Expected a non-empty array of event types.");
  const fingerprint = JSON.stringify(input);
  const seen = typeof key === "string" && key ? idempotency.get(`webhook-subscription:${key}`) : undefined;
  if (seen) {
    if (seen.fingerprint !== fingerprint)
      throw SquareError.badRequest(
        "IDEMPOTENCY_KEY_REUSED",
        "The idempotency key was already used.",
        "idempotency_key",
      );
    return { body: seen.body };
  }
  const subscription = webhooks.subscribe({
    name: typeof input.name === "string" ? input.name : undefined,
    notificationUrl: url,
    eventTypes: eventTypes as string[],
    enabled: input.enabled !== false,
    apiVersion: typeof input.api_version === "string" ? input.api_version : undefined,
  });
  const answer = { subscription: subscriptionView(subscription, true) };
  if (typeof key === "string" && key)
    idempotency.set(`webhook-subscription:${key}`, { fingerprint, status: 200, body: answer });
  return { body: answer };
};

const listSubscriptions: SquareMethod = ({ webhooks }) => ({
  body: { subscriptions: [...webhooks.subscriptions.values()].map((subscription) => subscriptionView(subscription)) },
});

const deleteSubscription: SquareMethod = ({ webhooks, path }) => {
  if (!webhooks.subscriptions.delete(path.id)) throw SquareError.notFound(`Subscription \`${path.id}\` not found.`);
  return { body: {} };
};

const router = new Router<SquareMethod>()
  .add("GET", "/v2/locations", listLocations)
  .add("GET", "/v2/locations/:locationId", retrieveLocation)
  .add("GET", "/v2/catalog/list", listCatalog)
  .add("POST", "/v2/catalog/search", searchCatalog)
  .add("POST", "/v2/inventory/counts/batch-retrieve", batchRetrieveCounts)
  .add("POST", "/v2/inventory/changes/batch-create", batchChange)
  .add("POST", "/v2/inventory/changes/batch-retrieve", batchRetrieveChanges)
  .add("GET", "/v2/inventory/:objectId", retrieveCount)
  .add("POST", "/v2/webhooks/subscriptions", createSubscription)
  .add("GET", "/v2/webhooks/subscriptions", listSubscriptions)
  .add("DELETE", "/v2/webhooks/subscriptions/:id", deleteSubscription);

export function createApiHandler(deps: ApiDeps) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    try {
      const method = req.method ?? "GET";
      const token = bearer(req.headers.authorization);
      const status = deps.tokens.get(token);
      if (status === "revoked") throw SquareError.tokenRevoked();
      if (status !== "active") throw SquareError.unauthorized();
      if (!deps.limiter().take(token)) throw SquareError.rateLimited();

      const match = router.match(method, url.pathname);
      if (!isRouteMatch(match)) {
        req.resume();
        throw match ? SquareError.methodNotAllowed() : SquareError.notFound(`No endpoint ${method} ${url.pathname}.`);
      }
      let body: Record<string, unknown> = {};
      if (method === "POST" || method === "PUT") {
        try {
          body = await readJsonObject(req);
        } catch (error) {
          if (error instanceof BadRequestBody) throw SquareError.badRequest("BAD_REQUEST", error.message);
          throw error;
        }
      } else req.resume();
      const answer = await match.handler({
        merchant: deps.merchant(),
        clock: deps.clock,
        webhooks: deps.webhooks,
        idempotency: deps.idempotency,
        catalogPageSize: deps.catalogPageSize(),
        body,
        query: url.searchParams,
        path: match.params,
      });
      sendJson(res, answer.status ?? 200, answer.body);
    } catch (error) {
      if (error instanceof SquareError) return sendJson(res, error.status, error.body());
      sendJson(res, 500, {
        errors: [{ category: "API_ERROR", code: "INTERNAL_SERVER_ERROR", detail: "An internal error occurred." }],
      });
    }
  };
}

function bearer(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match ? match[1] : "";
}
