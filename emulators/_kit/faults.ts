// Fault injection shared by the emulators. Rules are exact and count-limited ("the next 2 uploads answer
// 503") so tests stay deterministic; a rule names a route or applies to every emulated route.
//   latency: wait `ms`, then answer normally (stacks with the other kinds)
//   hang:    never answer; with `ms`, drop the connection after that long (a server-side timeout)
//   status:  answer `status` (default 503) with `body` (default: the emulator's own error shape)
//   reset:   drop the connection at once with a TCP reset (the client sees ECONNRESET)

export type FaultKind = "latency" | "hang" | "status" | "reset";

export interface FaultRule {
  /** "POST /api/v5/store/inventories/upload", "/api/v5/store/*" (any method), or omitted: every route. */
  route?: string;
  kind: FaultKind;
  ms?: number;
  status?: number;
  body?: unknown;
  /** How many matching requests it applies to; omitted: until cleared. */
  count?: number;
}

export type FaultOutcome =
  | { kind: "none" }
  | { kind: "hang"; ms?: number }
  | { kind: "status"; status: number; body?: unknown }
  | { kind: "reset" };

export interface FaultDecision {
  latencyMs: number;
  outcome: FaultOutcome;
}

export class FaultRuleError extends Error {}

const KINDS: FaultKind[] = ["latency", "hang", "status", "reset"];

export class FaultInjector {
  private rules: (FaultRule & { pattern: RegExp | null; method: string | null })[] = [];

  /** Checks and adds rules; FaultRuleError names the first bad one. */
  add(rules: FaultRule | FaultRule[]): void {
    const list = Array.isArray(rules) ? rules : [rules];
    const checked = list.map(compile);
    this.rules.push(...checked);
  }

  replace(rules: FaultRule | FaultRule[]): void {
    const previous = this.rules;
    this.rules = [];
    try {
      this.add(rules);
    } catch (error) {
      this.rules = previous;
      throw error;
    }
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map(({ pattern: _p, method: _m, ...rule }) => rule);
  }

  /** Decides the fate of one request, consuming one use of each rule that applies. */
  decide(method: string, pathname: string): FaultDecision {
    let latencyMs = 0;
    let outcome: FaultOutcome = { kind: "none" };
    for (const rule of this.rules) {
      if (!applies(rule, method, pathname)) continue;
      if (rule.kind === "latency") {
        latencyMs += rule.ms ?? 0;
        consume(rule);
        continue;
      }
      if (outcome.kind !== "none") continue;
      consume(rule);
      if (rule.kind === "hang") outcome = { kind: "hang", ms: rule.ms };
      else if (rule.kind === "reset") outcome = { kind: "reset" };
      else outcome = { kind: "status", status: rule.status ?? 503, body: rule.body };
    }
    this.rules = this.rules.filter((rule) => rule.count === undefined || rule.count > 0);
    return { latencyMs, outcome };
  }
}

function consume(rule: FaultRule): void {
  if (rule.count !== undefined) rule.count--;
}

function applies(
  rule: { pattern: RegExp | null; method: string | null; count?: number },
  method: string,
  path: string,
) {
  if (rule.count !== undefined && rule.count <= 0) return false;
  if (rule.method && rule.method !== method.toUpperCase()) return false;
  return rule.pattern === null || rule.pattern.test(path);
}

function compile(input: FaultRule): FaultRule & { pattern: RegExp | null; method: string | null } {
  if (!input || typeof input !== "object") throw new FaultRuleError("a fault must be an object");
  const rule = { ...input };
  if (!KINDS.includes(rule.kind)) throw new FaultRuleError(`fault kind must be one of ${KINDS.join(", ")}`);
  for (const key of ["ms", "count"] as const) {
    const value = rule[key];
    if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < 0))
      throw new FaultRuleError(`${key} must be a number of at least 0`);
  }
  if (rule.status !== undefined && (!Number.isInteger(rule.status) || rule.status < 400 || rule.status > 599))
    throw new FaultRuleError("status must be an HTTP error status (400-599)");
  if (rule.route !== undefined && typeof rule.route !== "string") throw new FaultRuleError("route must be a string");
  let method: string | null = null;
  let pattern: RegExp | null = null;
  if (rule.route) {
    const [first, second] = rule.route.trim().split(/\s+/, 2);
    const path = second ?? first;
    method = second ? first.toUpperCase() : null;
    const escaped = path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
    pattern = new RegExp(`^${escaped}$`);
  }
  return { ...rule, method, pattern };
}
