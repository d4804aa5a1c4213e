// Every SQL statement the connector sends to Fastmag, in one place. Fastmag's schema is not public
// and instances differ, so a shop can override any statement in its settings. An override must
// return the same column aliases as the default (the mapping reads those names, in any case).
// Placeholders are `:name`; values are always written as escaped SQL literals, never pasted raw.

import { formatterFor } from "./mapping.server";

export const FASTMAG_QUERY_DEFAULTS = {
  products: `SELECT p.product_id AS id, p.reference, p.color, p.size, p.designation, p.gencod, p.season, p.family, p.brand, p.price, p.active
FROM products p ORDER BY p.reference, p.color, p.size`,
  productsBySeason: `SELECT p.product_id AS id, p.reference, p.color, p.size, p.designation, p.gencod, p.season, p.family, p.brand, p.price, p.active
FROM products p WHERE p.season = :season ORDER BY p.reference, p.color, p.size`,
  productBySku: `SELECT p.product_id AS id, p.reference, p.color, p.size, p.designation, p.gencod, p.season, p.family, p.brand, p.price, p.active
FROM products p WHERE p.reference = :reference AND p.color = :color AND p.size = :size`,
  productByGencod: `SELECT p.product_id AS id, p.reference, p.color, p.size, p.designation, p.gencod, p.season, p.family, p.brand, p.price, p.active
FROM products p WHERE p.gencod = :gencod`,
  seasons: `SELECT DISTINCT p.season FROM products p WHERE p.season <> '' ORDER BY p.season`,
  // The catalog import (products by season): every active variant of a season with what a Shopify product
  // shows (weight in kilograms, description as text or HTML), and the product and variant counts per season.
  seasonCatalog: `SELECT p.product_id AS id, p.reference, p.color, p.size, p.designation, p.description, p.gencod, p.season, p.family, p.brand, p.price, p.weight, p.active
FROM products p WHERE p.season = :season ORDER BY p.reference, p.color, p.size`,
  seasonCounts: `SELECT p.season, COUNT(DISTINCT p.reference) AS products, COUNT(*) AS variants
FROM products p WHERE p.season <> '' AND p.active = 1 GROUP BY p.season ORDER BY p.season`,

  fullInventory: `SELECT s.reference, s.color, s.size, s.stock_general AS stock_a, s.stock_web AS stock_b, s.last_modified
FROM stocks s ORDER BY s.reference, s.color, s.size`,
  inventoryBySku: `SELECT s.reference, s.color, s.size, s.stock_general AS stock_a, s.stock_web AS stock_b, s.last_modified
FROM stocks s WHERE s.reference = :reference AND s.color = :color AND s.size = :size`,
  // Differential sync: stocks touched by a movement after the last run (Fastmag's last_modified).
  inventoryChangedSince: `SELECT s.reference, s.color, s.size, s.stock_general AS stock_a, s.stock_web AS stock_b, MAX(m.last_modified) AS last_modified
FROM stocks s JOIN stock_movements m ON m.reference = s.reference AND m.color = s.color AND m.size = s.size
WHERE m.last_modified > :since
GROUP BY s.reference, s.color, s.size, s.stock_general, s.stock_web ORDER BY last_modified`,
  // The movements a transfer wrote, found by its reason (an order's transfer carries the order's id):
  // how an order's web → general transfer is sent once across a crash.
  stockMovementsByReason: `SELECT m.movement_id AS id, m.reference, m.color, m.size, m.stock, m.quantity, m.last_modified
FROM stock_movements m WHERE m.reason = :reason ORDER BY m.movement_id`,

  // Regular price from products, and the reduction from prixremisetc that runs on :today (a reduction
  // may target a whole reference, or one color, or one color and size).
  prices: `SELECT p.reference, p.color, p.size, p.price, r.remise AS reduction_percent, r.prix AS reduction_price, r.datedebut, r.datefin
FROM products p LEFT JOIN prixremisetc r ON r.reference = p.reference
  AND (r.color IS NULL OR r.color = '' OR r.color = p.color) AND (r.size IS NULL OR r.size = '' OR r.size = p.size)
  AND r.datedebut <= :today AND r.datefin >= :today
ORDER BY p.reference, p.color, p.size, r.datedebut DESC`,

  orderById: `SELECT o.order_id AS id, o.shopify_order_id, o.shopify_order_name, o.status, st.label AS status_label, o.carrier, o.tracking_number, o.total, o.created_at
FROM orders o LEFT JOIN order_statuses st ON st.status = o.status WHERE o.order_id = :id`,
  ordersByShopifyIds: `SELECT o.order_id AS id, o.shopify_order_id, o.shopify_order_name, o.status, st.label AS status_label, o.carrier, o.tracking_number, o.total, o.created_at
FROM orders o LEFT JOIN order_statuses st ON st.status = o.status WHERE o.shopify_order_id IN (:shopifyIds) ORDER BY o.order_id`,
  allOrders: `SELECT o.order_id AS id, o.shopify_order_id, o.shopify_order_name, o.status, st.label AS status_label, o.carrier, o.tracking_number, o.total, o.created_at
FROM orders o LEFT JOIN order_statuses st ON st.status = o.status ORDER BY o.order_id`,

  customerByEmail: `SELECT c.customer_id AS id, c.email, c.firstname, c.lastname, c.phone, c.address1, c.address2, c.zip, c.city, c.country, c.external_id
FROM customers c WHERE LOWER(c.email) = LOWER(:email)`,

  giftCardById: `SELECT g.card_id AS id, g.activated, g.initial_amount AS initial_value, g.balance, g.currency, g.customer_email, g.expires_on, g.created_at AS sold_at FROM giftcards g WHERE g.card_id = :id`,
  allGiftCards: `SELECT g.card_id AS id, g.activated, g.initial_amount AS initial_value, g.balance, g.currency, g.customer_email, g.expires_on, g.created_at AS sold_at FROM giftcards g ORDER BY g.card_id`,
  // Cards sold at or after :since (the gift-card check's watermark, read again with a margin).
  giftCardsSoldSince: `SELECT g.card_id AS id, g.activated, g.initial_amount AS initial_value, g.balance, g.currency, g.customer_email, g.expires_on, g.created_at AS sold_at FROM giftcards g WHERE g.created_at >= :since ORDER BY g.created_at, g.card_id`,

  pmeByCode: `SELECT w.code, w.kind, w.balance, w.customer_id FROM pme w WHERE w.code = :code`,
  allPmes: `SELECT w.code, w.kind, w.balance, w.customer_id FROM pme w ORDER BY w.code`,
  // kind is MAG (issued in a physical store) or WEB.
  pmesByKind: `SELECT w.code, w.kind, w.balance, w.customer_id FROM pme w WHERE w.kind = :kind ORDER BY w.code`,
  // A customer's wallets (the Customers screen), and every wallet held by a customer with an e-mail (the store-credit mirror).
  pmesByCustomerEmail: `SELECT w.code, w.kind, w.balance, w.customer_id, c.email AS customer_email
FROM pme w JOIN customers c ON c.customer_id = w.customer_id WHERE LOWER(c.email) = LOWER(:email) ORDER BY w.code`,
  customersPmes: `SELECT w.code, w.kind, w.balance, w.customer_id, c.email AS customer_email
FROM pme w JOIN customers c ON c.customer_id = w.customer_id WHERE c.email <> '' ORDER BY c.email, w.code`,

  avoirs: `SELECT a.avoir_id AS id, a.customer_id, c.email AS customer_email, a.amount, a.remaining, a.created_at, a.expires_on
FROM avoirs a LEFT JOIN customers c ON c.customer_id = a.customer_id ORDER BY a.avoir_id`,
  avoirsByCustomerEmail: `SELECT a.avoir_id AS id, a.customer_id, c.email AS customer_email, a.amount, a.remaining, a.created_at, a.expires_on
FROM avoirs a JOIN customers c ON c.customer_id = a.customer_id WHERE LOWER(c.email) = LOWER(:email) ORDER BY a.avoir_id`,
} as const;

export type FastmagQueryName = keyof typeof FASTMAG_QUERY_DEFAULTS;

/** Per-shop replacements, stored in the shop's Fastmag settings. */
export type FastmagQueryOverrides = Partial<Record<FastmagQueryName, string>>;

export type SqlValue = string | number | boolean | Date | null | readonly (string | number)[];

export interface FastmagQueries {
  /** The statement `name` with its placeholders filled. */
  sql(name: FastmagQueryName, params?: Record<string, SqlValue>): string;
}

export function createFastmagQueries(overrides: FastmagQueryOverrides = {}, timeZone = "Europe/Paris"): FastmagQueries {
  for (const name of Object.keys(overrides)) {
    if (!(name in FASTMAG_QUERY_DEFAULTS)) throw new Error(`unknown Fastmag query "${name}" in the shop's overrides`);
  }
  return {
    sql(name, params = {}) {
      const template = overrides[name]?.trim() || FASTMAG_QUERY_DEFAULTS[name];
      return fillPlaceholders(template, params, timeZone);
    },
  };
}

/** Replaces `:name` outside string literals with the escaped value; a missing value is an error. */
export function fillPlaceholders(
  template: string,
  params: Record<string, SqlValue>,
  timeZone = "Europe/Paris",
): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch === "'") {
      const end = literalEnd(template, i);
      out += template.slice(i, end);
      i = end;
    } else if (ch === ":" && /[A-Za-z_]/.test(template[i + 1] ?? "") && template[i - 1] !== ":") {
      const name = /^[A-Za-z_]\w*/.exec(template.slice(i + 1))![0];
      if (!(name in params)) throw new Error(`the Fastmag query needs a value for :${name}`);
      out += sqlLiteral(params[name], timeZone);
      i += name.length + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

function literalEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === "'" && text[i + 1] === "'") i += 2;
    else if (text[i] === "'") return i + 1;
    else i++;
  }
  return text.length;
}

export function sqlLiteral(value: SqlValue, timeZone = "Europe/Paris"): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot send ${value} to Fastmag`);
    return String(value);
  }
  if (value instanceof Date) return quote(fastmagDateTime(value, timeZone));
  if (Array.isArray(value)) {
    // An empty IN () is a syntax error; NULL matches nothing.
    return value.length === 0 ? "NULL" : value.map((v) => sqlLiteral(v, timeZone)).join(", ");
  }
  return quote(String(value));
}

function quote(text: string): string {
  // Standard SQL: a quote is doubled. Control characters have no business in a lookup value.
  // eslint-disable-next-line no-control-regex
  return `'${text.replace(/[\u0000-\u001f]/g, " ").replace(/'/g, "''")}'`;
}

/** `YYYY-MM-DD HH:MM:SS` in the instance's local time, the way Fastmag stores dates. */
export function fastmagDateTime(date: Date, timeZone = "Europe/Paris"): string {
  const parts = formatterFor(timeZone).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:${get("second")}`;
}

/** The instance's local calendar day, `YYYY-MM-DD`. */
export const fastmagDate = (date: Date, timeZone = "Europe/Paris") => fastmagDateTime(date, timeZone).slice(0, 10);
