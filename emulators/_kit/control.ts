// The /_emulator control API every emulator speaks, for tests and the demo (never called by the app):
//   POST   /_emulator/reset            back to the seed: data, faults, call log, clock
//   GET    /_emulator/state            the emulator's data, as it chooses to show it
//   GET    /_emulator/faults           active fault rules
//   POST   /_emulator/faults           add rules: a rule, an array, or { faults: [...] }
//   PUT    /_emulator/faults           replace all rules
//   DELETE /_emulator/faults           clear them
//   GET    /_emulator/clock            { now, frozen }
//   POST   /_emulator/clock            { advanceMs?, set?, freeze?: boolean }
//   GET    /_emulator/calls            calls received on emulated routes (?method=&path=)
//   DELETE /_emulator/calls            forget them
// plus routes of the emulator's own under the same prefix ("POST seed", "POST modules/:code/...").
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CallLog } from "./calls";
import type { EmulatorClock } from "./clock";
import { FaultRuleError, type FaultInjector, type FaultRule } from "./faults";
import { BadRequestBody, readJsonObject, sendJson } from "./http";
import { isRouteMatch, Router } from "./router";

export const CONTROL_PREFIX = "/_emulator";

/** Thrown by control handlers for a refusal: answered as { error } with this status. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ControlRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body ({} when empty). */
  body: Record<string, unknown>;
}

/** A control answer with a status other than 200. */
export class ControlAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** A plain value answers 200; a ControlAnswer picks the status. */
export type ControlResult = unknown;
export type ControlHandler = (request: ControlRequest) => ControlResult | Promise<ControlResult>;

export interface ControlSpec {
  reset(): void;
  state(): unknown;
  /** "POST seed": handler — paths relative to /_emulator/. */
  routes?: Record<string, ControlHandler>;
}

export interface ControlDeps {
  spec: ControlSpec;
  faults: FaultInjector;
  clock: EmulatorClock;
  calls: CallLog;
}

export function createControlHandler(deps: ControlDeps) {
  const router = new Router<ControlHandler>();
  router
    .add("POST", "reset", () => {
      deps.spec.reset();
      deps.faults.clear();
      deps.calls.clear();
      deps.clock.reset();
      return { reset: true };
    })
    .add("GET", "state", () => deps.spec.state())
    .add("GET", "faults", () => ({ faults: deps.faults.list() }))
    .add("POST", "faults", ({ body }) => {
      deps.faults.add(faultsIn(body));
      return new ControlAnswer(201, { faults: deps.faults.list() });
    })
    .add("PUT", "faults", ({ body }) => {
      deps.faults.replace(faultsIn(body));
      return { faults: deps.faults.list() };
    })
    .add("DELETE", "faults", () => {
      deps.faults.clear();
      return { faults: [] };
    })
    .add("GET", "clock", () => deps.clock.snapshot())
    .add("POST", "clock", ({ body }) => {
      applyClock(deps.clock, body);
      return deps.clock.snapshot();
    })
    .add("GET", "calls", ({ query }) => ({
      calls: deps.calls.list({ method: query.get("method") ?? undefined, path: query.get("path") ?? undefined }),
    }))
    .add("DELETE", "calls", () => {
      deps.calls.clear();
      return { calls: [] };
    });
  for (const [key, handler] of Object.entries(deps.spec.routes ?? {})) {
    const [method, path] = key.split(/\s+/, 2);
    router.add(method, path, handler);
  }

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const method = req.method ?? "GET";
    const relative = url.pathname.slice(CONTROL_PREFIX.length);
    const match = router.match(method, relative);
    if (!isRouteMatch(match)) {
      return sendJson(res, match ? 405 : 404, { error: `no control route ${method} ${url.pathname}` });
    }
    try {
      const body = method === "GET" || method === "DELETE" ? {} : await readJsonObject(req);
      const result = await match.handler({ params: match.params, query: url.searchParams, body });
      if (result instanceof ControlAnswer) return sendJson(res, result.status, result.body);
      return sendJson(res, 200, result ?? {});
    } catch (error) {
      if (error instanceof ControlError) return sendJson(res, error.status, { error: error.message });
      if (error instanceof BadRequestBody || error instanceof FaultRuleError)
        return sendJson(res, 400, { error: error.message });
      throw error;
    }
  };
}

function faultsIn(body: Record<string, unknown>): FaultRule[] {
  if (Array.isArray(body.faults)) return body.faults as FaultRule[];
  if (typeof body.kind === "string") return [body as unknown as FaultRule];
  throw new FaultRuleError("send a fault rule, or { faults: [rules] }");
}

function applyClock(clock: EmulatorClock, body: Record<string, unknown>): void {
  const { advanceMs, set, freeze } = body;
  if (advanceMs !== undefined && (typeof advanceMs !== "number" || !Number.isFinite(advanceMs)))
    throw new ControlError(400, "advanceMs must be a number");
  let target: number | undefined;
  if (set !== undefined) {
    target = typeof set === "number" ? set : typeof set === "string" ? Date.parse(set) : NaN;
    if (!Number.isFinite(target)) throw new ControlError(400, "set must be a date or milliseconds since 1970");
  }
  if (freeze !== undefined && typeof freeze !== "boolean") throw new ControlError(400, "freeze must be true or false");
  if (freeze === true) clock.freeze();
  if (target !== undefined) clock.set(target);
  if (typeof advanceMs === "number") clock.advance(advanceMs);
  if (freeze === false) clock.resume();
}
