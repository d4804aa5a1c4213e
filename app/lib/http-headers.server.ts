// Security headers on every response of the web process: pages, data, JSON API, webhooks, assets.
// Embedded pages may be framed by the Shopify admin only (Shopify's helper names the shop when it
// knows it); everything else by nobody. No MIME sniffing (a JSON answer is never run as a page), and
// no full URL (it may hold a session token) sent as referrer to other sites.
import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { env } from "../env.server";

const SHOPIFY_ADMINS = ["https://admin.shopify.com", "https://*.myshopify.com"];

/** The headers a response gets unless its route set them itself. */
export function defaultSecurityHeaders(pathname: string): Record<string, string> {
  const embedded = pathname === "/app" || pathname.startsWith("/app/") || pathname.startsWith("/auth/");
  const extra =
    env()
      .EXTRA_FRAME_ANCESTORS?.split(/[\s,]+/)
      .filter(Boolean) ?? [];
  return {
    "Content-Security-Policy": embedded
      ? `frame-ancestors ${[...SHOPIFY_ADMINS, ...extra].join(" ")};`
      : "frame-ancestors 'none';",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
  };
}

let installed = false;

/**
 * Resource routes (API) bypass every entry hook and webhooks never reach Remix, so the
 * defaults are added where Node writes each response's head: a route's own value always wins.
 */
export function installSecurityHeaders(): void {
  if (installed) return;
  installed = true;
  diagnostics.subscribe("http.server.request.start", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const writeHead = response.writeHead;
    response.writeHead = function writeHeadWithDefaults(this: ServerResponse, ...args: unknown[]) {
      const given = args.find((a): a is OutgoingHttpHeaders => typeof a === "object" && a !== null);
      const pathname = (request.url ?? "/").split("?")[0]!;
      for (const [name, value] of Object.entries(defaultSecurityHeaders(pathname))) {
        const inArgs = given && Object.keys(given).some((k) => k.toLowerCase() === name.toLowerCase());
        if (!this.headersSent && !this.hasHeader(name) && !inArgs) this.setHeader(name, value);
      }
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as ServerResponse["writeHead"];
  });
}
