// What a Tuyo API route handler receives and returns.
import type { EmulatorClock } from "../_kit/index";
import type { TuyoBody } from "./envelope";
import type { ApiKey, Catalog, Tuyo } from "./store";

export interface ApiContext {
  tuyo: Tuyo;
  /** The products and orders of the key's store, in the key's environment. */
  catalog: Catalog;
  key: ApiKey;
  clock: EmulatorClock;
  /** The parsed JSON body (undefined when empty). */
  body: unknown;
  path: Record<string, string>;
}

/** A route answers a JSON value: { status, response } for most, the bare category list for get_categories. */
export type ApiRoute = (context: ApiContext) => TuyoBody | unknown[];
