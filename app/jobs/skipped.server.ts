// The items a run skipped, for the run's screen and as a CSV a merchant can open in a spreadsheet.
import type { Db } from "../db.server";

export interface SkippedItem {
  entity: string;
  externalId: string;
  reason: string;
  at: string;
}

export interface SkippedFilter {
  entity?: string;
  /** Matches the external id or the reason. */
  search?: string;
  limit?: number;
  offset?: number;
}

export async function listSkipped(
  deps: { db: Db },
  shop: string,
  jobId: string,
  filter: SkippedFilter = {},
): Promise<{ items: SkippedItem[]; total: number; entities: string[] }> {
  const where = {
    shop,
    jobId,
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
    deps.db.jobSkippedItem.findMany({ where: { shop, jobId }, distinct: ["entity"], select: { entity: true } }),
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

function csvCell(value: string): string {
  // Cells starting with = + - @ are formulas to a spreadsheet; a leading quote keeps them text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with a header row, CRLF line ends and a BOM so Excel reads accents right. */
export function skippedToCsv(items: SkippedItem[]): string {
  const lines = [
    ["entity", "external_id", "reason", "at"],
    ...items.map((i) => [i.entity, i.externalId, i.reason, i.at]),
  ];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
