// The Fastmag EDI wire format, as pure functions: decoding the answer bytes, reading tab-separated
// query answers with a header row, reading `OK|n` / `KO|message`, and escaping free text.
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import { said } from "../../i18n/stored-words";
import { PROTOCOL_LITERAL, UnwritableTextError, unwritableCharacters } from "./text";

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

/** Windows-1252's 0x80–0x9F, where it differs from Latin-1 (its five unassigned bytes read as U+FFFD, as iconv does). */
const WINDOWS_1252_C1 =
  "\u20AC\uFFFD\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\uFFFD\u017D\uFFFD" +
  "\uFFFD\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\uFFFD\u017E\u0178";
const HAS_C1 = /[\x80-\x9f]/;
const C1 = /[\x80-\x9f]/g;

/**
 * A Fastmag answer as received: its bytes and the code page they are read in. Query answers are decoded a
 * line at a time: decoding a 100k-row answer whole made a 20 MB string outside the JS heap, whose memory
 * the process kept after the sync.
 */
export class FastmagAnswer {
  private constructor(
    private readonly bytes: Buffer,
    readonly charset: string,
  ) {}

  /**
   * Fastmag answers in a Windows code page. Some instances (or proxies) send UTF-8 while declaring
   * windows-1252; accented text that is valid UTF-8 is almost never genuine windows-1252, so bytes
   * that are valid UTF-8 *and* contain multi-byte sequences are read as UTF-8.
   */
  static of(bytes: Uint8Array, declaredCharset?: string | null): FastmagAnswer {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const declared = (declaredCharset ?? "windows-1252").toLowerCase();
    if (declared === "utf-8" || declared === "utf8" || (hasMultiByteUtf8(buffer) && isUtf8(buffer)))
      return new FastmagAnswer(buffer, "utf-8");
    if (declared === "cp1252" || !iconv.encodingExists(declared)) return new FastmagAnswer(buffer, "windows-1252");
    return new FastmagAnswer(buffer, declared);
  }

  /** The whole answer as text: for the small ones (transactions, error pages). */
  text(): string {
    return this.decode(0, this.bytes.length);
  }

  /** The first bytes as text: enough to recognise a refusal or quote the answer in an error. */
  head(bytes = 400): string {
    return this.decode(0, Math.min(bytes, this.bytes.length));
  }

  /** Each line without its line break (LF or CRLF), decoded as it is asked for. */
  *lines(): Generator<string> {
    const length = this.bytes.length;
    for (let start = 0; start <= length;) {
      let newline = this.bytes.indexOf(0x0a, start);
      if (newline === -1) newline = length;
      const end = newline > start && this.bytes[newline - 1] === 0x0d ? newline - 1 : newline;
      yield this.decode(start, end);
      start = newline + 1;
    }
  }

  private decode(start: number, end: number): string {
    if (this.charset === "utf-8") return this.bytes.toString("utf8", start, end);
    if (this.charset === "windows-1252") {
      const latin1 = this.bytes.toString("latin1", start, end);
      return HAS_C1.test(latin1) ? latin1.replace(C1, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]) : latin1;
    }
    return iconv.decode(this.bytes.subarray(start, end), this.charset);
  }
}

function hasMultiByteUtf8(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] >= 0xc2 && bytes[i] <= 0xf4 && (bytes[i + 1] & 0xc0) === 0x80) return true;
  }
  return false;
}

/**
 * The request's bytes in the instance's code page. Never lossy: iconv writes `?` for what the code page
 * lacks (two Greek e-mails became the same "????@…"), so such text is refused here; records are made
 * writable before (text.ts), this is the last guard.
 */
export function encodeRequestText(text: string, charset = "windows-1252"): Buffer {
  const bytes = iconv.encode(text, charset);
  if (iconv.decode(bytes, charset) !== text) {
    const unwritable = unwritableCharacters(text, charset).slice(0, 8).join(" ");
    throw new UnwritableTextError(said("fastmag.requestUnwritable", { charset, chars: unwritable }));
  }
  return bytes;
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
 * Returns null when the answer has no header row (an error message, an empty body). Rows are decoded and
 * split only when iterated, so a 100k-row answer never exists as 100k row objects at once.
 */
export function readQueryAnswer(source: FastmagAnswer | string): QueryAnswer | null {
  const first = linesOf(source).next();
  if (first.done) return null;
  const header = first.value
    .replace(/^\uFEFF/, "")
    .split("\t")
    .map((c) => cleanField(c).trim());
  if (header.some((c) => c === "") || new Set(header.map((c) => c.toLowerCase())).size !== header.length) return null;
  if (header.length === 1 && /[|\s]/.test(header[0])) return null; // "KO|…", "Erreur de syntaxe …"
  if (header.some((c) => /[<>]/.test(c))) return null; // a web page (markup is never a column name)
  const columns = header.map((c) => c.toLowerCase());
  return {
    columns,
    *lines() {
      const all = linesOf(source);
      all.next(); // the header
      let line = 0;
      // Blank lines are no rows; in a one-column answer they are empty values, unless they end the answer.
      let blanks = 0;
      for (const raw of all) {
        line++;
        if (raw === "") {
          blanks++;
          continue;
        }
        if (columns.length === 1) for (; blanks > 0; blanks--) yield { line: line - blanks, row: { [columns[0]]: "" } };
        blanks = 0;
        const fields = raw.split("\t");
        if (fields.length !== columns.length) {
          const reason = `expected ${columns.length} fields, found ${fields.length}`;
          yield { line, malformed: { row: line, text: raw, reason } };
          continue;
        }
        const row: FastmagRow = {};
        for (let i = 0; i < columns.length; i++) row[columns[i]] = cleanField(fields[i]);
        yield { line, row };
      }
    },
  };
}

const linesOf = (source: FastmagAnswer | string) => (typeof source === "string" ? textLines(source) : source.lines());

function* textLines(text: string): Generator<string> {
  for (let start = 0; start <= text.length;) {
    let newline = text.indexOf("\n", start);
    if (newline === -1) newline = text.length;
    yield text.slice(start, newline > start && text[newline - 1] === "\r" ? newline - 1 : newline);
    start = newline + 1;
  }
}

/** Reads a whole query answer into memory; null when the text has no header row. */
export function parseQueryAnswer(source: FastmagAnswer | string): FastmagTable | null {
  const answer = readQueryAnswer(source);
  return answer && collectRows(answer);
}

/** Every row of a lazily read answer, and its malformed lines, in memory. */
export function collectRows(answer: QueryAnswer): FastmagTable {
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

/**
 * Free text inside a transaction record: line breaks become `{CR}{LF}`, pipes `{PIPE}`, tabs spaces. The
 * protocol has no escape for the escapes themselves, so `{PIPE}`, `{CR}`, `{LF}` typed by a customer are
 * written `(PIPE)`, `(CR)`, `(LF)`: Fastmag would otherwise decode them into a pipe or a line break.
 */
export function escapeFreeText(value: string): string {
  return value
    .replace(PROTOCOL_LITERAL, (_, word: string) => `(${word})`)
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
