// The `query:` argument of Shopify's list fields, reduced to what the emulator supports: terms
// `key:value` (value optionally quoted, `*` suffix for a prefix match) joined by AND, plus bare words
// matched against the resource's default text. Unsupported keys fail loudly instead of being ignored.
import { notImplemented } from "./context";

export type Searchable = Record<string, string | number | boolean | null | readonly string[]>;

export function matcher(
  query: unknown,
  resource: string,
  supported: readonly string[],
): (fields: Searchable) => boolean {
  const text = typeof query === "string" ? query.trim() : "";
  if (!text) return () => true;
  const terms = [...text.matchAll(/(-?)(?:(\w+):)?(?:"([^"]*)"|'([^']*)'|(\S+))/g)]
    .filter((m) => !/^(AND)$/i.test(m[5] ?? ""))
    .map((m) => ({ negate: m[1] === "-", key: m[2] ?? "default", value: (m[3] ?? m[4] ?? m[5] ?? "").toLowerCase() }));
  for (const term of terms) {
    if (term.key !== "default" && !supported.includes(term.key))
      throw notImplemented(`${resource}(query: "${term.key}:…") filter`);
    if (/^OR$/i.test(term.value) && term.key === "default") throw notImplemented(`${resource}(query: … OR …)`);
  }
  return (fields) =>
    terms.every((term) => {
      const value = fields[term.key];
      const candidates = Array.isArray(value) ? value.map(String) : value == null ? [] : [String(value)];
      const hit = candidates.some((candidate) => {
        const c = candidate.toLowerCase();
        if (term.value.endsWith("*")) return c.startsWith(term.value.slice(0, -1));
        return term.key === "default" ? c.includes(term.value) : c === term.value;
      });
      return term.negate ? !hit : hit;
    });
}

/**
 * Splits date comparisons (`updated_at:>'2026-12-01T10:00:00Z'`, `created_at:<=…`) off a query: the
 * shared matcher only compares equal values. `test` gets the resource's dates by key.
 */
export function dateTerms(
  query: string | undefined,
  keys: readonly string[],
): { rest: string; test: (dates: Record<string, string>) => boolean } {
  const tests: ((dates: Record<string, string>) => boolean)[] = [];
  const pattern = new RegExp(`\\b(${keys.join("|")}):(>=|<=|>|<)'?([^'\\s]+)'?`, "g");
  const rest = (query ?? "").replace(pattern, (_m, key: string, op: string, value: string) => {
    const at = Date.parse(value);
    if (Number.isNaN(at)) throw notImplemented(`${key}:${op}${value} (not a date)`);
    tests.push((dates) => {
      const t = Date.parse(dates[key] ?? "");
      return op === ">=" ? t >= at : op === "<=" ? t <= at : op === ">" ? t > at : t < at;
    });
    return "";
  });
  return { rest, test: (dates) => tests.every((t) => t(dates)) };
}
