// One emulator server: /_emulator control routes, then fault injection and the call log around the
// emulated routes. An emulator supplies its data (reset/state/extra control routes) and its handler.
import type { IncomingMessage, ServerResponse } from "node:http";
import { CallLog, type RecordedCall } from "./calls";
import { EmulatorClock } from "./clock";
import { CONTROL_PREFIX, createControlHandler, type ControlSpec } from "./control";
import { FaultInjector, type FaultRule } from "./faults";
import { resetConnection, sendJson, sendText, startHttpServer, type ListenOptions } from "./http";

/** A fault answer that is not JSON (an HTML error page, a SOAP fault), for systems that answer so. */
export class RawBody {
  constructor(
    readonly contentType: string,
    readonly text: string,
  ) {}
}

/** What an injected fault did to a request (for an emulator that keeps its own, richer call log). */
export type InjectedFault = { kind: "hang" } | { kind: "reset" } | { kind: "status"; status: number };

export interface EmulatorServerOptions extends ListenOptions {
  control: ControlSpec;
  /** Answers an emulated (non-control) request. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  clock?: EmulatorClock;
  faults?: FaultRule[];
  /** Body of an injected error status when the rule gives none, in the system's own error shape. */
  faultBody?(status: number): unknown;
  /** Told of every request an injected fault decided, before it is answered (or held, or dropped). */
  onFault?(fault: InjectedFault, req: IncomingMessage, url: URL): void;
}

export interface EmulatorServer {
  url: string;
  port: number;
  clock: EmulatorClock;
  faults: FaultInjector;
  calls: CallLog;
  close(): Promise<void>;
}

export async function startEmulatorServer(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const clock = options.clock ?? new EmulatorClock();
  const faults = new FaultInjector();
  if (options.faults) faults.add(options.faults);
  const calls = new CallLog();
  const control = createControlHandler({ spec: options.control, faults, clock, calls });
  const faultBody = options.faultBody ?? ((status: number) => ({ error: `injected fault: HTTP ${status}` }));

  const http = await startHttpServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      return control(req, res, url);
    }
    const method = req.method ?? "GET";
    const call: RecordedCall = calls.record({ at: clock.now(), method, path: url.pathname, status: 0 });
    res.on("finish", () => (call.status = res.statusCode));

    const { latencyMs, outcome } = faults.decide(method, url.pathname);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    switch (outcome.kind) {
      case "hang":
        call.fault = "hang";
        options.onFault?.({ kind: "hang" }, req, url);
        req.resume();
        http.hold(res);
        if (outcome.ms !== undefined) setTimeout(() => res.destroy(), outcome.ms).unref();
        return;
      case "reset":
        call.fault = "reset";
        options.onFault?.({ kind: "reset" }, req, url);
        return resetConnection(res);
      case "status": {
        call.fault = "status";
        options.onFault?.({ kind: "status", status: outcome.status }, req, url);
        req.resume();
        const body = outcome.body ?? faultBody(outcome.status);
        if (body instanceof RawBody) return sendText(res, outcome.status, body.contentType, body.text);
        return sendJson(res, outcome.status, body);
      }
      case "none":
        return options.handle(req, res, url);
    }
  }, options);

  return { url: http.url, port: http.port, clock, faults, calls, close: () => http.close() };
}
