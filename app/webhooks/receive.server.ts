// Taking a webhook from Shopify: check it (method, content type, size, HMAC of the raw body, topic,
// JSON object), record it with ONE insert keyed by X-Shopify-Webhook-Id, answer 200. The work itself
// is done by the webhook processor (processor.server.ts) from that row, so Shopify gets its answer
// in milliseconds even during a burst, and a crash after the answer loses nothing.
import { type KeyObject, createHmac, createSecretKey, timingSafeEqual } from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import { db as defaultDb, type Db } from "../db.server";
import { env } from "../env.server";
import { errorMessage } from "../lib/errors";
import { RETRY_AFTER_SECONDS, databaseBusyResponse, isDatabaseBusy } from "../lib/http-errors.server";
import { logger } from "../lib/logger.server";
import {
  type BodyChunks,
  type HeaderSource,
  MiB,
  isJsonContentType,
  jsonRefusal,
  methodNotAllowed,
  parseJsonObjectText,
  readCappedChunks,
} from "../lib/request-body.server";
import { DeliveryRecorder, type DeliveryRow, requeueUnprocessed } from "./record.server";
import { duringIntake, wakeWebhookProcessors } from "./wake.server";
import type { WebhookTopic } from "./topics";

/** Shopify's largest payloads (orders with hundreds of lines) stay well below this. */
export const WEBHOOK_MAX_BYTES = 2 * MiB;

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i;

export interface ReceiveDeps {
  db: Db;
  secret: string;
  now: () => Date;
}

/**
 * A delivery as either transport hands it over: the web process's own HTTP server takes webhooks
 * straight from Node (app/webhooks/intake-http.server.ts, no Remix on the way), the Remix routes take
 * them as fetch Requests (tests, `npm run dev`). Both go through `takeDelivery`, the one set of rules.
 */
export interface IncomingDelivery extends HeaderSource {
  method: string;
  /** The body's chunks, or null when the request has none. */
  body: BodyChunks | null;
}

/** The answer to a delivery, written by the transport (a plain object: no fetch Response on the fast path). */
export interface DeliveryAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** The route's action: `export const action = webhookAction("orders/create")`. */
export function webhookAction(topic: WebhookTopic) {
  return ({ request }: ActionFunctionArgs) => duringIntake(() => receiveWebhook(request, topic));
}

/** The route's loader: webhooks are POSTed, anything else is 405. */
export const webhookLoader = () => methodNotAllowed("POST");

/** `takeDelivery` for a fetch Request (the Remix routes). */
export async function receiveWebhook(
  request: Request,
  routeTopic: WebhookTopic,
  deps?: ReceiveDeps,
): Promise<Response> {
  const reader = request.body?.getReader();
  const answer = await takeDelivery(
    {
      method: request.method,
      headers: request.headers,
      body: reader ? { next: () => reader.read(), abandon: () => reader.cancel().catch(() => undefined) } : null,
    },
    routeTopic,
    deps,
  );
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

const ACCEPTED: DeliveryAnswer = { status: 200, headers: {}, body: null };
const DUPLICATE: DeliveryAnswer = { status: 200, headers: { "x-passerelle-duplicate": "1" }, body: null };

/**
 * Checks a delivery (method, content type, size, HMAC of the raw body, topic, shop, JSON object),
 * records it with one insert (several deliveries share a statement, record.server.ts) and says what
 * to answer. Never throws.
 */
export async function takeDelivery(
  delivery: IncomingDelivery,
  routeTopic: WebhookTopic,
  deps?: ReceiveDeps,
): Promise<DeliveryAnswer> {
  const { db, secret, now } = deps ?? { db: defaultDb, secret: env().SHOPIFY_API_SECRET, now: () => new Date() };
  try {
    if (delivery.method !== "POST") throw methodNotAllowed("POST");
    if (!isJsonContentType(delivery)) throw jsonRefusal(415, "Webhooks are sent as application/json.");
    const body = await readCappedChunks(delivery, delivery.body, WEBHOOK_MAX_BYTES);
    const headers = shopifyHeaders(delivery);
    if (!signedBy(secret, body, headers.hmac)) throw jsonRefusal(401, "The webhook signature is not valid.");
    if (headers.topic !== routeTopic)
      throw jsonRefusal(400, `This address takes ${routeTopic} webhooks, not ${headers.topic}.`);
    if (!SHOP_DOMAIN.test(headers.shop)) throw jsonRefusal(400, "X-Shopify-Shop-Domain is not a shop domain.");
    const { text } = parseJsonObjectText(body);

    const recorded = await recordDelivery(db, now(), {
      webhookId: headers.webhookId,
      shop: headers.shop.toLowerCase(),
      topic: routeTopic,
      eventId: headers.eventId,
      triggeredAt: headers.triggeredAt,
      payloadJson: text,
    });
    if (recorded !== "already-processed") wakeWebhookProcessors();
    return recorded === "new" ? ACCEPTED : DUPLICATE;
  } catch (error) {
    if (error instanceof Response) return answerOf(error);
    // Not recorded: a non-2xx answer makes Shopify deliver it again later.
    if (isDatabaseBusy(error)) return answerOf(databaseBusyResponse());
    logger.error("webhook could not be recorded", { topic: routeTopic, error: errorMessage(error) });
    return answerOf(
      jsonRefusal(503, "The webhook could not be recorded right now; deliver it again later.", {
        "Retry-After": String(RETRY_AFTER_SECONDS),
      }),
    );
  }
}

/** A refusal built as a Response (the shared helpers' form) as a plain answer: refusals only, never the 200s. */
async function answerOf(response: Response): Promise<DeliveryAnswer> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return { status: response.status, headers, body: await response.text() };
}

function shopifyHeaders(request: HeaderSource) {
  const required = (name: string) => {
    const value = request.headers.get(name)?.trim();
    if (!value) throw jsonRefusal(400, `The ${name} header is missing.`);
    return value;
  };
  const hmac = required("x-shopify-hmac-sha256");
  const triggered = request.headers.get("x-shopify-triggered-at");
  const triggeredAt = triggered ? new Date(triggered) : undefined;
  return {
    hmac,
    topic: required("x-shopify-topic"),
    shop: required("x-shopify-shop-domain"),
    webhookId: required("x-shopify-webhook-id"),
    eventId: request.headers.get("x-shopify-event-id") ?? undefined,
    triggeredAt: triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? triggeredAt : undefined,
  };
}

/** Base64 HMAC-SHA256 of the raw body with the app secret, compared in constant time. */
function signedBy(secret: string, body: Uint8Array, hmac: string): boolean {
  const expected = createHmac("sha256", secretKey(secret)).update(body).digest();
  const given = Buffer.from(hmac, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

let lastKey: { secret: string; key: KeyObject } | null = null;

/** The secret as a key object, made once: a string key is converted again by every createHmac. */
function secretKey(secret: string): KeyObject {
  if (lastKey?.secret !== secret) lastKey = { secret, key: createSecretKey(Buffer.from(secret, "utf8")) };
  return lastKey.key;
}

type Recorded = "new" | "requeued" | "already-processed";

const recorders = new WeakMap<Db, DeliveryRecorder>();

async function recordDelivery(db: Db, now: Date, delivery: DeliveryRow): Promise<Recorded> {
  let recorder = recorders.get(db);
  if (!recorder) recorders.set(db, (recorder = new DeliveryRecorder(db)));
  if (await recorder.record(delivery, now)) return "new";
  // Shopify delivers again when it is not sure we got it: if we have not processed it yet (an
  // attempt failed, or is waiting to be retried), it is due now; the processor takes it.
  return (await requeueUnprocessed(db, delivery.webhookId, now)) ? "requeued" : "already-processed";
}
