// Use-cases behind the Unmatched screen (/app/unmatched) and its JSON API (/api/unmatched): the SKUs a
// full stock run found on one side only, paged by SKU with their totals, and the merchant's decisions
// (ignore, link a source SKU to a Shopify variant, undo).
import { providerFor } from "../../connectors/registry.server";
import { db } from "../../db.server";
import { defineWords } from "../../i18n/define";
import type { Locale } from "../../i18n/locale";
import { NotFoundError, ValidationError } from "../../lib/errors";
import type { UnmatchedSide } from "./decisions.server";

import { UNMATCHED_VIEWS, type UnmatchedView } from "./views";

export { UNMATCHED_VIEWS, type UnmatchedView } from "./views";

export interface UnmatchedQuery {
  view?: string | null;
  q?: string | null;
  after?: string | null;
  /** The first SKU of the page after the one wanted (the previous page). */
  before?: string | null;
  limit?: string | number | null;
}

export const unmatchedParams = (search: URLSearchParams): UnmatchedQuery => ({
  view: search.get("view"),
  q: search.get("q"),
  after: search.get("after"),
  before: search.get("before"),
  limit: search.get("limit"),
});

// What the screen says when a search or a decision cannot be done (the JSON API keeps the English).
const WORDS = defineWords({
  en: {
    theSource: "the stock source",
    unknownView: (view: string, views: string) => `Unknown view "${view}": use one of ${views}.`,
    limit: "limit must be a whole number from 1 to 250.",
    side: 'side must be "source" or "shopify".',
    whichSku: "Say which SKU.",
    chooseVariant: "Choose the Shopify variant's SKU.",
    notWaiting: (sku: string, source: string) =>
      `No Shopify variant with SKU ${sku} is waiting for a match: choose one from the list of SKUs Shopify has and ${source} does not.`,
    nothingDecided: (sku: string) => `Nothing was decided for ${sku}.`,
    unknownAction: "Unknown action: use ignore, link or undo.",
  },
  fr: {
    theSource: "la source du stock",
    unknownView: (view: string, views: string) => `Vue « ${view} » inconnue : utilisez ${views}.`,
    limit: "La limite doit être un nombre entier de 1 à 250.",
    side: "Le côté doit être « source » ou « shopify ».",
    whichSku: "Indiquez le SKU.",
    chooseVariant: "Choisissez le SKU de la variante Shopify.",
    notWaiting: (sku: string, source: string) =>
      `Aucune variante Shopify de SKU ${sku} n'attend de correspondance : choisissez-en une dans la liste des SKU que Shopify a et que ${source} n'a pas.`,
    nothingDecided: (sku: string) => `Aucune décision n'a été prise pour ${sku}.`,
    unknownAction: "Action inconnue : utilisez ignore, link ou undo.",
  },
});

async function sourceNameOf(shop: string, locale: Locale): Promise<string> {
  try {
    return (await providerFor({ shop, db, timeoutMs: 10_000 }, "stock-source")).name;
  } catch {
    return WORDS[locale].theSource;
  }
}

const VIEW_WHERE: Record<UnmatchedView, object> = {
  source: { side: "source", decision: null },
  shopify: { side: "shopify", decision: null },
  ignored: { decision: "ignored" },
  linked: { side: "source", decision: "linked" },
};

export async function unmatchedScreen(shop: string, query: UnmatchedQuery = {}, locale: Locale = "en") {
  const t = WORDS[locale];
  const view = (query.view ?? "source") as UnmatchedView;
  if (!UNMATCHED_VIEWS.includes(view))
    throw new ValidationError(t.unknownView(view, UNMATCHED_VIEWS.join(", ")), { view: "unknown" });
  const limit = query.limit === null || query.limit === undefined || query.limit === "" ? 50 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 250) throw new ValidationError(t.limit, { limit: "1 to 250" });
  const q = query.q?.trim();
  const where = { shop, ...VIEW_WHERE[view], ...(q ? { sku: { contains: q } } : {}) };
  // Keyset on the SKU: the page after the `after` SKU, or the one before the `before` SKU.
  const backwards = Boolean(query.before);
  const cursor = backwards ? { lt: query.before! } : query.after ? { gt: query.after } : null;
  const position = cursor ? { sku: { ...cursor, ...(q ? { contains: q } : {}) } } : {};
  const read = backwards ? ("desc" as const) : ("asc" as const);
  const [found, total, totals, sourceName, lastRun] = await Promise.all([
    db.unmatchedSku.findMany({
      where: { ...where, ...position },
      orderBy: [{ sku: read }, { side: read }],
      take: limit + 1,
    }),
    db.unmatchedSku.count({ where }),
    Promise.all(UNMATCHED_VIEWS.map((v) => db.unmatchedSku.count({ where: { shop, ...VIEW_WHERE[v] } }))),
    sourceNameOf(shop, locale),
    db.unmatchedSku.findFirst({ where: { shop }, orderBy: { lastSeenAt: "desc" }, select: { lastSeenAt: true } }),
  ]);
  const more = found.length > limit;
  const rows = found.slice(0, limit);
  if (backwards) rows.reverse();
  const items = rows.map((r) => ({
    side: r.side as UnmatchedSide,
    sku: r.sku,
    decision: r.decision,
    linkedSku: r.linkedSku,
    lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
  }));
  return {
    view,
    q: q ?? "",
    items,
    total,
    totals: Object.fromEntries(UNMATCHED_VIEWS.map((v, i) => [v, totals[i]!])) as Record<UnmatchedView, number>,
    next: (backwards ? items.length > 0 : more) ? (items[items.length - 1]?.sku ?? null) : null,
    previous: (backwards ? more : Boolean(query.after) && items.length > 0) ? (items[0]?.sku ?? null) : null,
    sourceName,
    lastSeenAt: lastRun?.lastSeenAt?.toISOString() ?? null,
  };
}

/** Shopify SKUs a source SKU may be linked to: those Shopify has and the source does not (searched). */
export async function linkCandidates(shop: string, q: string, take = 20) {
  const rows = await db.unmatchedSku.findMany({
    where: { shop, side: "shopify", decision: null, ...(q.trim() ? { sku: { contains: q.trim() } } : {}) },
    orderBy: { sku: "asc" },
    take,
    select: { sku: true },
  });
  return rows.map((r) => r.sku);
}

export type UnmatchedDecision =
  | { intent: "ignore"; side: string; sku: string }
  | { intent: "link"; sku: string; shopifySku: string }
  | { intent: "undo"; side: string; sku: string };

const sideOf = (side: string, locale: Locale): UnmatchedSide => {
  if (side !== "source" && side !== "shopify")
    throw new ValidationError(WORDS[locale].side, { side: "source or shopify" });
  return side;
};

export async function decideUnmatched(
  shop: string,
  decision: UnmatchedDecision,
  now = new Date(),
  locale: Locale = "en",
) {
  const t = WORDS[locale];
  const sku = decision.sku?.trim();
  if (!sku) throw new ValidationError(t.whichSku, { sku: "required" });
  if (decision.intent === "ignore") {
    const side = sideOf(decision.side, locale);
    await db.unmatchedSku.upsert({
      where: { shop_side_sku: { shop, side, sku } },
      create: { shop, side, sku, decision: "ignored", decidedAt: now },
      update: { decision: "ignored", linkedSku: null, decidedAt: now },
    });
    return { sku, side, decision: "ignored" as const };
  }
  if (decision.intent === "link") {
    const shopifySku = decision.shopifySku?.trim();
    if (!shopifySku) throw new ValidationError(t.chooseVariant, { shopifySku: "required" });
    const candidate = await db.unmatchedSku.findUnique({
      where: { shop_side_sku: { shop, side: "shopify", sku: shopifySku } },
    });
    if (!candidate || candidate.decision === "linked")
      throw new ValidationError(t.notWaiting(shopifySku, await sourceNameOf(shop, locale)), {
        shopifySku: "not an unmatched Shopify SKU",
      });
    await db.$transaction([
      db.unmatchedSku.upsert({
        where: { shop_side_sku: { shop, side: "source", sku } },
        create: { shop, side: "source", sku, decision: "linked", linkedSku: shopifySku, decidedAt: now },
        update: { decision: "linked", linkedSku: shopifySku, decidedAt: now },
      }),
      db.unmatchedSku.update({
        where: { shop_side_sku: { shop, side: "shopify", sku: shopifySku } },
        data: { decision: "linked", linkedSku: sku, decidedAt: now },
      }),
    ]);
    return { sku, side: "source" as const, decision: "linked" as const, linkedSku: shopifySku };
  }
  if (decision.intent === "undo") {
    const side = sideOf(decision.side, locale);
    const row = await db.unmatchedSku.findUnique({ where: { shop_side_sku: { shop, side, sku } } });
    if (!row?.decision) throw new NotFoundError(t.nothingDecided(sku));
    const undone = { decision: null, linkedSku: null, decidedAt: null };
    await db.unmatchedSku.update({ where: { shop_side_sku: { shop, side, sku } }, data: undone });
    if (row.decision === "linked" && row.linkedSku)
      await db.unmatchedSku.updateMany({
        where: { shop, side: side === "source" ? "shopify" : "source", sku: row.linkedSku },
        data: undone,
      });
    return { sku, side, decision: null };
  }
  throw new ValidationError(t.unknownAction, { intent: "unknown" });
}
