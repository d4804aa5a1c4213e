// Tuyo's own sales: recorded with their code and items (the seed has no route to read orders, so the
// merchant or an integration hands them over), and their progress in Shopify reported back —
// accepted → "Empaque", fulfilled → "Ruta", cancelled → "Cancelada" — with PATCH update_order/{sku} for an
// order of unique products (one unit, no variants) and PATCH change_order/{code} for an order with
// variants. Each change is sent once (TuyoOrder.reportedStatus) and never backwards.
import type { OrderProgress, OrderStatusDestination } from "../../capabilities/order-status-destination";
import type { Db } from "../../db.server";
import { defineWords } from "../../i18n/define";
import type { Locale } from "../../i18n/locale";
import { said } from "../../i18n/stored-words";
import { TransientError, ValidationError } from "../../lib/errors";
import type { TuyoClient } from "./client.server";
import { readVariants } from "./listings.server";

export const TUYO_STATUS: Record<OrderProgress, "Empaque" | "Ruta" | "Cancelada"> = {
  accepted: "Empaque",
  fulfilled: "Ruta",
  cancelled: "Cancelada",
};
const RANK = { Pendiente: 0, Empaque: 1, Ruta: 2, Cancelada: 3 } as const;

const WORDS = defineWords({
  en: {
    code: "The Tuyo order code (letters, digits, - and _).",
    items: "At least one item { sku, quantity }.",
    shopifyOrderId: "A Shopify order gid (gid://shopify/Order/…).",
    sku: (sku: string) => `"${sku}" is not a SKU listed on Tuyo.`,
    quantity: "A whole number ≥ 1.",
    notRecorded: "This Tuyo order cannot be recorded.",
    alreadyRecorded: "This Tuyo order is already recorded.",
    exists: (code: string) => `${code} exists`,
  },
  fr: {
    code: "Le code de la commande Tuyo (lettres, chiffres, - et _).",
    items: "Au moins un article { sku, quantity }.",
    shopifyOrderId: "Un gid de commande Shopify (gid://shopify/Order/…).",
    sku: (sku: string) => `« ${sku} » n'est pas un SKU publié sur Tuyo.`,
    quantity: "Un nombre entier ≥ 1.",
    notRecorded: "Cette commande Tuyo ne peut pas être enregistrée.",
    alreadyRecorded: "Cette commande Tuyo est déjà enregistrée.",
    exists: (code: string) => `${code} existe déjà`,
  },
});

export interface TuyoSaleInput {
  code: string;
  items: { sku: string; quantity: number }[];
  shopifyOrderId?: string | null;
}

/** Checks a sale against what is listed and stores it; the kind decides the route of its progress. */
export async function recordTuyoSale(db: Db, shop: string, raw: Record<string, unknown>, locale: Locale = "en") {
  const words = WORDS[locale];
  const fieldErrors: Record<string, string> = {};
  const code = typeof raw.code === "string" ? raw.code.trim() : "";
  if (!/^[\w-]{1,40}$/.test(code)) fieldErrors.code = words.code;
  const items = Array.isArray(raw.items) ? raw.items : [];
  if (!items.length) fieldErrors.items = words.items;
  const shopifyOrderId = raw.shopifyOrderId == null ? null : String(raw.shopifyOrderId);
  if (shopifyOrderId && !/^gid:\/\/shopify\/Order\/\d+$/.test(shopifyOrderId))
    fieldErrors.shopifyOrderId = words.shopifyOrderId;
  const listings = await db.tuyoListing.findMany({ where: { shop, tuyoSku: { not: null } } });
  const bySku = new Map<string, { unique: boolean }>();
  for (const l of listings)
    for (const v of readVariants(l.variantsJson)) bySku.set(v.sku, { unique: v.values === "Unico" });
  const lines = items.map((item: unknown, i) => {
    const it = (item ?? {}) as Record<string, unknown>;
    const sku = typeof it.sku === "string" ? it.sku : "";
    const quantity = it.quantity === undefined ? 1 : Number(it.quantity);
    if (!bySku.has(sku)) fieldErrors[`items[${i}].sku`] = words.sku(sku);
    if (!Number.isInteger(quantity) || quantity < 1) fieldErrors[`items[${i}].quantity`] = words.quantity;
    return { sku, quantity };
  });
  if (Object.keys(fieldErrors).length) throw new ValidationError(words.notRecorded, fieldErrors);
  const kind = lines.every((l) => bySku.get(l.sku)!.unique) ? "unique" : "variants";
  const existing = await db.tuyoOrder.findUnique({ where: { shop_code: { shop, code } } });
  if (existing?.shopifyOrderId) throw new ValidationError(words.alreadyRecorded, { code: words.exists(code) });
  // Recorded before but never reached Shopify (refused, or stopped halfway): taken again as sent now.
  const data = { kind, skusJson: JSON.stringify(lines), shopifyOrderId };
  const row = existing
    ? await db.tuyoOrder.update({ where: { id: existing.id }, data })
    : await db.tuyoOrder.create({ data: { shop, code, ...data } });
  return { code: row.code, kind, items: lines, shopifyOrderId };
}

export async function linkTuyoSale(db: Db, shop: string, code: string, shopifyOrderId: string) {
  await db.tuyoOrder.update({ where: { shop_code: { shop, code } }, data: { shopifyOrderId } });
}

// Longer than a Tuyo call can take (its timeout, and one retry with a fresh timestamp): a claim older
// than this was left by a process that died before Tuyo answered.
const SENDING_LEASE_MS = 5 * 60_000;

export function tuyoOrderStatusDestination(deps: {
  db: Db;
  shop: string;
  client: TuyoClient;
  clock?: { now(): Date };
}): OrderStatusDestination {
  const { db, shop, client } = deps;
  const clock = deps.clock ?? { now: () => new Date() };
  return {
    async reportProgress(shopifyOrderId, progress) {
      const status = TUYO_STATUS[progress];
      for (;;) {
        const order = await db.tuyoOrder.findFirst({ where: { shop, shopifyOrderId } });
        if (!order) return { sent: false };
        const current = (order.reportedStatus ?? "Pendiente") as keyof typeof RANK;
        // Once per change, forward only ("Cancelada" ends it).
        if (RANK[status] <= RANK[current]) return { sent: false };
        const now = clock.now();
        const stale = new Date(now.getTime() - SENDING_LEASE_MS);
        // Claimed before sending: two webhooks telling the same change at once (orders/fulfilled and
        // fulfillments/create) send it once; the one that loses the claim looks again. A claim left by a
        // process killed before Tuyo answered is taken over once stale, so the change is not lost.
        const claimed = await db.tuyoOrder.updateMany({
          where: {
            id: order.id,
            reportedStatus: order.reportedStatus,
            OR: [{ sendingStatus: null }, { sendingSince: { lt: stale } }],
          },
          data: { sendingStatus: status, sendingSince: now },
        });
        if (claimed.count === 0) {
          const live = await db.tuyoOrder.findUnique({ where: { id: order.id } });
          if (live?.reportedStatus !== order.reportedStatus) continue;
          // Another process is telling Tuyo this change (or a later one): it reports it.
          if (live.sendingStatus && RANK[live.sendingStatus as keyof typeof RANK] >= RANK[status])
            return { sent: false };
          // An earlier change is on its way: this one follows it, on the webhook's retry.
          throw new TransientError(said("words7.tuyo.earlierProgressFirst", { status }));
        }
        const mine = { id: order.id, sendingStatus: status, sendingSince: now };
        try {
          if (order.kind === "unique") {
            const skus = [...new Set((JSON.parse(order.skusJson) as { sku: string }[]).map((l) => l.sku))];
            for (const sku of skus) await client.patch(`/api/update_order/${encodeURIComponent(sku)}`, { status });
          } else await client.patch(`/api/change_order/${encodeURIComponent(order.code)}`, { status });
        } catch (error) {
          // Not told: handed back, so the next attempt (the webhook's retry) sends it.
          await db.tuyoOrder.updateMany({ where: mine, data: { sendingStatus: null, sendingSince: null } });
          throw error;
        }
        await db.tuyoOrder.updateMany({
          where: mine,
          data: { reportedStatus: status, sendingStatus: null, sendingSince: null },
        });
        return { sent: true };
      }
    },
  };
}
