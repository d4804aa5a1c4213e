// Lightspeed's list conventions: filters as field=value or field=operator,value (=, !=, <, <=, >, >=,
// ~ with % wildcards, IN,[a,b]), load_relations as a JSON array (or "all"), limit ≤ 100, and pages —
// V3 by an opaque `after` cursor with @attributes.next/previous URLs, the older API by offset with
// @attributes.count/offset/limit. A collection of one is an object, of none is absent: Lightspeed's own quirk.
import { LightspeedError } from "./errors";

export type Row = Record<string, unknown>;

const OPERATORS = ["!=", ">=", "<=", "=", ">", "<", "~", "IN"] as const;
const RESERVED = new Set([
  "archived",
  "limit",
  "offset",
  "after",
  "before",
  "load_relations",
  "sort",
  "count",
  "orderby",
  "orderby_desc",
]);

/** Keeps the rows that match every filter in the query (on top-level fields; unknown fields are refused). */
export function applyFilters<T extends Row>(rows: T[], query: URLSearchParams, fields: string[]): T[] {
  let result = rows;
  for (const [name, raw] of query) {
    if (RESERVED.has(name)) continue;
    if (!fields.includes(name)) throw LightspeedError.badRequest(`Unknown field ${name} for this resource.`);
    const { operator, value } = parseFilter(raw);
    result = result.filter((row) => matches(String(row[name] ?? ""), operator, value));
  }
  return result;
}

function parseFilter(raw: string): { operator: (typeof OPERATORS)[number]; value: string | string[] } {
  const comma = raw.indexOf(",");
  const head = comma < 0 ? "" : raw.slice(0, comma);
  const operator = OPERATORS.find((candidate) => candidate === head);
  if (!operator) return { operator: "=", value: raw };
  const rest = raw.slice(comma + 1);
  if (operator === "IN") {
    const list = /^\[(.*)\]$/.exec(rest);
    if (!list) throw LightspeedError.badRequest("IN expects a list: IN,[1,2,3]");
    return { operator, value: list[1].split(",").map((entry) => entry.trim().replace(/^"(.*)"$/, "$1")) };
  }
  return { operator, value: rest };
}

function matches(actual: string, operator: (typeof OPERATORS)[number], expected: string | string[]): boolean {
  if (operator === "IN") return (expected as string[]).includes(actual);
  const value = expected as string;
  if (operator === "~") {
    const pattern = new RegExp(`^${value.split("%").map(escape).join(".*")}$`, "i");
    return pattern.test(actual);
  }
  const both = Number(actual) - Number(value);
  const numeric = actual !== "" && value !== "" && Number.isFinite(both);
  // Timestamps compare as instants, whatever the offset notation (Z or +00:00).
  const dates = ISO.test(actual) && ISO.test(value) ? Date.parse(actual) - Date.parse(value) : NaN;
  const order = numeric ? both : Number.isFinite(dates) ? dates : actual < value ? -1 : actual > value ? 1 : 0;
  switch (operator) {
    case "=":
      return order === 0;
    case "!=":
      return order !== 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The relations asked for: load_relations=["ItemShops","Prices"] or load_relations=all. */
export function relationsOf(query: URLSearchParams): Set<string> | "all" {
  const raw = query.get("load_relations");
  if (!raw) return new Set();
  if (raw === "all") return "all";
  try {
    const value = JSON.parse(raw) as unknown;
    if (Array.isArray(value) && value.every((entry) => typeof entry === "string")) return new Set(value as string[]);
  } catch {
    // falls through
  }
  throw LightspeedError.badRequest('load_relations must be a JSON array, e.g. ["ItemShops"], or "all".');
}

export function wants(relations: Set<string> | "all", name: string): boolean {
  return relations === "all" || relations.has(name);
}

export function limitOf(query: URLSearchParams): number {
  const raw = query.get("limit");
  if (raw === null) return 100;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw LightspeedError.badRequest("limit must be between 1 and 100.");
  return limit;
}

/** V3: rows after the cursor's id, and the URLs of the next and previous pages. */
export function cursorPage<T extends Row>(rows: T[], idField: string, query: URLSearchParams, pageUrl: URL) {
  const limit = limitOf(query);
  if (query.has("offset"))
    throw LightspeedError.badRequest("Offset pagination is not supported by API V3; use the next URL.");
  const after = decodeCursor(query.get("after"));
  const before = decodeCursor(query.get("before"));
  const sorted = [...rows].sort((a, b) => Number(a[idField]) - Number(b[idField]));
  let slice: T[];
  if (before !== undefined) {
    const earlier = sorted.filter((row) => Number(row[idField]) < before);
    slice = earlier.slice(Math.max(0, earlier.length - limit));
  } else {
    const start = after === undefined ? 0 : sorted.findIndex((row) => Number(row[idField]) > after);
    slice = start < 0 ? [] : sorted.slice(start, start + limit);
  }
  const link = (name: "after" | "before", id: number) => {
    const url = new URL(pageUrl);
    url.searchParams.delete("after");
    url.searchParams.delete("before");
    url.searchParams.set(name, encodeCursor(id));
    return url.toString();
  };
  const firstId = slice.length ? Number(slice[0][idField]) : undefined;
  const lastId = slice.length ? Number(slice[slice.length - 1][idField]) : undefined;
  const hasNext = lastId !== undefined && sorted.some((row) => Number(row[idField]) > lastId);
  const hasPrevious = firstId !== undefined && sorted.some((row) => Number(row[idField]) < firstId);
  return {
    rows: slice,
    attributes: { next: hasNext ? link("after", lastId!) : "", previous: hasPrevious ? link("before", firstId!) : "" },
  };
}

/** The older API: offset and limit, with the total count. */
export function offsetPage<T extends Row>(rows: T[], idField: string, query: URLSearchParams) {
  const limit = limitOf(query);
  const offset = query.get("offset") === null ? 0 : Number(query.get("offset"));
  if (!Number.isInteger(offset) || offset < 0) throw LightspeedError.badRequest("offset must be a whole number ≥ 0.");
  const sorted = [...rows].sort((a, b) => Number(a[idField]) - Number(b[idField]));
  return {
    rows: sorted.slice(offset, offset + limit),
    attributes: { count: String(sorted.length), offset: String(offset), limit: String(limit) },
  };
}

function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify([id])).toString("base64");
}

function decodeCursor(raw: string | null): number | undefined {
  if (raw === null || raw === "") return undefined;
  try {
    const value = JSON.parse(Buffer.from(raw, "base64").toString("utf8")) as unknown;
    if (Array.isArray(value) && Number.isFinite(Number(value[0]))) return Number(value[0]);
  } catch {
    // falls through
  }
  throw LightspeedError.badRequest("Invalid pagination cursor.");
}

/** One row is an object, several an array, none: no key at all. */
export function collection(name: string, rows: unknown[]): Record<string, unknown> {
  if (!rows.length) return {};
  return { [name]: rows.length === 1 ? rows[0] : rows };
}

/** Lightspeed sends every scalar as a string. */
export function stringify(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    out[key] = field !== null && typeof field === "object" ? field : String(field);
  }
  return out;
}
