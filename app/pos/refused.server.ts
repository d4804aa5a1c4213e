// The POS screen's refused moves: the sales, refunds and cancellations a point of sale refused for good
// (PosDispatch rows marked "refused" by sales.server.ts), latest first, a page at a time by keyset on
// (refused at, key), with their total. Each names its item, quantity, account and location as the
// mappings know them, and says why in the admin's language (the reason's stored words, ADR 0021).
// Nothing sends a refused move again: the merchant fixes the cause (e.g. maps the item again).
import type { PosDispatch, Prisma } from "@passerelle/prisma-sqlite";
import { db as defaultDb, type Db } from "../db.server";
import { said, sayIn, storedText } from "../i18n/stored-words";
import type { Locale } from "../i18n/locale";
import { pageSize, timeKeysetPage, type Page, type PageRequest } from "../lib/keyset.server";

export interface RefusedMove {
  /** The move's key. */
  id: string;
  /** When the point of sale refused it (ISO 8601). */
  at: string;
  kind: "sale" | "refund" | "cancellation";
  orderName: string;
  /** Units taken from (sale) or given back to (refund, cancellation) the point of sale. */
  quantity: number;
  posItemId: string;
  /** The item's name and SKU in the point of sale, when its mapping is still there. */
  itemName: string | null;
  itemSku: string | null;
  /** The Shopify SKU it is mapped to. */
  variantSku: string | null;
  accountId: string;
  /** null: the account was removed since. */
  accountName: string | null;
  posLocationId: string;
  locationName: string | null;
  status: "refused";
  /** Why, in the admin's language. */
  reason: string;
}

/** Refused moves on a page when the caller does not say. */
const REFUSED_PER_PAGE = 25;

export async function refusedMovesPage(
  shop: string,
  place: PageRequest = {},
  locale: Locale = "en",
  db: Db = defaultDb,
): Promise<Page<RefusedMove>> {
  const where: Prisma.PosDispatchWhereInput = { shop, status: "refused" };
  const page = await timeKeysetPage<PosDispatch & { id: string }>({
    column: "updatedAt",
    order: "desc",
    request: place,
    limit: pageSize(place.limit, REFUSED_PER_PAGE, 200),
    timeOf: (row) => row.updatedAt,
    rows: async ({ position, orderBy, take }) =>
      (
        await db.posDispatch.findMany({
          // A move's key is its id here.
          where: position ? { AND: [where, idAsKey(position) as Prisma.PosDispatchWhereInput] } : where,
          orderBy: idAsKey(orderBy) as Prisma.PosDispatchOrderByWithRelationInput[],
          take,
        })
      ).map((row) => ({ ...row, id: row.key })),
    count: () => db.posDispatch.count({ where }),
  });
  const accountIds = [...new Set(page.items.map((r) => r.accountId))];
  const [accounts, items, locations] = accountIds.length
    ? await Promise.all([
        db.posAccount.findMany({ where: { shop, id: { in: accountIds } }, select: { id: true, name: true } }),
        db.posItemMapping.findMany({
          where: {
            shop,
            accountId: { in: accountIds },
            posItemId: { in: [...new Set(page.items.map((r) => r.posItemId))] },
          },
          select: { accountId: true, posItemId: true, posName: true, posSku: true, variantSku: true },
        }),
        db.posLocationMapping.findMany({
          where: { accountId: { in: accountIds } },
          select: { accountId: true, posLocationId: true, posLocationName: true },
        }),
      ])
    : [[], [], []];
  const accountName = new Map(accounts.map((a) => [a.id, a.name]));
  const item = new Map(items.map((i) => [`${i.accountId}|${i.posItemId}`, i]));
  const location = new Map(locations.map((l) => [`${l.accountId}|${l.posLocationId}`, l.posLocationName]));
  return {
    ...page,
    items: page.items.map((row): RefusedMove => {
      const mapped = item.get(`${row.accountId}|${row.posItemId}`);
      return {
        id: row.key,
        at: row.updatedAt.toISOString(),
        kind: row.kind as RefusedMove["kind"],
        orderName: row.orderName || row.orderId,
        quantity: row.quantity,
        posItemId: row.posItemId,
        itemName: mapped?.posName || null,
        itemSku: mapped?.posSku ?? null,
        variantSku: mapped?.variantSku ?? null,
        accountId: row.accountId,
        accountName: accountName.get(row.accountId) ?? null,
        posLocationId: row.posLocationId,
        locationName: location.get(`${row.accountId}|${row.posLocationId}`) || null,
        status: "refused",
        reason:
          row.reason === null
            ? sayIn(said("words6.pos.refused"), locale)
            : storedText(row.reason, row.reasonWords, locale),
      };
    }),
  };
}

/** The keyset's `id` is the move's key. */
function idAsKey(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(idAsKey);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key === "id" ? "key" : key, idAsKey(v)]));
}
