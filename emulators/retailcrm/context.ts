// What an API method handler receives and returns.
import type { EmulatorClock } from "../_kit/index";
import type { Params } from "./params";
import type { Account } from "./store";

export interface ApiContext {
  account: Account;
  clock: EmulatorClock;
  /** Query parameters, and for POST the form fields, merged (the body wins). */
  params: Params;
  path: Record<string, string>;
}

export interface ApiAnswer {
  status?: number;
  body: Record<string, unknown>;
}

export type ApiMethod = (context: ApiContext) => ApiAnswer | Promise<ApiAnswer>;

/** The site a request names, or the account's only site; another site is simply empty. */
export function siteOf(context: ApiContext): string {
  const site = context.params.site;
  return typeof site === "string" && site ? site : context.account.site;
}
