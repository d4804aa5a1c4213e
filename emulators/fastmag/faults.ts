// Deterministic fault injection: "the next n calls" counters (so tests are exact), a fixed latency,
// and answer distortions (malformed rows, UTF-8 bytes under a windows-1252 label, quoted fields).

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
  /** Corrupts every nth data row of query answers (n = 4 when true): a non-number, or a missing field. */
  malformedRows?: boolean | { every: number };
  /** "utf8": answers in UTF-8 while still declaring windows-1252. */
  encoding?: "windows-1252" | "utf8";
  /** Wraps every query field (header included) in double quotes, as some instances do. */
  quoteFields?: boolean;
}

export type FaultDecision =
  { kind: "none" } | { kind: "timeout" } | { kind: "http5xx"; status: number } | { kind: "ko"; message: string };

export class FaultState {
  private config: FaultConfig = {};
  private draws = 0;

  set(config: FaultConfig = {}): void {
    this.config = { ...config };
    this.draws = 0;
  }

  get current(): Readonly<FaultConfig> {
    return this.config;
  }

  /** Decides the fate of one call, consuming the "next n" counters in this order: timeout, 5xx, KO. */
  next(): FaultDecision {
    const c = this.config;
    if (c.timeoutNext && c.timeoutNext > 0) {
      c.timeoutNext--;
      return { kind: "timeout" };
    }
    if (c.http5xxNext && c.http5xxNext > 0) {
      c.http5xxNext--;
      return { kind: "http5xx", status: c.status5xx ?? 503 };
    }
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
