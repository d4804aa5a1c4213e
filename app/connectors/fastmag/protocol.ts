// The Fastmag EDI wire format, as pure functions: decoding the answer bytes, reading tab-separated
// query answers with a header row, reading `OK|n` / `KO|message`, and escaping free text.
import iconv from "iconv-lite";

export type FastmagRow = Record<string, string>;

export interface MalformedLine {
  /** 1-based data row number (the header row is not counted). */
  row: number;
  text: string;
  reason: string;
}

export interface FastmagTable {
  columns: string[];
  rows: FastmagRow[];
  /** Rows that did not have as many fields as the header: kept out of `rows`, reported to the merchant. */
  malformed: MalformedLine[];
}

/**
 * Fastmag answers in a Windows code page. Some instances (or proxies) send UTF-8 while declaring
 * windows-1252; accented text that is valid UTF-8 is almost never genuine windows-1252, so bytes
 * that decode cleanly as UTF-8 *and* contain multi-byte sequences are read as UTF-8.
 */
export function decodeAnswer(bytes: Uint8Array, declaredCharset?: string | null): { text: string; charset: string } {
  const charset = (declaredCharset ?? "windows-1252").toLowerCase();
  if (charset === "utf-8" || charset === "utf8") return { text: Buffer.from(bytes).toString("utf8"), charset: "utf-8" };
  if (hasMultiByteUtf8(bytes)) {
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), charset: "utf-8" };
    } catch {
      // not UTF-8 after all: fall through to the declared code page
    }
  }
  const codePage = iconv.encodingExists(charset) ? charset : "windows-1252";
  return { text: iconv.decode(Buffer.from(bytes), codePage), charset: codePage };
}

function hasMultiByteUtf8(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] >= 0xc2 && bytes[i] <= 0xf4 && (bytes[i + 1] & 0xc0) === 0x80) return true;
  }
  return false;
}

export function encodeRequestText(text: string, charset = "windows-1252"): Buffer {
  return iconv.encode(text, charset);
}

/** `KO|message` (or a bare `KO`) anywhere Fastmag can answer; null when the text is not a refusal. */
export function koMessage(text: string): string | null {
  const first = text.replace(/^\uFEFF/, "").trimStart();
  if (!/^KO(\||\s*$|\r|\n)/i.test(first)) return null;
  return first.slice(3).trim() || "no reason given";
}

/** Strips the double quotes some instances put around fields, and the `{CR}{LF}` / `{PIPE}` escapes. */
function cleanField(field: string): string {
  if (!field.includes('"') && !field.includes("{") && !field.endsWith("\r")) return field;
  let value = field.endsWith("\r") ? field.slice(0, -1) : field;
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1).replace(/""/g, '"');
  return unescapeFreeText(value);
}

/** One data line of a query answer: a row, or a line that did not have as many fields as the header. */
export type QueryLine = { line: number; row: FastmagRow } | { line: number; malformed: MalformedLine };

/** A query answer read lazily: the header at once, the data lines one at a time as they are asked for. */
export interface QueryAnswer {
  columns: string[];
  /** The data lines in order; `line` is the 1-based data row number (the header row is not counted). */
  lines(): Generator<QueryLine>;
}

/**
 * Reads the header of a query answer: the first line holds the column names, each following line a row.
 * Returns null when the text has no header row (an error message, an empty body). Rows are split only
 * when iterated, so a 100k-row answer never exists as 100k row objects at once.
 */
export function readQueryAnswer(answerText: string): QueryAnswer | null {
  const text = answerText.replace(/^\uFEFF/, "");
  let end = text.length;
  while (end > 0 && (text[end - 1] === "\n" || text[end - 1] === "\r")) end--; // trailing blank lines
  if (end === 0) return null;
  const headerEnd = lineEnd(text, 0, end);
  const header = text
    .slice(0, headerEnd)
    .split("\t")
    .map((c) => cleanField(c).trim());
  if (header.some((c) => c === "") || new Set(header.map((c) => c.toLowerCase())).size !== header.length) return null;
  if (header.length === 1 && /[|\s]/.test(header[0])) return null; // "KO|…", "Erreur de syntaxe …"
  const columns = header.map((c) => c.toLowerCase());
  return {
    columns,
    *lines() {
      let line = 0;
      for (let start = headerEnd + 1; start <= end;) {
        const stop = lineEnd(text, start, end);
        const raw = text.slice(start, stop).replace(/\r$/, "");
        start = stop + 1;
        line++;
        if (raw === "" && columns.length > 1) continue;
        const fields = raw.split("\t");
        if (fields.length !== columns.length) {
          yield {
            line,
            malformed: { row: line, text: raw, reason: `expected ${columns.length} fields, found ${fields.length}` },
          };
          continue;
        }
        const row: FastmagRow = {};
        for (let i = 0; i < columns.length; i++) row[columns[i]] = cleanField(fields[i]);
        yield { line, row };
      }
    },
  };
}

/** Where the line starting at `start` ends (the index of its newline, or `end`). */
function lineEnd(text: string, start: number, end: number): number {
  const newline = text.indexOf("\n", start);
  return newline === -1 || newline > end ? end : newline;
}

/** Reads a whole query answer into memory; null when the text has no header row. */
export function parseQueryAnswer(text: string): FastmagTable | null {
  const answer = readQueryAnswer(text);
  if (!answer) return null;
  const rows: FastmagRow[] = [];
  const malformed: MalformedLine[] = [];
  for (const entry of answer.lines()) {
    if ("row" in entry) rows.push(entry.row);
    else malformed.push(entry.malformed);
  }
  return { columns: answer.columns, rows, malformed };
}

export type TransactionAnswer = { ok: true; number?: string } | { ok: false; message: string };

/** Reads `OK`, `OK|<number>` or `KO|<message>`; null for anything else. */
export function parseTransactionAnswer(text: string): TransactionAnswer | null {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  const ko = koMessage(trimmed);
  if (ko !== null) return { ok: false, message: ko };
  const match = /^OK(?:\|([^|\r\n]*))?/i.exec(trimmed);
  if (!match) return null;
  const number = match[1]?.trim();
  return number ? { ok: true, number } : { ok: true };
}

/** Free text inside a transaction record: line breaks become `{CR}{LF}`, pipes `{PIPE}`, tabs spaces. */
export function escapeFreeText(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, "{CR}{LF}")
    .replace(/\|/g, "{PIPE}")
    .replace(/\t/g, " ");
}

export function unescapeFreeText(value: string): string {
  return value.replace(/\{CR\}\{LF\}/g, "\r\n").replace(/\{PIPE\}/g, "|");
}

/** One record line: the transaction name then its fields, free text escaped, empty for absent values. */
export function recordLine(name: string, fields: (string | number | undefined | null)[]): string {
  const cells = fields.map((field) => {
    if (field === undefined || field === null) return "";
    if (typeof field === "number") return formatDecimal(field);
    return escapeFreeText(field);
  });
  return [name, ...cells].join("|");
}

/** Decimal numbers with a dot and no more than necessary digits (12.5, 19.99, 3). */
export function formatDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a number: ${value}`);
  return String(Math.round(value * 10_000) / 10_000);
}
