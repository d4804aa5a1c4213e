// What an API method receives and returns.
import type { EmulatorClock } from "../_kit/index";
import type { HiboutikAccount } from "./store";

export interface HiboutikContext {
  account: HiboutikAccount;
  clock: EmulatorClock;
  /** JSON or form fields of a POST/PUT. */
  body: Record<string, unknown>;
  query: URLSearchParams;
  path: Record<string, string>;
  pageSize: number;
  /** The request URL, to build the pagination Link header. */
  url: URL;
}

export interface HiboutikAnswer {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type HiboutikMethod = (context: HiboutikContext) => HiboutikAnswer | Promise<HiboutikAnswer>;
