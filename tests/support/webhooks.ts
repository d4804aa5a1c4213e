// Builds webhook requests the way Shopify sends them, for tests that call route actions directly.
import { createHmac, randomUUID } from "node:crypto";

export interface WebhookRequestOptions {
  topic: string;
  shop: string;
  payload: unknown;
  /** The exact body to send (signed as is) instead of JSON.stringify(payload). */
  rawBody?: string;
  contentType?: string;
  method?: string;
  webhookId?: string;
  secret?: string;
  hmac?: string;
  path?: string;
}

export function webhookRequest(options: WebhookRequestOptions): Request {
  const body = options.rawBody ?? JSON.stringify(options.payload);
  const secret = options.secret ?? process.env.SHOPIFY_API_SECRET ?? "";
  const hmac = options.hmac ?? createHmac("sha256", secret).update(body, "utf8").digest("base64");
  return new Request(`http://127.0.0.1:3999${options.path ?? `/webhooks/${options.topic}`}`, {
    method: options.method ?? "POST",
    body: options.method === "GET" ? undefined : body,
    headers: {
      "content-type": options.contentType ?? "application/json",
      "x-shopify-topic": options.topic,
      "x-shopify-hmac-sha256": hmac,
      "x-shopify-shop-domain": options.shop,
      "x-shopify-api-version": "2026-07",
      "x-shopify-webhook-id": options.webhookId ?? randomUUID(),
      "x-shopify-event-id": randomUUID(),
      "x-shopify-triggered-at": new Date().toISOString(),
    },
  });
}

/** Route actions signal 401/400 by throwing a Response; this returns whichever came. */
export async function respond(action: () => Promise<Response>): Promise<Response> {
  try {
    return await action();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Runs a route action, then the webhook processor, as the app does with a recorded delivery. */
export async function deliverAndProcess(action: () => Promise<Response>): Promise<Response> {
  const response = await respond(action);
  const { processDueWebhooks } = await import("~/webhooks/processor.server");
  const { db } = await import("~/db.server");
  await processDueWebhooks({ db });
  return response;
}
