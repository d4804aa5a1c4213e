import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { startBackgroundWork } from "./jobs/runtime.server";
import { addDocumentResponseHeaders } from "./shopify.server";
import { adjustDocumentHeadersForConfiguredAdmin } from "./shopify/document-headers.server";

const ABORT_DELAY_MS = 5_000;

// The server entry is loaded once per process: start the scheduler and worker with it.
startBackgroundWork();

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
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
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
        process.stderr.write(`${JSON.stringify({ level: "error", message: "render failed", error: String(error) })}\n`);
      },
    });
    setTimeout(abort, ABORT_DELAY_MS);
  });
}
