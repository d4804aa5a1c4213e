// The Fastmag emulator: a real HTTP server speaking the EDI protocol (ediquery.ips answers real SQL
// over an in-memory SQLite database, ediwebsrv.ips applies transaction records, ediphoto.ips serves
// images), answering in windows-1252, with deterministic fault injection. On emulators/_kit: the control
// API under /_emulator (state, reset, faults, clock, calls) plus Fastmag's own routes (control.ts).
import type { ServerResponse } from "node:http";
import Database from "better-sqlite3";
import { EmulatorClock, startEmulatorServer, type FaultInjector } from "../_kit/index";
import { applyFaultConfig, fastmagControlRoutes, holdAnswer } from "./control";
import { distortRow, FaultState, unavailablePage, type FaultConfig } from "./faults";
import { encodeAnswer, readParams } from "./http";
import { createSchema } from "./schema";
import { seedCatalog, seedDemo } from "./seed";
import { applyTransaction } from "./transactions";

export type { FaultConfig } from "./faults";
export type { FaultRule } from "../_kit/index";

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
  /** Fastmag's fault config (as setFaults takes it). */
  faults?: FaultConfig;
  /** The emulator's clock (seed dates, transaction dates, the hang window); tests pass their own. */
  clock?: EmulatorClock;
}

export interface EmulatorCall {
  page: string;
  method: string;
  /** What the emulator answered: "OK", "KO", "http503", "timeout", "rows:<n>", "image", … */
  outcome: string;
}

/**
 * Holds the next call to `page` whose data contains `contains`, for crash tests: "before" holds it unapplied
 * (a client that dies meanwhile never reaches Fastmag), "after" applies it and holds the answer (the client
 * dies after Fastmag did the work). `reached` resolves when the call is held, `clientGone` when its client
 * closed the connection meanwhile; `release()` lets it go on.
 */
export interface HoldRequest {
  page: "ediquery.ips" | "ediwebsrv.ips";
  contains: string;
  apply: "before" | "after";
}

export interface Hold {
  reached: Promise<void>;
  clientGone: Promise<void>;
  release(): void;
}

export interface FastmagEmulator {
  /** With a trailing slash: pages are `${url}ediquery.ips`, control routes `${url}_emulator/…`. */
  url: string;
  db: Database.Database;
  clock: EmulatorClock;
  /** The kit's rules (latency, hang, status, reset), as /_emulator/faults sets them. */
  faults: FaultInjector;
  /** Replaces every fault: the HTTP-level part of `faults` becomes kit rules, the rest is Fastmag's. */
  setFaults(faults: FaultConfig): void;
  hold(request: HoldRequest): Hold;
  /** Every call received, in order (credentials left out), with what it was answered. */
  calls: EmulatorCall[];
  /** Back to the seed: data, faults, calls, clock (as POST /_emulator/reset). */
  reset(): void;
  close(): Promise<void>;
}

/** The demo Fastmag instance's login (what a merchant types in Settings → Fastmag in the demo). */
export const DEMO_CREDENTIALS: FastmagCredentials = {
  enseigne: "DEMO",
  magasin: "WEB",
  compte: "passerelle",
  motpasse: "demo-fastmag-password",
};

/** The refusal for wrong credentials. Fastmag's exact wording is not public; this is a plausible one. */
export const BAD_CREDENTIALS_MESSAGE = "Identification incorrecte : enseigne, magasin, compte ou mot de passe invalide";

export async function startFastmagEmulator(options: FastmagEmulatorOptions): Promise<FastmagEmulator> {
  const clock = options.clock ?? new EmulatorClock();
  const db = new Database(":memory:");
  const seed = () => {
    createSchema(db);
    if (options.seed === "demo") seedDemo(db, clock.date());
    else if (options.seed) seedCatalog(db, options.seed.variants, clock.date());
  };
  seed();
  const faults = new FaultState(() => clock.now());
  faults.set(options.faults);
  const calls: EmulatorCall[] = [];
  const hanging = new Set<ServerResponse>();
  type Pending = HoldRequest & { reach: () => void; leave: () => void; released: Promise<void>; release: () => void };
  const holds = new Set<Pending>();
  const releases = new Set<() => void>();
  const pageOf = (url: URL) => (url.pathname.split("/").pop() ?? "").toLowerCase();
  const releaseHolds = () => {
    for (const release of releases) release();
    releases.clear();
    holds.clear();
  };
  const kit: { rules?: FaultInjector } = {};
  const resetData = () => {
    releaseHolds();
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    db.pragma("foreign_keys = OFF");
    for (const { name } of tables) db.exec(`DROP TABLE "${name}"`);
    db.pragma("foreign_keys = ON");
    seed();
    faults.set({});
    calls.length = 0;
  };

  const server = await startEmulatorServer({
    port: options.port,
    host: options.host,
    clock,
    faultBody: unavailablePage,
    // Faulted calls are listed with the rest, as "timeout", "http503", "reset".
    onFault: (fault, req, url) =>
      calls.push({
        page: pageOf(url),
        method: req.method ?? "GET",
        outcome: fault.kind === "hang" ? "timeout" : fault.kind === "status" ? `http${fault.status}` : "reset",
      }),
    control: {
      reset: resetData,
      state: () => ({
        counts: Object.fromEntries(
          ["products", "stocks", "customers", "orders", "order_lines", "stock_movements"].map((table) => [
            table,
            (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
          ]),
        ),
        faultConfig: faults.current,
        calls: calls.length,
      }),
      routes: fastmagControlRoutes({
        db,
        faults,
        rules: () => kit.rules!,
        calls,
        now: () => clock.date(),
        magasin: options.credentials.magasin,
      }),
    },
    handle: async (req, res, url) => {
      const page = pageOf(url);
      const call: EmulatorCall = { page, method: req.method ?? "GET", outcome: "" };
      calls.push(call);
      const holdUntil = faults.hangUntil(page);
      if (holdUntil !== null)
        holdAnswer(res, holdUntil, faults.current.hangEnd ?? "answer", hanging, () => clock.now());
      try {
        const params = await readParams(req);
        const fault = faults.next();
        if (fault.kind === "http5xx") {
          call.outcome = `http${fault.status}`;
          const page = unavailablePage();
          res.writeHead(fault.status, { "content-type": page.contentType }).end(page.text);
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

        const data = params.get("data") ?? "";
        const held = [...holds].find((h) => h.page === page && data.includes(h.contains));
        let gone = false;
        if (held) {
          holds.delete(held);
          res.on("close", () => {
            gone = !res.writableFinished;
            if (gone) held.leave();
          });
        }
        const answer = (): { body: string; outcome?: string } =>
          page === "ediquery.ips" ? runQuery(db, data, faults) : { body: applyTransaction(db, data, clock.date()) };
        if (held?.apply === "before") {
          held.reach();
          await held.released;
          if (gone) return void (call.outcome = "dropped");
        }
        if (page === "ediquery.ips" || page === "ediwebsrv.ips") {
          const { body, outcome } = answer();
          if (held?.apply === "after") {
            held.reach();
            await held.released;
            if (gone) return void (call.outcome = "applied, client gone");
          }
          if (outcome) call.outcome = outcome;
          return text(body);
        }
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
    },
  });
  kit.rules = server.faults;
  if (options.faults) applyFaultConfig(faults, server.faults, options.faults);

  return {
    url: `${server.url}/`,
    db,
    clock,
    faults: server.faults,
    calls,
    setFaults: (config) => applyFaultConfig(faults, server.faults, config),
    reset: () => {
      resetData();
      server.faults.clear();
      server.calls.clear();
      clock.reset();
    },
    hold: (request) => {
      let reach!: () => void;
      let leave!: () => void;
      const clientGone = new Promise<void>((resolve) => (leave = resolve));
      let release!: () => void;
      const reached = new Promise<void>((resolve) => (reach = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.add({ ...request, reach, leave, released, release });
      releases.add(release);
      return { reached, clientGone, release };
    },
    close: async () => {
      releaseHolds();
      for (const res of hanging) res.destroy();
      await server.close();
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
