// Parcels for the carrier emulators: each has a script of events that become visible as the
// emulator's clock passes their time. The clock is controllable (advance it from tests, or set `now`).
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ParcelStep {
  /** Milliseconds after the parcel was registered. */
  afterMs: number;
  code: string;
  label: string;
  office?: string;
}

export interface Parcel {
  number: string;
  registeredAt: number;
  steps: ParcelStep[];
}

export class ParcelBook {
  private readonly parcels = new Map<string, Parcel>();
  private offsetMs = 0;

  constructor(
    private readonly baseNow: () => number,
    private readonly defaultSteps: ParcelStep[],
  ) {}

  now(): number {
    return this.baseNow() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  add(number: string, steps?: ParcelStep[]): Parcel {
    const parcel = {
      number,
      registeredAt: this.now(),
      steps: [...(steps ?? this.defaultSteps)].sort((a, b) => a.afterMs - b.afterMs),
    };
    this.parcels.set(number, parcel);
    return parcel;
  }

  get(number: string): Parcel | undefined {
    return this.parcels.get(number);
  }

  /** Events that have happened by now, oldest first, with their time. */
  eventsOf(number: string): (ParcelStep & { at: Date })[] {
    const parcel = this.parcels.get(number);
    if (!parcel) return [];
    const now = this.now();
    return parcel.steps
      .filter((s) => parcel.registeredAt + s.afterMs <= now)
      .map((s) => ({ ...s, at: new Date(parcel.registeredAt + s.afterMs) }));
  }

  all(): Parcel[] {
    return [...this.parcels.values()];
  }
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { "content-type": contentType });
  res.end(body);
}

/** Control routes shared by the carrier emulators: /_emulator/parcels, /_emulator/clock. */
export async function handleParcelControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  book: ParcelBook,
): Promise<boolean> {
  if (!path.startsWith("/_emulator/")) return false;
  const json = (status: number, body: unknown) => send(res, status, "application/json", JSON.stringify(body));
  const body = req.method === "POST" ? (JSON.parse((await readBody(req)) || "{}") as Record<string, unknown>) : {};
  if (req.method === "POST" && path === "/_emulator/parcels") {
    if (typeof body.number !== "string") return (json(400, { error: "number is required" }), true);
    return (json(201, book.add(body.number, body.steps as ParcelStep[] | undefined)), true);
  }
  if (req.method === "GET" && path === "/_emulator/parcels")
    return (json(200, { parcels: book.all(), now: new Date(book.now()) }), true);
  if (req.method === "POST" && path === "/_emulator/clock") {
    book.advance(Number(body.advanceMs ?? 0));
    return (json(200, { now: new Date(book.now()) }), true);
  }
  json(404, { error: `no control route ${req.method} ${path}` });
  return true;
}

export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  port = 0,
  host = "127.0.0.1",
) {
  const server = http.createServer((req, res) => {
    handler(req, res).catch((error: Error) => {
      if (!res.headersSent) send(res, 500, "text/plain", `emulator: ${error.message}`);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const xml = (value: string) =>
  value.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
