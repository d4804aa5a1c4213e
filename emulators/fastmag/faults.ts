// Deterministic fault injection: "the next n calls" counters (so tests are exact), a fixed latency,
// and answer distortions (malformed rows, UTF-8 bytes under a windows-1252 label, quoted fields).
// FaultConfig is Fastmag's own shape (setFaults, PUT /_emulator/fault-config): its HTTP-level parts
// (latency, the next n timeouts or 5xx) become the kit's fault rules, so they are listed and consumed
// like every emulator's; the rest answers 200 with a distorted body or needs Fastmag's state, and stays here.
import { RawBody, type FaultRule } from "../_kit/index";

/** What Fastmag's web server answers for an HTTP error: an HTML page, never an EDI answer. */
export const unavailablePage = () => new RawBody("text/html", "<html><body>Service Unavailable</body></html>");

export interface FaultConfig {
  /** Added before every answer. */
  latencyMs?: number;
  /** The next n calls answer `KO|<koMessage>`. */
  koNext?: number;
  koMessage?: string;
  /** Share of calls answering KO, drawn from a fixed-seed generator (same sequence every run). */
  koRate?: number;
  /** The next n calls answer HTTP 503 (or `status5xx`). */
  http5xxNext?: number;
  status5xx?: number;
  /** The next n calls never answer (the connection stays open until the client gives up or close()). */
  timeoutNext?: number;
  /** Share of calls answering HTTP 5xx, from the fixed-seed sequence (a 5xx storm). */
  http5xxRate?: number;
  /**
   * The instance hangs for the next n ms: calls arriving meanwhile are carried out (a transaction is
   * applied) but their answer is held until the window ends, then sent late or the connection reset.
   */
  hangMs?: number;
  hangEnd?: "answer" | "reset";
  /** Pages the hang applies to (e.g. ["ediwebsrv.ips"]: transactions applied, answers lost); all when absent. */
  hangPages?: string[];
  /** Corrupts every nth data row of query answers (n = 4 when true): a non-number, or a missing field. */
  malformedRows?: boolean | { every: number };
  /** "utf8": answers in UTF-8 while still declaring windows-1252. */
  encoding?: "windows-1252" | "utf8";
  /** Wraps every query field (header included) in double quotes, as some instances do. */
  quoteFields?: boolean;
}

/** The kit rules for the HTTP-level part of a config, in Fastmag's order: latency, then timeouts, then 5xx. */
export function httpFaultRules(config: FaultConfig = {}): FaultRule[] {
  const rules: FaultRule[] = [];
  if (config.latencyMs && config.latencyMs > 0) rules.push({ kind: "latency", ms: config.latencyMs });
  if (config.timeoutNext && config.timeoutNext > 0) rules.push({ kind: "hang", count: config.timeoutNext });
  if (config.http5xxNext && config.http5xxNext > 0)
    rules.push({ kind: "status", status: config.status5xx ?? 503, count: config.http5xxNext, body: unavailablePage() });
  return rules;
}

/** The part of a config Fastmag handles itself (everything but latencyMs, timeoutNext and http5xxNext). */
export type ProtocolFaultConfig = Omit<FaultConfig, "latencyMs" | "timeoutNext" | "http5xxNext">;

export type FaultDecision = { kind: "none" } | { kind: "http5xx"; status: number } | { kind: "ko"; message: string };

export class FaultState {
  private config: ProtocolFaultConfig = {};
  private draws = 0;
  private hangingUntil = 0;

  constructor(private readonly now: () => number = Date.now) {}

  set(config: FaultConfig = {}): void {
    const { latencyMs: _latency, timeoutNext: _timeouts, http5xxNext: _errors, ...protocol } = config;
    this.config = protocol;
    this.draws = 0;
    this.hangingUntil = config.hangMs ? this.now() + config.hangMs : 0;
  }

  /** When a call to `page` arriving now gets its answer, if the instance is hanging. */
  hangUntil(page?: string, now = this.now()): number | null {
    const pages = this.config.hangPages;
    if (page !== undefined && pages && !pages.includes(page)) return null;
    return this.hangingUntil > now ? this.hangingUntil : null;
  }

  get current(): Readonly<ProtocolFaultConfig> {
    return this.config;
  }

  /** Decides the fate of one call the kit's rules let through: a 5xx storm, then KO (next n, then rate). */
  next(): FaultDecision {
    const c = this.config;
    if (c.http5xxRate && c.http5xxRate > 0 && draw(this.draws++) < c.http5xxRate)
      return { kind: "http5xx", status: c.status5xx ?? 503 };
    const message = c.koMessage ?? "Erreur interne du serveur Fastmag, veuillez réessayer";
    if (c.koNext && c.koNext > 0) {
      c.koNext--;
      return { kind: "ko", message };
    }
    if (c.koRate && c.koRate > 0 && draw(this.draws++) < c.koRate) return { kind: "ko", message };
    return { kind: "none" };
  }

  malformedEvery(): number | null {
    const m = this.config.malformedRows;
    if (!m) return null;
    return m === true ? 4 : Math.max(1, m.every);
  }
}

/** The nth number of a fixed sequence in [0, 1). */
function draw(n: number): number {
  let t = (n + 1) * 0x9e3779b9;
  t = Math.imul(t ^ (t >>> 16), 0x85ebca6b);
  t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
  return ((t ^ (t >>> 16)) >>> 0) / 4294967296;
}

/** Distorts the kth data row (1-based) when it is due: odd corruptions lose a field, even ones get "abc" for numbers. */
export function distortRow(fields: string[], rowNumber: number, every: number | null): string[] {
  if (every === null || rowNumber % every !== 0) return fields;
  const corruption = rowNumber / every;
  if (corruption % 2 === 1 && fields.length > 1) return fields.slice(0, -1);
  return fields.map((field) => (/^-?\d+(\.\d+)?$/.test(field) ? "abc" : field));
}
