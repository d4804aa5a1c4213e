// What happened in the app, for the Logs screen: runs failed, settings changed, connection tests, alerts
// sent. One row each, written by the feature where it happened; listed newest first, paged by keyset.
import type { Db } from "../db.server";
import { db as defaultDb } from "../db.server";
import type { Locale } from "../i18n/locale";
import { type Message, storedText, textOf, wordsJson } from "../i18n/stored-words";
import { logger } from "../lib/logger.server";

import { APP_EVENT_KINDS, type AppEventKind } from "./app-event-kinds";

export { APP_EVENT_KINDS, type AppEventKind } from "./app-event-kinds";

export interface AppEventView {
  id: string;
  kind: AppEventKind;
  message: string;
  link: string | null;
  createdAt: Date;
}

/** Records an event; never fails the work it reports on (a database hiccup only goes to the log). */
export async function recordAppEvent(
  shop: string,
  event: { kind: AppEventKind; message: Message; link?: string | null; at?: Date },
  db: Db = defaultDb,
): Promise<void> {
  try {
    await db.appEvent.create({
      data: {
        shop,
        kind: event.kind,
        message: textOf(event.message).slice(0, 1000),
        words: wordsJson(event.message),
        link: event.link ?? null,
        createdAt: event.at ?? new Date(),
      },
    });
  } catch (error) {
    logger.warn("app event not recorded", { shop, kind: event.kind, error: String(error) });
  }
}

export interface AppEventPage {
  events: AppEventView[];
  total: number;
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** One page of the shop's events, newest first, in the reader's language; `kind` one of APP_EVENT_KINDS or "all". */
export async function listAppEvents(
  shop: string,
  options: { kind?: string | null; before?: string | null; limit?: number } = {},
  db: Db = defaultDb,
  locale: Locale = "en",
): Promise<AppEventPage> {
  const limit = Math.min(Math.max(options.limit ?? 25, 1), 100);
  const kind = (APP_EVENT_KINDS as readonly string[]).includes(options.kind ?? "") ? options.kind! : null;
  const where = { shop, ...(kind ? { kind } : {}) };
  const cursor = decodeCursor(options.before);
  const rows = await db.appEvent.findMany({
    where: cursor
      ? {
          ...where,
          OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }],
        }
      : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const total = await db.appEvent.count({ where });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    events: page.map((r) => ({
      id: r.id,
      kind: r.kind as AppEventKind,
      message: storedText(r.message, r.words, locale),
      link: r.link,
      createdAt: r.createdAt,
    })),
    total,
    nextCursor: rows.length > limit && last ? `${last.createdAt.getTime()}_${last.id}` : null,
  };
}

function decodeCursor(value: string | null | undefined): { at: Date; id: string } | null {
  const match = /^(\d+)_(.+)$/.exec(value ?? "");
  return match ? { at: new Date(Number(match[1])), id: match[2]! } : null;
}

/** shop/redact: the shop's alerts, their settings and its app events go. */
export async function eraseAlerts(shop: string, db: Db = defaultDb): Promise<void> {
  await db.alert.deleteMany({ where: { shop } });
  await db.alertSettings.deleteMany({ where: { shop } });
  await db.appEvent.deleteMany({ where: { shop } });
}
