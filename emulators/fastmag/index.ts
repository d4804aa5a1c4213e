// The Fastmag emulator: a real HTTP server speaking the EDI protocol (ediquery.ips answers real SQL
// over an in-memory SQLite database, ediwebsrv.ips applies transaction records, ediphoto.ips serves
// images), answering in windows-1252, with deterministic fault injection.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import Database from "better-sqlite3";
import { distortRow, FaultState, type FaultConfig } from "./faults";
import { encodeAnswer, readParams } from "./http";
import { createSchema } from "./schema";
import { seedCatalog, seedDemo } from "./seed";
import { applyTransaction } from "./transactions";

export type { FaultConfig } from "./faults";

export interface FastmagCredentials {
  enseigne: string;
  magasin: string;
  compte: string;
  motpasse: string;
}

export interface FastmagEmulatorOptions {
  port?: number;
  host?: string;
  credentials: FastmagCredentials;
  /** "demo": a few thousand variants and named records; { variants }: a generated catalog of that size. */
  seed?: "demo" | { variants: number };
  faults?: FaultConfig;
  now?: () => Date;
}

export interface EmulatorCall {
  page: string;
  method: string;
  /** What the emulator answered: "OK", "KO", "http503", "timeout", "rows:<n>", "image", … */
  outcome: string;
}

export interface FastmagEmulator {
  url: string;
  db: Database.Database;
  setFaults(faults: FaultConfig): void;
  /** Every call received, in order (credentials left out). */
  calls: EmulatorCall[];
  close(): Promise<void>;
}

/** The refusal for wrong credentials. Fastmag's exact wording is not public; this is a plausible one. */
export const BAD_CREDENTIALS_MESSAGE = "Identification incorrecte : enseigne, magasin, compte ou mot de passe invalide";

export async function startFastmagEmulator(options: FastmagEmulatorOptions): Promise<FastmagEmulator> {
  const now = options.now ?? (() => new Date());
  const db = new Database(":memory:");
  createSchema(db);
  if (options.seed === "demo") seedDemo(db, now());
  else if (options.seed) {
    seedCatalog(db, options.seed.variants, now());
  }
  const faults = new FaultState();
  faults.set(options.faults);
  const calls: EmulatorCall[] = [];
  const hanging = new Set<http.ServerResponse>();
  const sockets = new Set<Socket>();

  const server = http.createServer(async (req, res) => {
    const page = (new URL(req.url ?? "/", "http://emulator").pathname.split("/").pop() ?? "").toLowerCase();
    const call: EmulatorCall = { page, method: req.method ?? "GET", outcome: "" };
    calls.push(call);
    try {
      const params = await readParams(req);
      const latency = faults.current.latencyMs ?? 0;
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      const fault = faults.next();
      if (fault.kind === "timeout") {
        call.outcome = "timeout";
        hanging.add(res);
        return;
      }
      if (fault.kind === "http5xx") {
        call.outcome = `http${fault.status}`;
        res
          .writeHead(fault.status, { "content-type": "text/html" })
          .end("<html><body>Service Unavailable</body></html>");
        return;
      }
      const text = (body: string, status = 200) => {
        call.outcome ||= body.startsWith("KO") ? "KO" : body.startsWith("OK") ? "OK" : "";
        res
          .writeHead(status, { "content-type": "text/plain; charset=windows-1252" })
          .end(encodeAnswer(body, faults.current.encoding));
      };
      if (!["ediquery.ips", "ediwebsrv.ips", "ediphoto.ips"].includes(page)) return text("KO|Page inconnue", 404);
      if (!credentialsMatch(params, options.credentials)) return text(`KO|${BAD_CREDENTIALS_MESSAGE}`);
      if (fault.kind === "ko") return text(`KO|${fault.message}`);

      if (page === "ediquery.ips") {
        const answer = runQuery(db, params.get("data") ?? "", faults);
        call.outcome = answer.outcome;
        return text(answer.body);
      }
      if (page === "ediwebsrv.ips") return text(applyTransaction(db, params.get("data") ?? "", now()));
      const photo = db
        .prepare("SELECT content_type, data FROM photos WHERE gencod = ? AND color = ? AND numero = ?")
        .get(params.get("gencod") ?? "", params.get("couleur") ?? "", Number(params.get("numero") ?? 1)) as
        { content_type: string; data: Buffer } | undefined;
      if (!photo) return text("KO|Photo introuvable", 404);
      call.outcome = "image";
      res.writeHead(200, { "content-type": photo.content_type }).end(photo.data);
    } catch (error) {
      call.outcome = "http500";
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`Internal error: ${(error as Error).message}`);
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    db,
    calls,
    setFaults: (f) => faults.set(f),
    close: async () => {
      for (const res of hanging) res.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}

function credentialsMatch(params: Map<string, string>, expected: FastmagCredentials): boolean {
  const account = params.get("compte") ?? params.get("utilisateur");
  return (
    params.get("enseigne") === expected.enseigne &&
    params.get("magasin") === expected.magasin &&
    account === expected.compte &&
    params.get("motpasse") === expected.motpasse
  );
}

/** Runs one read-only statement and writes the tab-separated answer with its header row. */
function runQuery(db: Database.Database, sql: string, faults: FaultState): { body: string; outcome: string } {
  if (!sql.trim()) return { body: "KO|Requête vide", outcome: "KO" };
  let statement: Database.Statement;
  try {
    statement = db.prepare(sql);
  } catch (error) {
    return { body: `KO|Erreur SQL : ${(error as Error).message}`, outcome: "KO" };
  }
  if (!statement.reader || !statement.readonly)
    return { body: "KO|Seules les requêtes SELECT sont autorisées", outcome: "KO" };
  let rows: unknown[][];
  try {
    rows = statement.raw(true).all() as unknown[][];
  } catch (error) {
    return { body: `KO|Erreur SQL : ${(error as Error).message}`, outcome: "KO" };
  }
  const quote = faults.current.quoteFields ? (v: string) => `"${v.replace(/"/g, '""')}"` : (v: string) => v;
  const every = faults.malformedEvery();
  const lines = [
    statement
      .columns()
      .map((c) => quote(c.name))
      .join("\t"),
  ];
  rows.forEach((row, index) => {
    const fields = distortRow(row.map(formatValue), index + 1, every);
    lines.push(fields.map(quote).join("\t"));
  });
  return { body: `${lines.join("\r\n")}\r\n`, outcome: `rows:${rows.length}` };
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(Math.round(value * 10_000) / 10_000);
  if (Buffer.isBuffer(value)) return "";
  return String(value)
    .replace(/\t/g, " ")
    .replace(/\r\n|\r|\n/g, "{CR}{LF}");
}
