// How an SFTP folder's file names and the shop's SKUs say which product and colour a photo is of: two
// patterns with placeholders, "{REF}_{COLOR}_{N}.jpg" for files and "{REF}|{COLOR}|{SIZE}" for SKUs.

export const DEFAULT_FILE_PATTERN = "{REF}_{COLOR}_{N}.jpg";
export const DEFAULT_SKU_PATTERN = "{REF}|{COLOR}|{SIZE}";

const PLACEHOLDERS: Record<string, string> = {
  REF: "(?<REF>.+?)",
  COLOR: "(?<COLOR>.+?)",
  N: "(?<N>\\d{1,4})",
  SIZE: "(?<SIZE>.*?)",
};

export interface NamePattern {
  source: string;
  regex: RegExp;
}

/** A pattern as a regular expression; an error message when it cannot be one. */
export function compilePattern(
  pattern: string,
  required: string[],
  caseInsensitive = false,
): NamePattern | { problem: string } {
  const found: string[] = [];
  let regex = "";
  let rest = pattern;
  for (;;) {
    const match = /\{([A-Z]+)\}/.exec(rest);
    if (!match) break;
    const name = match[1]!;
    if (!PLACEHOLDERS[name])
      return {
        problem: `{${name}} is not a placeholder (use ${Object.keys(PLACEHOLDERS)
          .map((p) => `{${p}}`)
          .join(", ")}).`,
      };
    if (found.includes(name)) return { problem: `{${name}} appears twice.` };
    found.push(name);
    regex += escape(rest.slice(0, match.index)) + PLACEHOLDERS[name];
    rest = rest.slice(match.index + match[0].length);
  }
  regex += escape(rest);
  const missing = required.filter((name) => !found.includes(name));
  if (missing.length) return { problem: `The pattern needs ${missing.map((m) => `{${m}}`).join(" and ")}.` };
  return { source: pattern, regex: new RegExp(`^${regex}$`, caseInsensitive ? "i" : "") };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export interface NameParts {
  ref: string;
  color?: string;
  position: number;
}

/** The product reference, colour and position a file name carries, or null when it does not fit. */
export function readFileName(pattern: NamePattern, name: string): NameParts | null {
  const groups = pattern.regex.exec(name)?.groups;
  if (!groups?.REF) return null;
  const position = groups.N === undefined ? 1 : Number(groups.N);
  if (!Number.isInteger(position) || position < 1) return null;
  return { ref: groups.REF, color: groups.COLOR || undefined, position };
}

/** The product reference and colour a SKU carries, or null when it does not fit. */
export function readSku(pattern: NamePattern, sku: string): { ref: string; color?: string } | null {
  const groups = pattern.regex.exec(sku)?.groups;
  if (!groups?.REF) return null;
  return { ref: groups.REF, color: groups.COLOR || undefined };
}
