// The emulator kit: what every emulator under emulators/ shares. See README.md.
export { CallLog, type RecordedCall } from "./calls";
export { EmulatorClock, type ClockSnapshot } from "./clock";
export {
  CONTROL_PREFIX,
  ControlAnswer,
  ControlError,
  type ControlHandler,
  type ControlRequest,
  type ControlSpec,
} from "./control";
export { FaultInjector, FaultRuleError, type FaultKind, type FaultRule } from "./faults";
export {
  BadRequestBody,
  readBody,
  readFormPairs,
  readJsonObject,
  resetConnection,
  sendJson,
  sendText,
  startHttpServer,
  type Handler,
  type ListenOptions,
  type RunningHttpServer,
} from "./http";
export { SlidingWindowLimiter } from "./rate-limit";
export { Router, isRouteMatch, type RouteMatch } from "./router";
export {
  RawBody,
  startEmulatorServer,
  type EmulatorServer,
  type EmulatorServerOptions,
  type InjectedFault,
} from "./server";

/** What the emulator registry starts: every emulator has at least a URL and a way to stop. */
export interface RunningEmulator {
  url: string;
  close(): Promise<void>;
}

/** What the demo stack knows when it starts emulators: the app they serve and the ports asked for. */
export interface DemoContext {
  /** The app as Shopify knows it (the Shopify emulator needs it). */
  app: { apiKey: string; apiSecret: string; appUrl: string; handle: string; tomlPath?: string };
  /** A fixed port for this emulator, when the caller asked for one (0 or absent: a free port). */
  port?: number;
}

export interface EmulatorDefinition<Options, Instance extends RunningEmulator> {
  id: string;
  /** The system's name as a merchant knows it. */
  name: string;
  /** Started by the demo stack whatever the connectors are (Shopify itself, the carriers). */
  platform?: boolean;
  /** Options for the demo stack and the e2e tests (demo data, demo accounts); defaults otherwise. */
  demo?(context: DemoContext): Options;
  start(options?: Options): Promise<Instance>;
}

export function defineEmulator<Options, Instance extends RunningEmulator>(
  definition: EmulatorDefinition<Options, Instance>,
): EmulatorDefinition<Options, Instance> {
  return definition;
}
