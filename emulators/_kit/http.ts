// node:http plumbing shared by the emulators: a server on a free port that stops cleanly (open
// keep-alive sockets and held responses included), body readers and answer writers.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface RunningHttpServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  port: number;
  server: http.Server;
  /** Keeps a response open until close(): hung faults and long polls. */
  hold(res: ServerResponse): void;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

/** Starts a server; a handler that throws answers 500 with a JSON body instead of crashing the process. */
export async function startHttpServer(handler: Handler, options: ListenOptions = {}): Promise<RunningHttpServer> {
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();
  const server = http.createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: `emulator: ${(error as Error).message}` });
      else res.end();
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    server,
    hold: (res) => {
      held.add(res);
      res.on("close", () => held.delete(res));
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })),
  };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export class BadRequestBody extends Error {}

/** A JSON object body ({} when empty); BadRequestBody for anything else. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestBody("the body must be JSON");
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new BadRequestBody("the body must be a JSON object");
  return value as Record<string, unknown>;
}

/** A form-encoded body as ordered pairs (repeated keys kept). */
export async function readFormPairs(req: IncomingMessage): Promise<[string, string][]> {
  return [...new URLSearchParams(await readBody(req)).entries()];
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** Drops the connection with a TCP reset, so the client sees ECONNRESET rather than an answer. */
export function resetConnection(res: ServerResponse): void {
  const socket = res.socket as (Socket & { resetAndDestroy?: () => void }) | null;
  if (socket?.resetAndDestroy) socket.resetAndDestroy();
  else socket?.destroy();
}
