// Keyset paging for every list a merchant pages through: a cursor (the last row's position), never an
// offset, so page 300 costs what page 1 does; and the list's total, counted on an index. The screens show
// them with `ListPager` (app/components/ListPager.tsx), which keeps `after` / `before` in the URL.

export interface Page<T> {
  items: T[];
  /** Items matching the filter, all pages together. */
  total: number;
  /** Cursor of the next page (pass as `after`), null on the last one. */
  next: string | null;
  /** Cursor of the previous page (pass as `before`), null on the first one. */
  previous: string | null;
}

export interface PageRequest {
  /** Items after this cursor (the next page). */
  after?: string | null;
  /** Items before this cursor (the previous page). */
  before?: string | null;
  limit?: number;
}

/** A list's place from the URL: `<prefix>after` / `<prefix>before` (several lists may share a page). */
export function pageRequestFrom(search: URLSearchParams, prefix = ""): { after: string | null; before: string | null } {
  return { after: search.get(`${prefix}after`) || null, before: search.get(`${prefix}before`) || null };
}

export function pageSize(limit: number | undefined, fallback: number, max: number): number {
  const size = Math.floor(limit ?? fallback);
  return Math.min(Math.max(1, Number.isFinite(size) ? size : fallback), max);
}

/** A cursor on (time, id): the row's time in ms and its id. */
export function encodeTimeCursor(at: Date, id: string): string {
  return `${at.getTime()}.${id}`;
}

export function decodeTimeCursor(cursor: string | null | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const dot = cursor.indexOf(".");
  const ms = Number(cursor.slice(0, dot));
  if (dot < 1 || !Number.isFinite(ms)) return null;
  return { at: new Date(ms), id: cursor.slice(dot + 1) };
}

/** Rows strictly after (gt) or before (lt) a (time, id) cursor, as a Prisma condition. */
export function timeKeyset(column: string, cursor: { at: Date; id: string }, direction: "gt" | "lt", idColumn = "id") {
  return {
    OR: [{ [column]: { [direction]: cursor.at } }, { [column]: cursor.at, [idColumn]: { [direction]: cursor.id } }],
  };
}

/**
 * One page of a list ordered by (time, id) — oldest first (`asc`) or newest first (`desc`) — from the
 * request's cursor, with its total. `rows` reads the page (the position is null on the first page) and
 * `count` the total; both get the caller's filter, the position only the page.
 */
export async function timeKeysetPage<R extends { id: string }>(options: {
  column: string;
  /** The table's key column when it is not `id` (the rows still carry it as `id`). */
  idColumn?: string;
  order: "asc" | "desc";
  request: PageRequest;
  limit: number;
  timeOf: (row: NoInfer<R>) => Date;
  rows: (ask: {
    position: Record<string, unknown> | null;
    orderBy: Record<string, "asc" | "desc">[];
    take: number;
  }) => Promise<R[]>;
  count: () => Promise<number>;
}): Promise<Page<R>> {
  const { column, order, request, limit, timeOf, idColumn = "id" } = options;
  const before = decodeTimeCursor(request.before);
  const after = before ? null : decodeTimeCursor(request.after);
  // "After" in the list's order: later times when oldest first, earlier ones when newest first.
  const forward = order === "asc" ? "gt" : "lt";
  const backward = order === "asc" ? "lt" : "gt";
  const position = before
    ? timeKeyset(column, before, backward, idColumn)
    : after
      ? timeKeyset(column, after, forward, idColumn)
      : null;
  const read = before ? (order === "asc" ? "desc" : "asc") : order;
  const [rows, total] = await Promise.all([
    options.rows({ position, orderBy: [{ [column]: read }, { [idColumn]: read }], take: limit + 1 }),
    options.count(),
  ]);
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  if (before) items.reverse();
  const first = items[0];
  const last = items[items.length - 1];
  const hasNext = before ? items.length > 0 : more;
  const hasPrevious = before ? more : after !== null && items.length > 0;
  return {
    items,
    total,
    next: hasNext && last ? encodeTimeCursor(timeOf(last), last.id) : null,
    previous: hasPrevious && first ? encodeTimeCursor(timeOf(first), first.id) : null,
  };
}

/** Keeps a page's rows and cursors, with its rows made into what the screen shows. */
export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { ...page, items: page.items.map(map) };
}
