import { PassThrough } from "node:stream";
import {
  createReadableStreamFromReadable,
  type ActionFunctionArgs,
  type EntryContext,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { db, openDriverConnections } from "./db.server";
import { localeOfRequest } from "./i18n/locale";
import { RequestLocaleProvider } from "./i18n/request-locale";
import { startBackgroundWork } from "./jobs/runtime.server";
import { registerModules } from "./modules.server";
import { installSecurityHeaders } from "./lib/http-headers.server";
import { logger } from "./lib/logger.server";
import { installProcessGuards } from "./lib/process-guard.server";
import { addDocumentResponseHeaders } from "./shopify.server";
import { adjustDocumentHeadersForConfiguredAdmin } from "./shopify/document-headers.server";

// The composition root: every job type and GDPR holder this build has, before anything runs.
registerModules();

// The web process's own HTTP server (scripts/server.ts) takes these from the build, so it shares this
// build's modules (one database client, one logger) instead of bundling copies.
export { handleWebhookRequest } from "./webhooks/intake-http.server";
export { onShutdown } from "./lib/shutdown.server";

/** Called by the web server once it listens: opens what the first requests would otherwise wait for. */
export async function warmUp(): Promise<void> {
  await openDriverConnections(db);
}

// Remix stops streaming data after streamTimeout; React's render is aborted a second later.
export const streamTimeout = 5_000;
const ABORT_DELAY_MS = streamTimeout + 1_000;

// The server entry is loaded once per process: guard it, then start the scheduler and worker with it.
installProcessGuards("web");
installSecurityHeaders();
startBackgroundWork();

/** Errors Remix caught in a loader, action or render: logged with the request, once. */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs): void {
  // A client that went away (navigated, closed the tab) aborts its request: nothing went wrong.
  if (request.signal.aborted) return;
  const url = new URL(request.url);
  // A client using the data protocol from before single fetch (?_data=): its mistake, not a failure of ours.
  if (error instanceof Error && error.message.startsWith("Warning: Single fetch-enabled apps")) {
    logger.warn("?_data request: screens' data is at <path>.data", { path: url.pathname });
    return;
  }
  logger.error("request failed", {
    method: request.method,
    path: url.pathname,
    errorName: error instanceof Error ? error.name : typeof error,
    error: error instanceof Error ? error.message : String(error),
  });
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  adjustDocumentHeadersForConfiguredAdmin(responseHeaders);
  const callbackName = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(
      <RequestLocaleProvider value={localeOfRequest(request).locale}>
        <RemixServer context={remixContext} url={request.url} />
      </RequestLocaleProvider>,
      {
        [callbackName]: () => {
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error) {
          reject(error);
        },
        onError(error) {
          responseStatusCode = 500;
          logger.error("render failed", { path: new URL(request.url).pathname, error: String(error) });
        },
      },
    );
    setTimeout(abort, ABORT_DELAY_MS);
  });
}
