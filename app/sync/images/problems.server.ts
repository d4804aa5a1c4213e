// The Catalog screen's photos with a problem: the image source's files the image sync could not attach
// (CatalogImageFile rows "failed": Shopify refused or could not use them; "unmatched": no product, or
// several, for their reference, or a name the source's rule does not read), latest first, a page at a
// time by keyset on (synced at, source and name), with their total. Each says why in the admin's language
// (the reason's stored words, ADR 0021). The next image sync looks at them again.
import type { CatalogImageFile, Prisma } from "@passerelle/prisma-sqlite";
import { db as defaultDb, type Db } from "../../db.server";
import { storedText } from "../../i18n/stored-words";
import type { Locale } from "../../i18n/locale";
import { pageSize, timeKeysetPage, type Page, type PageRequest } from "../../lib/keyset.server";

export interface ImageProblem {
  /** The file's place: its source and name. */
  id: string;
  name: string;
  /** The connector the file came from. */
  source: string;
  /** The product reference its name gives; null when it gives none. */
  reference: string | null;
  status: "failed" | "unmatched";
  /** When the image sync last looked at it (ISO 8601). */
  at: string;
  /** Why, in the admin's language. */
  reason: string | null;
}

/** Files on a page when the caller does not say. */
const IMAGE_PROBLEMS_PER_PAGE = 25;

// "retry": Shopify did not take it this time, the next run sends it again; shown as not sent until then.
const PROBLEMS = ["failed", "retry", "unmatched"];

export async function imageProblemsPage(
  shop: string,
  place: PageRequest = {},
  locale: Locale = "en",
  db: Db = defaultDb,
): Promise<Page<ImageProblem>> {
  const where: Prisma.CatalogImageFileWhereInput = { shop, status: { in: PROBLEMS } };
  const page = await timeKeysetPage<CatalogImageFile & { id: string }>({
    column: "syncedAt",
    order: "desc",
    request: place,
    limit: pageSize(place.limit, IMAGE_PROBLEMS_PER_PAGE, 200),
    timeOf: (row) => row.syncedAt,
    rows: async ({ position, orderBy, take }) =>
      (
        await db.catalogImageFile.findMany({
          where: position ? { AND: [where, idAsFile(position) as Prisma.CatalogImageFileWhereInput] } : where,
          orderBy: orderBy.flatMap((o) =>
            "id" in o ? [{ source: o.id }, { name: o.id }] : [o],
          ) as Prisma.CatalogImageFileOrderByWithRelationInput[],
          take,
        })
      ).map((row) => ({ ...row, id: fileId(row.source, row.name) })),
    count: () => db.catalogImageFile.count({ where }),
  });
  return {
    ...page,
    items: page.items.map((row): ImageProblem => ({
      id: row.id,
      name: row.name,
      source: row.source,
      reference: row.reference,
      status: row.status === "unmatched" ? "unmatched" : "failed",
      at: row.syncedAt.toISOString(),
      reason: row.reason === null ? null : storedText(row.reason, row.reasonWords, locale),
    })),
  };
}

// A file's key within its shop is its source and name: the keyset's `id` is both, "<source>/<name>"
// (a source id has no "/"), compared source first, then name.
const fileId = (source: string, name: string) => `${source}/${name}`;

function idAsFile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(idAsFile);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  const and: unknown[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (key !== "id") {
      out[key] = idAsFile(v);
      continue;
    }
    // { id: { lt: "s/n" } } → source before s, or source s and name before n.
    const [op, id] = Object.entries(v as Record<string, string>)[0]!;
    const slash = id.indexOf("/");
    const source = slash < 0 ? id : id.slice(0, slash);
    const name = slash < 0 ? "" : id.slice(slash + 1);
    and.push({ OR: [{ source: { [op]: source } }, { source, name: { [op]: name } }] });
  }
  return and.length ? { ...out, AND: and } : out;
}
