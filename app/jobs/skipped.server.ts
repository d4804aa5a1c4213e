// The items a run skipped, for the run's screen and as a CSV a merchant can open in a spreadsheet.
// Paged by keyset through audit.server.ts, as the run's screen pages them.
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import type { Db } from "../db.server";
import { isoInTimeZone } from "../lib/format";
import type { Page, PageRequest } from "../lib/keyset.server";
import { listRunItems, toCsv } from "./audit.server";

export interface SkippedItem {
  entity: string;
  externalId: string;
  reason: string;
  at: string;
  outcome?: "skipped" | "failed";
}

export interface SkippedFilter extends PageRequest {
  entity?: string;
  /** Matches the external id or the reason. */
  search?: string;
  /** skipped (the default) or failed. */
  outcome?: "skipped" | "failed";
}

/** A run's skipped (or failed) items, oldest first, paged by keyset on (time, id) like its other lists. */
export async function listSkipped(
  deps: { db: Db },
  shop: string,
  jobId: string,
  filter: SkippedFilter = {},
): Promise<Page<SkippedItem> & { entities: string[] }> {
  const page = await listRunItems(deps, shop, jobId, { ...filter, outcome: filter.outcome ?? "skipped" });
  return {
    ...page,
    items: page.items.map((r) => ({ entity: r.entity, externalId: r.externalId, reason: r.reason, at: r.at })),
  };
}

/** RFC 4180 CSV; times in the shop's time zone with their offset when it is given, else UTC. */
const SKIPPED_CSV_HEADINGS = defineWords({
  en: ["entity", "external_id", "reason", "at"],
  fr: ["type", "identifiant", "raison", "date"],
});

export function skippedToCsv(items: SkippedItem[], timeZone?: string, locale: Locale = "en"): string {
  return toCsv([
    SKIPPED_CSV_HEADINGS[locale],
    ...items.map((i) => [i.entity, i.externalId, i.reason, timeZone ? isoInTimeZone(i.at, timeZone) : i.at]),
  ]);
}
