// Webhook deliveries straight from Node's HTTP server, before Express and Remix: the web process's
// server (scripts/server.ts) hands every request for /webhooks/<topic> here. Under a burst the HTTP
// stack was most of the cost of a delivery (route matching, a fetch Request with a body stream, a
// Response); here a delivery costs the checks and its share of one INSERT. The rules are the ones
// the Remix routes apply (takeDelivery in receive.server.ts); only the transport differs.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { logger } from "../lib/logger.server";
import { takeDelivery, type DeliveryAnswer, type IncomingDelivery } from "./receive.server";
import { isWebhookTopic, type WebhookTopic } from "./topics";
import { duringIntake } from "./wake.server";

const PREFIX = "/webhooks/";

/** The topic whose address `url` (path and query) is, or null for any other address. */
export function webhookTopicAt(url: string | undefined): WebhookTopic | null {
  if (!url?.startsWith(PREFIX)) return null;
  const query = url.indexOf("?");
  const topic = url.slice(PREFIX.length, query < 0 ? undefined : query);
  return isWebhookTopic(topic) ? topic : null;
}

/**
 * Takes the request when it is a webhook delivery (true; `onTaken` runs first, e.g. the access log),
 * else leaves it alone (false). Other addresses under /webhooks go on to Remix, which answers 404.
 */
export function handleWebhookRequest(
  request: IncomingMessage,
  response: ServerResponse,
  onTaken?: () => void,
): boolean {
  const topic = webhookTopicAt(request.url);
  if (!topic) return false;
  onTaken?.();
  duringIntake(() => takeDelivery(incomingDelivery(request), topic)).then(
    (answer) => writeAnswer(request, response, answer),
    (error: unknown) => {
      // takeDelivery answers every failure itself; this is a last resort that keeps the socket from hanging.
      logger.error("webhook intake failed", { topic, error: String(error) });
      writeAnswer(request, response, { status: 500, headers: {}, body: null });
    },
  );
  return true;
}

function incomingDelivery(request: IncomingMessage): IncomingDelivery {
  let iterator: AsyncIterator<Buffer> | undefined;
  return {
    method: request.method ?? "GET",
    headers: { get: (name) => headerValue(request.headers, name) },
    body: {
      next: () => (iterator ??= request[Symbol.asyncIterator]()).next(),
      // Not destroyed: the answer (413) still has to go out on this socket; it is closed after it.
      abandon: () => void request.pause(),
    },
  };
}

/** Like fetch's Headers.get: repeated headers joined (Node joins most already; set-cookie stays an array). */
function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

function writeAnswer(request: IncomingMessage, response: ServerResponse, answer: DeliveryAnswer): void {
  if (response.headersSent || response.destroyed) return;
  // A body left unread (refused before or while reading it) is not drained: the connection closes.
  const unread = !request.complete;
  const headers: Record<string, string | number> = { ...answer.headers };
  if (unread) headers.connection = "close";
  if (answer.body === null) {
    headers["content-length"] = 0;
    response.writeHead(answer.status, headers);
    response.end();
  } else {
    headers["content-length"] = Buffer.byteLength(answer.body);
    response.writeHead(answer.status, headers);
    response.end(answer.body);
  }
}
