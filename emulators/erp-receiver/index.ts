// A test ERP that receives the event feed (issue 15, seed 001): HTTPS with a certificate of a test CA
// (certs.ts), keeping every request it got (headers and exact body bytes). It can be told to answer a
// status (fail), never answer (timeout), answer 410, wait before answering, run a step of the test
// between receiving an event and answering it, or go down and come back on the same port.
import http from "node:http";
import https from "node:https";
import type net from "node:net";
import type { TestCertificates } from "./certs";

export { makeTestCertificates, type TestCertificates } from "./certs";

export type ReceiverMode = { kind: "ok" } | { kind: "fail"; status: number } | { kind: "timeout" } | { kind: "gone" };

export interface ReceivedEvent {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  at: Date;
  /** What it answered (null: kept the request waiting). */
  answered: number | null;
}

export interface ErpReceiverOptions {
  port?: number;
  /** HTTPS with these; plain http without (tests of the URL policy). */
  tls?: Pick<TestCertificates, "cert" | "key">;
  /** Wait before each answer (the benchmark's slow ERP). */
  delayMs?: number;
}

export interface ErpReceiver {
  url: string;
  received: ReceivedEvent[];
  setMode(mode: ReceiverMode): void;
  setDelay(ms: number): void;
  /**
   * Runs `step` when an event has arrived and before it is answered (the answer waits for it): what the
   * test needs to happen while the sender waits for the answer. Null: none.
   */
  beforeAnswer(step: ((event: ReceivedEvent) => Promise<void> | void) | null): void;
  /** Stops listening (connections refused) until up(). */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startErpReceiver(options: ErpReceiverOptions = {}): Promise<ErpReceiver> {
  let mode: ReceiverMode = { kind: "ok" };
  let delayMs = options.delayMs ?? 0;
  let step: ((event: ReceivedEvent) => Promise<void> | void) | null = null;
  const received: ReceivedEvent[] = [];
  const sockets = new Set<net.Socket>();
  const handler: http.RequestListener = (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry: ReceivedEvent = {
        path: request.url ?? "/",
        headers: request.headers,
        body: Buffer.concat(chunks),
        at: new Date(),
        answered: null,
      };
      received.push(entry);
      if (mode.kind === "timeout") return;
      const status = mode.kind === "ok" ? 200 : mode.kind === "gone" ? 410 : mode.status;
      const answer = () =>
        setTimeout(() => {
          entry.answered = status;
          response.writeHead(status, { "content-type": "application/json" });
          response.end(JSON.stringify(status < 300 ? { received: true } : { error: `told to answer ${status}` }));
        }, delayMs);
      const run = step;
      if (!run) return void answer();
      Promise.resolve()
        .then(() => run(entry))
        .then(answer, (error: unknown) => {
          // The test's own step failed: the sender sees a 500 that says why (and the test its answer).
          entry.answered = 500;
          response.writeHead(500, { "content-type": "application/json" });
          response.end(JSON.stringify({ error: `the test's step failed: ${String(error)}` }));
        });
    });
  };
  const make = () => {
    const server = options.tls
      ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handler)
      : http.createServer(handler);
    server.on("connection", (socket: net.Socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    return server;
  };
  let server: http.Server | null = make();
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server!.once("error", reject);
      server!.listen(port, "127.0.0.1", () => resolve((server!.address() as net.AddressInfo).port));
    });
  const port = await listen(options.port ?? 0);
  const stop = async () => {
    if (!server) return;
    const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closing;
    server = null;
  };
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    received,
    setMode: (next) => (mode = next),
    setDelay: (ms) => (delayMs = ms),
    beforeAnswer: (next) => (step = next),
    down: stop,
    async up() {
      if (server) return;
      server = make();
      await listen(port);
    },
    close: stop,
  };
}
