// Reading RetailCRM request parameters: GET filters in bracket notation (filter[sites][]=a), POST bodies
// form-encoded with nested structures sent as a JSON string (offers=[...], order={...}). Bracket
// notation is accepted for POST fields too (order[shipped]=1), as lenient servers do.
import { RetailCrmError } from "./envelope";

export type ParamValue = string | ParamValue[] | { [key: string]: ParamValue };
export type Params = Record<string, ParamValue>;

/** Builds nested parameters from pairs; "" and numeric segments make lists. */
export function parseParams(pairs: Iterable<[string, string]>): Params {
  const root: Record<string, ParamValue> = {};
  for (const [rawKey, value] of pairs) {
    const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    if (!match) {
      root[rawKey] = value;
      continue;
    }
    const path = [match[1], ...[...match[2].matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])];
    let node: Record<string, ParamValue> | ParamValue[] = root;
    for (let i = 0; i < path.length; i++) {
      const key = path[i];
      const last = i === path.length - 1;
      const nextIsList = !last && (path[i + 1] === "" || /^\d+$/.test(path[i + 1]));
      if (Array.isArray(node)) {
        // "" appends; a number addresses one entry, so offers[0][a] and offers[0][b] fill the same one
        const index = key === "" ? node.length : Number(key);
        if (last) node[index] = value;
        else {
          const existing = node[index];
          if (existing === undefined || typeof existing === "string") node[index] = nextIsList ? [] : {};
          node = node[index] as Record<string, ParamValue> | ParamValue[];
        }
        continue;
      }
      if (last) node[key] = value;
      else {
        const existing = node[key];
        if (existing === undefined || typeof existing === "string") node[key] = nextIsList ? [] : {};
        node = node[key] as Record<string, ParamValue> | ParamValue[];
      }
    }
  }
  return root;
}

/** A filter value as a list of strings, whether sent once, as x[], or as x[0], x[1]. */
export function listOf(value: ParamValue | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === "string") return [value];
  const items = Array.isArray(value) ? value : Object.values(value);
  return items.flatMap((item) => listOf(item));
}

export function stringOf(value: ParamValue | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** "1"/"true" → true, "0"/"false" → false, absent → undefined. */
export function flagOf(value: ParamValue | undefined, name: string): boolean | undefined {
  if (value === undefined || value === "") return undefined;
  if (value === "1" || value === "true") return true;
  if (value === "0" || value === "false") return false;
  throw RetailCrmError.validation({ [name]: "This value should be 0 or 1." });
}

/** A field whose value is JSON (or bracket notation); "Parameter 'x' is missing" when absent. */
export function jsonField(params: Params, name: string): unknown {
  const value = params[name];
  if (value === undefined || value === "") throw RetailCrmError.missingParameter(name);
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    throw RetailCrmError.validation({ [name]: "This value is not valid JSON." });
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}
