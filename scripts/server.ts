// npm start — the web process: serves the built app (build/server, build/client) over HTTP. Built by
// `npm run build:server` into build/web/index.js. It replaces remix-serve, which put every request
// through Express, morgan, compression and Remix: a webhook delivery now goes straight from Node to
// the intake (app/webhooks/intake-http.server.ts: verify → one insert → 200), everything else gets
// what remix-serve gave it: static files (immutable /assets), compression, the access log, Remix.
// PORT (default 3000) and HOST (default: every interface) as remix-serve read them. On SIGTERM the
// server stops taking connections, finishes the requests in flight, then the process exits with the
// background work (app/lib/shutdown.server.ts). See docs/decisions/0004-own-web-server.md.
// WEB_PROCESSES=N (default 1) serves from N processes sharing the port (Node's cluster): a burst of
// webhooks is then answered on every core instead of queueing on one event loop. Only the first runs
// the background jobs (when they are on); see docs/decisions/0019-web-processes.md.
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { installOutputRedaction } from "../app/lib/log-redaction.server";

/** What this server takes from app/entry.server.tsx, so it uses the build's modules (one of each). */
interface WebEntry {
  handleWebhookRequest(
    request: IncomingMessage,
    response: ServerResponse,
    onAnswered?: (request: IncomingMessage, answered: { status: number; contentLength: number; ms: number }) => void,
  ): boolean;
  onShutdown(name: string, run: () => Promise<unknown>): void;
  warmUp(): Promise<void>;
}

/** How long requests in flight get to finish after SIGTERM before their connections are cut. */
const DRAIN_MS = 10_000;

const WEB_PROCESSES = Math.max(1, Math.floor(Number(process.env.WEB_PROCESSES) || 1));
if (WEB_PROCESSES > 1 && cluster.isPrimary) {
  superviseWebProcesses(WEB_PROCESSES);
} else {
  await serve();
}

const SUFFIX = { br: "br", gzip: "gz" } as const;

/**
 * Sends an asset's precompressed copy (name.br, name.gz) when the browser accepts its encoding; anything
 * else goes on to express.static and compression. Only names read from the folder at start are served.
 */
function precompressedAssets(dir: string): express.RequestHandler {
  const names = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const name = req.path.slice(1);
    res.vary("Accept-Encoding");
    if (name.includes("/")) return next();
    const copies = (["br", "gzip"] as const).filter((e) => names.has(`${name}.${SUFFIX[e]}`));
    // Brotli (smaller) when the browser takes it at all, then gzip; q=0 refuses an encoding.
    const encoding = copies.find((e) => req.acceptsEncodings(e) === e);
    if (!encoding) return next();
    res.type(path.extname(name));
    res.setHeader("Content-Encoding", encoding);
    res.sendFile(`${name}.${SUFFIX[encoding]}`, {
      root: dir,
      immutable: true,
      maxAge: "1y",
      acceptRanges: false,
      dotfiles: "deny",
    });
  };
}

function log(level: "info" | "warn" | "error", message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  if (level === "info") console.log(line);
  else console.error(line);
}

/**
 * The primary of WEB_PROCESSES > 1: starts the web processes, starts again one that died (a crash must not
 * halve the capacity for good), and on SIGTERM/SIGINT lets each drain its requests before exiting.
 */
function superviseWebProcesses(count: number): void {
  let stopping = false;
  const start = (slot: number) => {
    const child = cluster.fork({
      WEB_PROCESS_SLOT: String(slot),
      // One process runs the scheduler and the workers; the others only answer requests.
      ...(slot > 0 ? { BACKGROUND_JOBS: "off" } : {}),
      // Each watches this primary instead (below): its parent is this process, not ours.
      STOP_WITH_PARENT_PID: "",
    });
    let listened = false;
    child.once("listening", () => (listened = true));
    child.once("exit", (code, signal) => {
      // One that could not even listen (port taken…) would fail the same way again: stop them all.
      if (!listened && !stopping) {
        log("error", "web process could not start; stopping", { slot, code, signal });
        stop("SIGTERM");
        process.exitCode = 1;
      }
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
        return;
      }
      log("error", "web process ended; starting another", { slot, code, signal });
      setTimeout(() => start(slot), 1_000);
    });
  };
  for (let slot = 0; slot < count; slot++) start(slot);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const children = Object.values(cluster.workers ?? {});
    if (children.length === 0) process.exit();
    for (const child of children) child?.process.kill(signal);
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGTERM"));
  watchParent(() => stop("SIGTERM"));
}

/** A child of `npm run demo` (or of a test's stack) stops when its parent dies, even by SIGKILL or a
 *  crash: an orphan would keep the port and answer the next demo with the previous one's secrets. */
function watchParent(stop: () => void): void {
  const parentPid = Number(process.env.STOP_WITH_PARENT_PID) || 0;
  if (!parentPid) return;
  const watch = setInterval(() => {
    if (process.ppid === parentPid) return;
    clearInterval(watch);
    stop();
  }, 500);
  watch.unref();
}

async function serve(): Promise<void> {
  // The access log prints URLs: the query strings (hmac, id_token, …) are cut before anything is written.
  installOutputRedaction();
  process.env.NODE_ENV ??= "production";

  const here = path.dirname(new URL(import.meta.url).pathname);
  const buildPath = path.resolve(process.argv[2] ?? path.join(here, "..", "server", "index.js"));
  const clientDir = path.join(path.dirname(buildPath), "..", "client");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const entry = build.entry.module as unknown as WebEntry;
  // The fetch classes Remix and the app use: undici's, whose aborts end a request and not the process.
  installGlobals({ nativeFetch: build.future.v3_singleFetch });

  const accessLog = morgan("tiny");
  const app = express();
  app.disable("x-powered-by");
  // Vite fingerprints everything under /assets: cached for a year. Other files (favicon…) for an hour.
  // The build's own Brotli/gzip copies first (scripts/precompress-assets.ts), so a first visit's megabyte
  // of CSS and JavaScript is not compressed again on this thread while the page waits for it.
  app.use("/assets", precompressedAssets(path.join(clientDir, "assets")));
  app.use(compression());
  app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(clientDir, { maxAge: "1h" }));
  app.use(accessLog);
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

  // Webhook deliveries get morgan's "tiny" line too, written without morgan's per-request listeners and
  // gathered into one write per turn of the event loop: under a burst those were a tenth of a delivery's cost.
  let webhookLines: string[] = [];
  function logWebhookLine(line: string): void {
    if (webhookLines.push(line) === 1)
      setImmediate(() => {
        const lines = webhookLines;
        webhookLines = [];
        process.stdout.write(`${lines.join("\n")}\n`);
      });
  }

  const logged = (
    request: IncomingMessage,
    { status, contentLength, ms }: { status: number; contentLength: number; ms: number },
  ) => logWebhookLine(`${request.method} ${request.url} ${status} ${contentLength} - ${ms.toFixed(3)} ms`);

  let inFlight = 0;
  // One listener function for every response (a response closes once): no closure made per request.
  const requestClosed = () => inFlight--;
  const server = http.createServer((request, response) => {
    inFlight++;
    response.on("close", requestClosed);
    if (!entry.handleWebhookRequest(request, response, logged)) app(request, response);
  });

  const port = Number(process.env.PORT) || 3000;
  const host = process.env.HOST || undefined;
  // A burst opens many connections at once: a short accept queue would drop some and the client
  // would only try again a second later.
  // Not listening is fatal (the process guards would otherwise keep a process that serves nothing).
  server.once("error", (error) => {
    console.error(
      JSON.stringify({
        time: new Date().toISOString(),
        level: "error",
        message: "web server could not listen",
        error: String(error),
      }),
    );
    process.exit(1);
  });
  server.listen({ port, host, backlog: 4096 }, () => {
    console.log(
      JSON.stringify({
        time: new Date().toISOString(),
        level: "info",
        message: "web server listening",
        url: `http://${host ?? "localhost"}:${port}`,
        pid: process.pid,
      }),
    );
    // A database that is down now is no reason to stop: requests say so, and connections open later.
    entry.warmUp().catch((error: unknown) =>
      console.error(
        JSON.stringify({
          time: new Date().toISOString(),
          level: "warn",
          message: "database connections not opened at start",
          error: String(error),
        }),
      ),
    );
  });

  watchParent(() => process.kill(process.pid, "SIGTERM"));
  // A web process of WEB_PROCESSES > 1 stops with its primary, however the primary ended.
  if (cluster.isWorker) process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));

  entry.onShutdown("web server", async () => {
    server.close();
    server.closeIdleConnections();
    const deadline = Date.now() + DRAIN_MS;
    while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    server.closeAllConnections();
  });
}
