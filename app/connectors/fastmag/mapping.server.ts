// Turning Fastmag rows into our domain objects, one row at a time: a row that does not make sense
// becomes a skipped record with a reason the merchant can act on, never an exception for the batch.
import type { ReadResult, SkippedRecord } from "../../domain/results";
import { type Said, said } from "../../i18n/stored-words";
import type { FastmagRow, QueryAnswer, QueryLine } from "./protocol";

const instants = new Map<string, number>();

/** Thrown by a RowReader while mapping one row; caught by mapRows and turned into a skipped record. */
class RowProblem extends Error {
  /** The problem's words, so a run shows it in each reader's language (domain reasons stay English). */
  readonly said?: Said;
  constructor(problem: string | Said) {
    super(typeof problem === "string" ? problem : problem.text);
    if (typeof problem !== "string") this.said = problem;
  }
}

export class RowReader {
  constructor(
    private readonly row: FastmagRow,
    private readonly timeZone: string,
  ) {}

  /** Trimmed text; throws when required and empty or absent. */
  text(column: string): string {
    const value = this.optionalText(column);
    if (value === undefined) throw new RowProblem(said("row.empty", { column }));
    return value;
  }

  optionalText(column: string): string | undefined {
    const raw = this.raw(column);
    const value = raw?.trim();
    return value ? value : undefined;
  }

  /** A decimal number, with a dot or a French comma ("12,50"). */
  number(column: string): number {
    const value = this.optionalNumber(column);
    if (value === undefined) throw new RowProblem(said("row.empty", { column }));
    return value;
  }

  optionalNumber(column: string): number | undefined {
    const text = this.optionalText(column);
    if (text === undefined) return undefined;
    const normalized = text.replace(/\s/g, "").replace(",", ".");
    const value = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(normalized) ? Number(normalized) : NaN;
    if (!Number.isFinite(value)) throw new RowProblem(said("row.notNumber", { column, value: text }));
    return value;
  }

  /** A price or balance: a number that cannot be negative. */
  amount(column: string): number {
    const value = this.number(column);
    if (value < 0) throw new RowProblem(said("row.negative", { column, value: String(value) }));
    return value;
  }

  integer(column: string): number {
    const value = this.number(column);
    if (!Number.isInteger(value))
      throw new RowProblem(said("row.notWholeNumber", { column, value: this.raw(column)?.trim() ?? "" }));
    return value;
  }

  /** 1/0, O/N (oui/non), Y/N, true/false. */
  boolean(column: string): boolean {
    const text = this.text(column).toLowerCase();
    if (["1", "o", "oui", "y", "yes", "true", "-1"].includes(text)) return true;
    if (["0", "n", "non", "no", "false"].includes(text)) return false;
    throw new RowProblem(said("row.notYesNo", { column, value: text }));
  }

  /** A calendar day, `YYYY-MM-DD`, from `YYYY-MM-DD[ time]` or `DD/MM/YYYY[ time]`. */
  optionalDate(column: string): string | undefined {
    const text = this.optionalText(column);
    if (text === undefined) return undefined;
    const parts = dateParts(text);
    if (!parts) throw new RowProblem(said("row.notDate", { column, value: text }));
    return `${parts.year}-${parts.month}-${parts.day}`;
  }

  date(column: string): string {
    const value = this.optionalDate(column);
    if (value === undefined) throw new RowProblem(said("row.empty", { column }));
    return value;
  }

  /** A moment, read in the instance's time zone (Fastmag stores local times). */
  optionalDateTime(column: string): Date | undefined {
    const text = this.optionalText(column);
    if (text === undefined) return undefined;
    const key = `${this.timeZone} ${text}`;
    const known = instants.get(key);
    if (known) return new Date(known);
    const parts = dateParts(text);
    if (!parts) throw new RowProblem(said("row.notDate", { column, value: text }));
    const instant = localToDate(parts, this.timeZone);
    // Large answers repeat the same few timestamps; time-zone arithmetic is the costly part.
    if (instants.size > 10_000) instants.clear();
    instants.set(key, instant.getTime());
    return instant;
  }

  private raw(column: string): string | undefined {
    return this.row[column.toLowerCase()];
  }
}

interface DateParts {
  year: string;
  month: string;
  day: string;
  hour: number;
  minute: number;
  second: number;
}

function dateParts(text: string): DateParts | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/.exec(text);
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  const m = iso ?? fr;
  if (!m) return null;
  const [year, month, day] = iso ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
  const parts = { year, month, day, hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0) };
  const check = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (
    check.getUTCMonth() !== Number(month) - 1 ||
    check.getUTCDate() !== Number(day) ||
    parts.hour > 23 ||
    parts.minute > 59
  )
    return null;
  return parts;
}

/** The instant at which the wall clock of `timeZone` shows these parts. */
export function localToDate(parts: DateParts, timeZone: string): Date {
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    parts.hour,
    parts.minute,
    parts.second,
  );
  // Two passes settle the offset, including on the days clocks change.
  let guess = asUtc;
  for (let pass = 0; pass < 2; pass++) guess = asUtc - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
export function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter); // building one costs far more than using it
  }
  return formatter;
}

function offsetMs(date: Date, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}

export interface MapOptions<T> {
  /** How the merchant recognises a row ("ref BOXE20", "order 1042"), when the row lets us say. */
  describe: (row: FastmagRow) => string | undefined;
  /** The external id of the record for the skipped list. */
  externalId: (row: FastmagRow) => string | undefined;
  map: (reader: RowReader, row: FastmagRow) => T;
  timeZone?: string;
}

/** Maps every row into memory; malformed lines and rows that fail validation become skipped records. */
export function mapTable<T>(answer: QueryAnswer, options: MapOptions<T>): ReadResult<T> {
  const items: T[] = [];
  const skipped: SkippedRecord[] = [];
  for (const entry of answer.lines()) mapEntry(entry, options, (item) => items.push(item), skipped);
  return { items, skipped };
}

/**
 * Maps the rows one at a time as the answer is read, handing each item to `onItem` (a whole-catalog answer
 * is never held as objects), and lets the event loop run every 2,000 rows: mapping 100k rows takes most of
 * a second that the app's other requests would wait. Returns the malformed lines and invalid rows as
 * skipped records, in the answer's order.
 */
export async function mapEachRow<T>(
  answer: QueryAnswer,
  options: MapOptions<T>,
  onItem: (item: T) => void,
): Promise<SkippedRecord[]> {
  const skipped: SkippedRecord[] = [];
  let count = 0;
  for (const entry of answer.lines()) {
    mapEntry(entry, options, onItem, skipped);
    if (++count % 2_000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return skipped;
}

/** One data line: its item to `onItem`, or a skipped record. Row numbers count every data line, so they
 *  match what Fastmag sent. */
function mapEntry<T>(entry: QueryLine, options: MapOptions<T>, onItem: (item: T) => void, skipped: SkippedRecord[]) {
  if (!("row" in entry)) {
    const { row, reason, text } = entry.malformed;
    const counts = /^expected (\d+) fields, found (\d+)$/.exec(reason);
    const words = counts
      ? said("row.wrongFieldCount", {
          line: String(row),
          expected: Number(counts[1]),
          found: Number(counts[2]),
          text: text.slice(0, 80),
        })
      : undefined;
    const english = `row ${row}: ${reason} ("${text.slice(0, 80)}")`;
    skipped.push({ externalId: `row ${row}`, reason: english, ...(words ? { words } : {}) });
    return;
  }
  const { row, line } = entry;
  let item: T;
  try {
    item = options.map(new RowReader(row, options.timeZone ?? "Europe/Paris"), row);
  } catch (error) {
    if (!(error instanceof RowProblem)) throw error;
    const label = options.describe(row);
    const reason = `row ${line}${label ? ` (${label})` : ""}: ${error.message}`;
    const words = error.said
      ? label
        ? said("row.atLabelled", { line: String(line), label, problem: error.said })
        : said("row.at", { line: String(line), problem: error.said })
      : undefined;
    skipped.push({ externalId: options.externalId(row) || `row ${line}`, reason, ...(words ? { words } : {}) });
    return;
  }
  onItem(item);
}

/** Rejects a row for a reason of the domain (e.g. a SKU part holding a pipe). */
export function rejectRow(reason: string): never {
  throw new RowProblem(reason);
}
