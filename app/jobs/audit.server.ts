// A run's audit trail for its screen, the JSON API and CSV exports: what it changed (item, field,
// before → after), the items it skipped or could not read (failed), and its log. Every list is paged by
// keyset (a cursor, never an offset: page 300 of a 100k-item run costs what page 1 does) and says its total.
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { storedText } from "../i18n/stored-words";
import type { Db } from "../db.server";
import { isoInTimeZone } from "../lib/format";
import {
  decodeTimeCursor as decodeCursor,
  encodeTimeCursor as encodeCursor,
  timeKeyset,
  type Page,
  type PageRequest,
} from "../lib/keyset.server";

export type { Page, PageRequest } from "../lib/keyset.server";

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1_000;

export interface RunChange {
  id: number;
  entity: string;
  externalId: string;
  field: string;
  before: string | null;
  after: string | null;
  at: string;
}

export interface ChangeFilter extends PageRequest {
  field?: string;
  /** Part of the item's id (a SKU). */
  search?: string;
}

const pageSize = (limit: number | undefined) => Math.min(Math.max(1, limit ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);

/** The run's changes, in the order it made them. */
export async function listChanges(
  deps: { db: Db },
  shop: string,
  jobId: string,
  filter: ChangeFilter = {},
): Promise<Page<RunChange> & { fields: string[] }> {
  const where = {
    shop,
    jobId,
    ...(filter.field ? { field: filter.field } : {}),
    ...(filter.search ? { externalId: { contains: filter.search } } : {}),
  };
  const take = pageSize(filter.limit);
  const before = filter.before ? Number(filter.before) : null;
  const after = filter.after ? Number(filter.after) : null;
  const backwards = before !== null && Number.isFinite(before);
  const filtered = Boolean(filter.field || filter.search);
  const [rows, byField, filteredTotal] = await Promise.all([
    deps.db.jobChange.findMany({
      where: {
        ...where,
        ...(backwards ? { id: { lt: before } } : after !== null && Number.isFinite(after) ? { id: { gt: after } } : {}),
      },
      orderBy: { id: backwards ? "desc" : "asc" },
      take: take + 1,
    }),
    // The filter's choices and, unfiltered, the total: one GROUP BY (Prisma's `distinct` read every row).
    deps.db.jobChange.groupBy({ by: ["field"], where: { shop, jobId }, _count: { _all: true } }),
    filtered ? deps.db.jobChange.count({ where }) : null,
  ]);
  const total = filteredTotal ?? byField.reduce((sum, group) => sum + group._count._all, 0);
  const fields = byField.map((group) => group.field).sort();
  const more = rows.length > take;
  const page = rows.slice(0, take);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const hasBefore = backwards ? more : after !== null && Number.isFinite(after) && page.length > 0;
  const hasAfter = backwards ? page.length > 0 : more;
  return {
    items: page.map((c) => ({
      id: c.id,
      entity: c.entity,
      externalId: c.externalId,
      field: c.field,
      before: c.before,
      after: c.after,
      at: c.at.toISOString(),
    })),
    total,
    next: hasAfter && last ? String(last.id) : null,
    previous: hasBefore && first ? String(first.id) : null,
    fields,
  };
}

// ---- skipped and failed items, log lines: keyset on (time, id) ----

/** Rows strictly after (or before) a (time, id) cursor, as a Prisma condition. */
function keyset(column: "createdAt" | "at", cursor: { at: Date; id: string }, direction: "gt" | "lt") {
  return timeKeyset(column, cursor, direction);
}

export interface RunItem {
  id: string;
  entity: string;
  externalId: string;
  reason: string;
  outcome: "skipped" | "failed";
  at: string;
}

export interface ItemFilter extends PageRequest {
  outcome?: "skipped" | "failed";
  entity?: string;
  /** Matches the external id or the reason. */
  search?: string;
}

/** Items the run skipped or failed, oldest first; their reasons in the reader's language when stored with words. */
export async function listRunItems(
  deps: { db: Db },
  shop: string,
  jobId: string,
  filter: ItemFilter = {},
  locale: Locale = "en",
): Promise<Page<RunItem> & { entities: string[] }> {
  const where = {
    shop,
    jobId,
    outcome: filter.outcome ?? "skipped",
    ...(filter.entity ? { entity: filter.entity } : {}),
    ...(filter.search
      ? { OR: [{ externalId: { contains: filter.search } }, { reason: { contains: filter.search } }] }
      : {}),
  };
  const take = pageSize(filter.limit);
  const before = decodeCursor(filter.before);
  const after = decodeCursor(filter.after);
  const position = before ? keyset("createdAt", before, "lt") : after ? keyset("createdAt", after, "gt") : null;
  const order = before ? ("desc" as const) : ("asc" as const);
  const filtered = Boolean(filter.entity || filter.search);
  const [rows, byEntity, filteredTotal] = await Promise.all([
    deps.db.jobSkippedItem.findMany({
      where: position ? { AND: [where, position] } : where,
      orderBy: [{ createdAt: order }, { id: order }],
      take: take + 1,
    }),
    // The filter's choices and, unfiltered, the total: one GROUP BY (Prisma's `distinct` read every row).
    deps.db.jobSkippedItem.groupBy({
      by: ["entity"],
      where: { shop, jobId, outcome: where.outcome },
      _count: { _all: true },
    }),
    filtered ? deps.db.jobSkippedItem.count({ where }) : null,
  ]);
  const total = filteredTotal ?? byEntity.reduce((sum, group) => sum + group._count._all, 0);
  const entities = byEntity.map((group) => group.entity).sort();
  const more = rows.length > take;
  const page = rows.slice(0, take);
  if (before) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      entity: r.entity,
      externalId: r.externalId,
      reason: storedText(r.reason, r.reasonWords, locale),
      outcome: r.outcome === "failed" ? "failed" : "skipped",
      at: r.createdAt.toISOString(),
    })),
    total,
    next: (before ? page.length > 0 : more) && last ? encodeCursor(last.createdAt, last.id) : null,
    previous: (before ? more : !!after && page.length > 0) && first ? encodeCursor(first.createdAt, first.id) : null,
    entities,
  };
}

export interface RunLogLine {
  id: string;
  level: string;
  message: string;
  at: string;
}

/** The run's log, oldest line first, in the reader's language where its lines were stored with words. */
export async function listRunLog(
  deps: { db: Db },
  shop: string,
  jobId: string,
  filter: PageRequest & { level?: string } = {},
  locale: Locale = "en",
): Promise<Page<RunLogLine>> {
  const where = { shop, jobId, ...(filter.level ? { level: filter.level } : {}) };
  const take = pageSize(filter.limit);
  const before = decodeCursor(filter.before);
  const after = decodeCursor(filter.after);
  const position = before ? keyset("at", before, "lt") : after ? keyset("at", after, "gt") : null;
  const order = before ? ("desc" as const) : ("asc" as const);
  const rows = await deps.db.jobLogEntry.findMany({
    where: position ? { AND: [where, position] } : where,
    orderBy: [{ at: order }, { id: order }],
    take: take + 1,
  });
  const more = rows.length > take;
  // A first page that holds every line is its own total (most runs' logs): no COUNT.
  const total = !position && !more ? rows.length : await deps.db.jobLogEntry.count({ where });
  const page = rows.slice(0, take);
  if (before) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  return {
    items: page.map((l) => ({
      id: l.id,
      level: l.level,
      message: storedText(l.message, l.words, locale),
      at: l.at.toISOString(),
    })),
    total,
    next: (before ? page.length > 0 : more) && last ? encodeCursor(last.at, last.id) : null,
    previous: (before ? more : !!after && page.length > 0) && first ? encodeCursor(first.at, first.id) : null,
  };
}

// ---- CSV ----

function csvCell(value: string): string {
  // Cells starting with = + - @ are formulas to a spreadsheet; a leading quote keeps them text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with a header row, CRLF line ends and a BOM so Excel reads accents right. */
export function toCsv(rows: string[][]): string {
  return `\uFEFF${rows.map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/** A run's changes as CSV; times in the shop's time zone with their offset. */
const CHANGES_CSV_HEADINGS = defineWords({
  en: ["entity", "item", "field", "before", "after", "at"],
  fr: ["type", "élément", "champ", "avant", "après", "date"],
});

/** A run's changes as CSV, its column headings in the admin's language; times ISO 8601 with the shop's offset. */
export function changesToCsv(changes: RunChange[], timeZone: string, locale: Locale = "en"): string {
  return toCsv([
    CHANGES_CSV_HEADINGS[locale],
    ...changes.map((c) => [
      c.entity,
      c.externalId,
      c.field,
      c.before ?? "",
      c.after ?? "",
      isoInTimeZone(c.at, timeZone),
    ]),
  ]);
}

/** Every item a keyset-paged list gives, page after page, up to `cap` (the CSV exports). */
async function allPages<T>(
  list: (after: string | null) => Promise<{ items: T[]; next: string | null }>,
  cap: number,
): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  do {
    const page = await list(after);
    all.push(...page.items);
    after = page.next;
  } while (after && all.length < cap);
  return all;
}

/** Every change of a run matching a filter, page after page (the CSV export). */
export function allChanges(
  deps: { db: Db },
  shop: string,
  jobId: string,
  filter: Omit<ChangeFilter, keyof PageRequest>,
  cap = 200_000,
): Promise<RunChange[]> {
  return allPages((after) => listChanges(deps, shop, jobId, { ...filter, after, limit: MAX_PAGE_SIZE }), cap);
}

/** Every skipped (or failed) item of a run matching a filter, page after page (the CSV export). */
export function allRunItems(
  deps: { db: Db },
  shop: string,
  jobId: string,
  filter: Omit<ItemFilter, keyof PageRequest>,
  cap = 200_000,
  locale: Locale = "en",
): Promise<RunItem[]> {
  return allPages((after) => listRunItems(deps, shop, jobId, { ...filter, after, limit: MAX_PAGE_SIZE }, locale), cap);
}
