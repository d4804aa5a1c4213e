// Webhook deliveries straight from Node's HTTP server, before Express and Remix: the web process's
// server (scripts/server.ts) hands every request for /webhooks/<topic> here. Under a burst the HTTP
// stack was most of the cost of a delivery (route matching, a fetch Request with a body stream, a
// Response); here a delivery costs the checks and its share of one INSERT. The rules are the ones
// the Remix routes apply (takeDelivery in receive.server.ts); only the transport differs.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { NOT_EMBEDDED_SECURITY_HEADERS, writeHeadAsGiven } from "../lib/http-headers.server";
import { logger } from "../lib/logger.server";
import type { BodyChunks } from "../lib/request-body.server";
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

/** What the access log is told of an answered delivery. */
export interface WebhookAnswered {
  status: number;
  contentLength: number;
  /** From taking the request to writing the answer. */
  ms: number;
}

/**
 * Takes the request when it is a webhook delivery (true; `onAnswered` runs once the answer is written,
 * e.g. for the access log), else leaves it alone (false). Other addresses under /webhooks go on to
 * Remix, which answers 404.
 */
export function handleWebhookRequest(
  request: IncomingMessage,
  response: ServerResponse,
  onAnswered?: (request: IncomingMessage, answered: WebhookAnswered) => void,
): boolean {
  const topic = webhookTopicAt(request.url);
  if (!topic) return false;
  const started = performance.now();
  const answer = (delivery: DeliveryAnswer) => {
    const contentLength = writeAnswer(request, response, delivery);
    if (contentLength !== null)
      onAnswered?.(request, { status: delivery.status, contentLength, ms: performance.now() - started });
  };
  duringIntake(() => takeDelivery(incomingDelivery(request), topic)).then(answer, (error: unknown) => {
    // takeDelivery answers every failure itself; this is a last resort that keeps the socket from hanging.
    logger.error("webhook intake failed", { topic, error: String(error) });
    answer({ status: 500, headers: {}, body: null });
  });
  return true;
}

function incomingDelivery(request: IncomingMessage): IncomingDelivery {
  return {
    method: request.method ?? "GET",
    headers: { get: (name) => headerValue(request.headers, name) },
    body: bodyChunks(request),
  };
}

/**
 * The request's body chunks from its 'data' events: a stream's async iterator cost more than the
 * rest of reading a delivery. A request that closes before its end fails the read.
 */
function bodyChunks(request: IncomingMessage): BodyChunks {
  const queue: Buffer[] = [];
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const nudge = () => {
    wake?.();
    wake = null;
  };
  let listening = false;
  // Listened to at the first read only: a delivery refused before (405, 415) leaves its body unread.
  const listen = () => {
    listening = true;
    if (request.destroyed && !request.readableEnded) failure = new Error("the request was closed before its end");
    request.on("data", (chunk: Buffer) => {
      queue.push(chunk);
      nudge();
    });
    // `on`, not `once`: each of these is emitted at most once, and `once` wraps every listener.
    request.on("end", () => {
      ended = true;
      nudge();
    });
    request.on("error", (error) => {
      failure ??= error;
      nudge();
    });
    request.on("close", () => {
      if (!ended) failure ??= new Error("the request was closed before its end");
      nudge();
    });
  };
  return {
    async next() {
      if (!listening) listen();
      while (queue.length === 0 && !ended && !failure) await new Promise<void>((resolve) => (wake = resolve));
      const chunk = queue.shift();
      if (chunk) return { value: chunk };
      if (failure) throw failure;
      return { done: true };
    },
    // Not destroyed: the answer (413) still has to go out on this socket; it is closed after it.
    abandon: () => {
      request.removeAllListeners("data");
      request.pause();
    },
  };
}

/** Like fetch's Headers.get: repeated headers joined (Node joins most already; set-cookie stays an array). */
function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Writes the answer; its body's length, or null when the connection was already gone. */
function writeAnswer(request: IncomingMessage, response: ServerResponse, answer: DeliveryAnswer): number | null {
  if (response.headersSent || response.destroyed) return null;
  // A body left unread (refused before or while reading it) is not drained: the connection closes.
  const unread = !request.complete;
  // The security headers every response gets, written here with the rest of the head (webhook
  // addresses are never embedded pages) rather than added by the generic writeHead wrapper.
  const headers: Record<string, string | number> = { ...NOT_EMBEDDED_SECURITY_HEADERS, ...answer.headers };
  if (unread) headers.connection = "close";
  const length = answer.body === null ? 0 : Buffer.byteLength(answer.body);
  headers["content-length"] = length;
  writeHeadAsGiven(response, answer.status, headers);
  if (answer.body === null) response.end();
  else response.end(answer.body);
  return length;
}
