// Security headers on every response of the web process: pages, data, JSON API, webhooks, assets.
// Embedded pages may be framed by the Shopify admin only (Shopify's helper names the shop when it
// knows it); everything else by nobody. No MIME sniffing (a JSON answer is never run as a page), and
// no full URL (it may hold a session token) sent as referrer to other sites.
import http, { type OutgoingHttpHeader, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import { env } from "../env.server";

const SHOPIFY_ADMINS = ["https://admin.shopify.com", "https://*.myshopify.com"];

/** The headers of every response that is not an embedded page (webhook answers, API, assets…). */
export const NOT_EMBEDDED_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Security-Policy": "frame-ancestors 'none';",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
});

let embeddedHeaders: Readonly<Record<string, string>> | undefined;

const isEmbedded = (pathname: string) =>
  pathname === "/app" || pathname.startsWith("/app/") || pathname.startsWith("/auth/");

/** The headers a response gets unless its route set them itself. */
export function defaultSecurityHeaders(pathname: string): Readonly<Record<string, string>> {
  if (!isEmbedded(pathname)) return NOT_EMBEDDED_SECURITY_HEADERS;
  // Built once: the environment is read once per process anyway (env() caches it).
  embeddedHeaders ??= Object.freeze({
    ...NOT_EMBEDDED_SECURITY_HEADERS,
    "Content-Security-Policy": `frame-ancestors ${[...SHOPIFY_ADMINS, ...extraFrameAncestors()].join(" ")};`,
  });
  return embeddedHeaders;
}

const extraFrameAncestors = () =>
  env()
    .EXTRA_FRAME_ANCESTORS?.split(/[\s,]+/)
    .filter(Boolean) ?? [];

/** Lower-cased names of the headers given to writeHead (an object, or Node's raw array forms). */
function givenNames(args: unknown[]): Set<string> | null {
  const given = args.find((a): a is OutgoingHttpHeaders | OutgoingHttpHeader[] => typeof a === "object" && a !== null);
  if (!given) return null;
  const names = new Set<string>();
  if (Array.isArray(given)) {
    // [[name, value], …] or [name, value, name, value, …]
    given.forEach((entry, i) => {
      if (Array.isArray(entry)) names.add(String(entry[0]).toLowerCase());
      else if (i % 2 === 0) names.add(String(entry).toLowerCase());
    });
  } else for (const name of Object.keys(given)) names.add(name.toLowerCase());
  return names;
}

let originalWriteHead: ServerResponse["writeHead"] | null = null;

/**
 * Resource routes (API) bypass every entry hook and webhooks never reach Remix, so the defaults are
 * added where Node writes each response's head: a route's own value always wins. One wrapper on the
 * prototype, not one per request: under a webhook burst, wrapping each response (a closure and a
 * property set on every request) was a tenth of a delivery's cost.
 */
export function installSecurityHeaders(): void {
  if (originalWriteHead) return;
  const writeHead = (originalWriteHead = http.ServerResponse.prototype.writeHead);
  http.ServerResponse.prototype.writeHead = function writeHeadWithDefaults(this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) {
      const defaults = defaultSecurityHeaders((this.req?.url ?? "/").split("?")[0]!);
      const given = givenNames(args);
      for (const name in defaults)
        if (!this.hasHeader(name) && !given?.has(name.toLowerCase())) this.setHeader(name, defaults[name]!);
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];
}

/**
 * Writes a response's head exactly as given, for a transport that put the defaults in `headers`
 * itself (the webhook fast path, app/webhooks/intake-http.server.ts).
 */
export function writeHeadAsGiven(response: ServerResponse, status: number, headers: OutgoingHttpHeaders): void {
  (originalWriteHead ?? response.writeHead).call(response, status, headers);
}
