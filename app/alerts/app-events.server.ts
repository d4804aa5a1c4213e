// What happened in the app, for the Logs screen: runs failed, settings changed, connection tests, alerts
// sent. One row each, written by the feature where it happened; listed newest first, paged by keyset.
import type { AppEvent } from "@passerelle/prisma-sqlite";
import type { Db } from "../db.server";
import { db as defaultDb } from "../db.server";
import type { Locale } from "../i18n/locale";
import { type Message, storedText, textOf, wordsJson } from "../i18n/stored-words";
import type { Page, PageRequest } from "../lib/keyset.server";
import { mapPage, pageSize, timeKeysetPage } from "../lib/keyset.server";
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

/** One page of the shop's events, newest first, in the reader's language; `kind` one of APP_EVENT_KINDS or "all". */
export async function listAppEvents(
  shop: string,
  options: { kind?: string | null } & PageRequest = {},
  db: Db = defaultDb,
  locale: Locale = "en",
): Promise<Page<AppEventView>> {
  const kind = (APP_EVENT_KINDS as readonly string[]).includes(options.kind ?? "") ? options.kind! : null;
  const where = { shop, ...(kind ? { kind } : {}) };
  const page = await timeKeysetPage<AppEvent>({
    column: "createdAt",
    order: "desc",
    request: options,
    limit: pageSize(options.limit, 25, 100),
    timeOf: (row) => row.createdAt,
    rows: ({ position, orderBy, take }) =>
      db.appEvent.findMany({ where: position ? { AND: [where, position] } : where, orderBy, take }),
    count: () => db.appEvent.count({ where }),
  });
  return mapPage(page, (r) => ({
    id: r.id,
    kind: r.kind as AppEventKind,
    message: storedText(r.message, r.words, locale),
    link: r.link,
    createdAt: r.createdAt,
  }));
}

/** shop/redact: the shop's alerts, their settings and its app events go. */
export async function eraseAlerts(shop: string, db: Db = defaultDb): Promise<void> {
  await db.alert.deleteMany({ where: { shop } });
  await db.alertSettings.deleteMany({ where: { shop } });
  await db.appEvent.deleteMany({ where: { shop } });
}
