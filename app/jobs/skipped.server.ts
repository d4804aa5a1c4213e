// The items a run skipped, for the run's screen and as a CSV a merchant can open in a spreadsheet.
// (The run's screen pages them by keyset through audit.server.ts; this offset form stays for callers.)
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import type { Db } from "../db.server";
import { isoInTimeZone } from "../lib/format";
import { toCsv } from "./audit.server";

export interface SkippedItem {
  entity: string;
  externalId: string;
  reason: string;
  at: string;
  outcome?: "skipped" | "failed";
}

export interface SkippedFilter {
  entity?: string;
  /** Matches the external id or the reason. */
  search?: string;
  /** skipped (the default) or failed. */
  outcome?: "skipped" | "failed";
  limit?: number;
  offset?: number;
}

export async function listSkipped(
  deps: { db: Db },
  shop: string,
  jobId: string,
  filter: SkippedFilter = {},
): Promise<{ items: SkippedItem[]; total: number; entities: string[] }> {
  const outcome = filter.outcome ?? "skipped";
  const where = {
    shop,
    jobId,
    outcome,
    ...(filter.entity ? { entity: filter.entity } : {}),
    ...(filter.search
      ? { OR: [{ externalId: { contains: filter.search } }, { reason: { contains: filter.search } }] }
      : {}),
  };
  const [rows, total, entities] = await Promise.all([
    deps.db.jobSkippedItem.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: filter.limit ?? 100,
      skip: filter.offset ?? 0,
    }),
    deps.db.jobSkippedItem.count({ where }),
    deps.db.jobSkippedItem.findMany({
      where: { shop, jobId, outcome },
      distinct: ["entity"],
      select: { entity: true },
    }),
  ]);
  return {
    items: rows.map((r) => ({
      entity: r.entity,
      externalId: r.externalId,
      reason: r.reason,
      at: r.createdAt.toISOString(),
    })),
    total,
    entities: entities.map((e) => e.entity).sort(),
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
