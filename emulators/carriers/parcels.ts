// Parcels for the carrier emulators: each has a script of events that become visible as the
// emulator's clock (the kit's EmulatorClock) passes their time. Advance it from tests, or through
// POST /_emulator/clock { advanceMs }.
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  ControlAnswer,
  ControlError,
  EmulatorClock,
  RawBody,
  startEmulatorServer,
  type FaultInjector,
  type FaultRule,
} from "../_kit/index";

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

  constructor(
    readonly clock: EmulatorClock,
    private readonly defaultSteps: ParcelStep[],
  ) {}

  now(): number {
    return this.clock.now();
  }

  /** Moves the emulator's clock (the same as POST /_emulator/clock { advanceMs }). */
  advance(ms: number): void {
    this.clock.advance(ms);
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

  clear(): void {
    this.parcels.clear();
  }
}

export interface CarrierEmulatorOptions {
  port?: number;
  host?: string;
  /** The emulator's clock; tests pass their own (or freeze it) to move parcels along. */
  clock?: EmulatorClock;
  /** Script of every parcel registered without its own steps. */
  steps?: ParcelStep[];
  faults?: FaultRule[];
}

/** What every carrier emulator's handle has: the kit's server, plus its parcels. */
export interface CarrierEmulatorBase {
  url: string;
  parcels: ParcelBook;
  clock: EmulatorClock;
  faults: FaultInjector;
  close(): Promise<void>;
}

/**
 * A carrier emulator on the kit: the control API (/_emulator/state, reset, faults, clock) plus
 * POST /_emulator/parcels { number, steps? } and GET /_emulator/parcels; `handle` answers the carrier's API.
 * Injected error statuses answer an HTML error page, as a carrier's front servers do.
 */
export async function startCarrierServer(
  options: CarrierEmulatorOptions,
  defaultSteps: ParcelStep[],
  calls: unknown[],
  handle: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>,
) {
  const clock = options.clock ?? new EmulatorClock();
  const parcels = new ParcelBook(clock, options.steps ?? defaultSteps);
  const listing = () => ({ parcels: parcels.all(), now: new Date(parcels.now()) });
  const server = await startEmulatorServer({
    port: options.port,
    host: options.host,
    clock,
    faults: options.faults,
    faultBody: (status) => new RawBody("text/html", `<html><body>HTTP ${status}</body></html>`),
    control: {
      reset: () => {
        parcels.clear();
        calls.length = 0;
      },
      state: () => ({ ...listing(), calls }),
      routes: {
        "GET parcels": listing,
        "POST parcels": ({ body }) => {
          if (typeof body.number !== "string") throw new ControlError(400, "number is required");
          return new ControlAnswer(201, parcels.add(body.number, body.steps as ParcelStep[] | undefined));
        },
      },
    },
    handle: (req, res, url) => handle(req, res, url.pathname),
  });
  return { server, parcels, clock };
}

export { readBody } from "../_kit/index";

export function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { "content-type": contentType });
  res.end(body);
}

export const xml = (value: string) =>
  value.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
