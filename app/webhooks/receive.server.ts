// The three steps of every webhook route: verify (HMAC, via Shopify's library), record the delivery
// once by X-Shopify-Webhook-Id, hand the typed event to a use-case. Duplicates of a processed
// delivery are acknowledged without running the use-case again.
import { db } from "../db.server";
import { isUniqueViolation } from "../db/errors";
import { errorMessage } from "../lib/errors";
import { logger } from "../lib/logger.server";
import { authenticate } from "../shopify.server";

export interface WebhookEvent<TPayload = unknown> {
  shop: string;
  topic: string;
  webhookId: string;
  eventId?: string;
  triggeredAt?: Date;
  payload: TPayload;
}

export type WebhookUseCase<TPayload = unknown> = (event: WebhookEvent<TPayload>) => Promise<void>;

export async function receiveWebhook<TPayload>(request: Request, handle: WebhookUseCase<TPayload>): Promise<Response> {
  const event = await verifiedEvent<TPayload>(request);
  if (!(await claimDelivery(event))) {
    return new Response(null, { status: 200, headers: { "x-passerelle-duplicate": "1" } });
  }
  try {
    await handle(event);
    // updateMany: shop/redact erases the shop's deliveries, this one included.
    await db.webhookDelivery.updateMany({
      where: { webhookId: event.webhookId },
      data: { status: "processed", processedAt: new Date(), error: null },
    });
    return new Response(null, { status: 200 });
  } catch (error) {
    logger.error("webhook processing failed", {
      shop: event.shop,
      topic: event.topic,
      webhookId: event.webhookId,
      error: errorMessage(error),
    });
    await db.webhookDelivery.updateMany({
      where: { webhookId: event.webhookId },
      data: { status: "failed", error: errorMessage(error) },
    });
    // A non-2xx answer makes Shopify deliver again later; the failed record lets that retry through.
    return new Response("processing failed; Shopify will retry", { status: 500 });
  }
}

async function verifiedEvent<TPayload>(request: Request): Promise<WebhookEvent<TPayload>> {
  let context: Awaited<ReturnType<typeof authenticate.webhook>>;
  try {
    context = await authenticate.webhook(request);
  } catch (errorOrResponse) {
    if (errorOrResponse instanceof Response) throw errorOrResponse; // 401 bad HMAC, 400 missing headers, 405
    throw new Response(`unreadable webhook: ${errorMessage(errorOrResponse)}`, { status: 400 });
  }
  const webhookId = context.webhookId;
  if (!webhookId) throw new Response("missing X-Shopify-Webhook-Id", { status: 400 });
  return {
    shop: context.shop,
    topic: request.headers.get("x-shopify-topic") ?? String(context.topic),
    webhookId,
    eventId: context.eventId ?? undefined,
    triggeredAt: context.triggeredAt ? new Date(context.triggeredAt) : undefined,
    payload: context.payload as TPayload,
  };
}

/** True when this delivery should be processed now: first time seen, or an earlier attempt failed. */
async function claimDelivery(event: WebhookEvent): Promise<boolean> {
  try {
    await db.webhookDelivery.create({
      data: {
        webhookId: event.webhookId,
        shop: event.shop,
        topic: event.topic,
        eventId: event.eventId,
        triggeredAt: event.triggeredAt,
        payloadJson: JSON.stringify(event.payload),
      },
    });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // Seen before: take it over only if the earlier attempt failed (one winner among concurrent retries).
  const retried = await db.webhookDelivery.updateMany({
    where: { webhookId: event.webhookId, status: "failed" },
    data: { status: "received", error: null },
  });
  return retried.count === 1;
}
