// The emulator's own Fastmag-like tables (Fastmag's real schema is not public). Names follow the
// module we rebuild: products, prixremisetc (datedebut/datefin), stock movements with
// last_modified, orders with statuses (300/305 = shipped), gift cards, PME, avoirs.
import type Database from "better-sqlite3";

export const SCHEMA = `
CREATE TABLE products (
  product_id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL, designation TEXT NOT NULL, color TEXT NOT NULL DEFAULT '', size TEXT NOT NULL DEFAULT '',
  gencod TEXT UNIQUE, season TEXT NOT NULL DEFAULT '', family TEXT NOT NULL DEFAULT '', brand TEXT NOT NULL DEFAULT '',
  price REAL NOT NULL, purchase_price REAL, active INTEGER NOT NULL DEFAULT 1, last_modified TEXT NOT NULL,
  weight REAL, description TEXT NOT NULL DEFAULT '',
  UNIQUE (reference, color, size)
);
CREATE INDEX products_season ON products (season);
-- Two stocks per variant: the general (store/warehouse) stock and the stock reserved for the web.
CREATE TABLE stocks (
  reference TEXT NOT NULL, color TEXT NOT NULL, size TEXT NOT NULL,
  stock_general INTEGER NOT NULL DEFAULT 0, stock_web INTEGER NOT NULL DEFAULT 0, last_modified TEXT NOT NULL,
  PRIMARY KEY (reference, color, size)
);
CREATE TABLE stock_movements (
  movement_id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL, color TEXT NOT NULL, size TEXT NOT NULL,
  stock TEXT NOT NULL CHECK (stock IN ('GENERAL', 'WEB')), quantity INTEGER NOT NULL, reason TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL
);
CREATE INDEX stock_movements_modified ON stock_movements (last_modified);
CREATE TABLE prixremisetc (
  remise_id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL, color TEXT, size TEXT,
  remise REAL, prix REAL, datedebut TEXT NOT NULL, datefin TEXT NOT NULL
);
CREATE INDEX prixremisetc_reference ON prixremisetc (reference);
CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE, lastname TEXT NOT NULL DEFAULT '', firstname TEXT NOT NULL DEFAULT '', civility TEXT NOT NULL DEFAULT '',
  address1 TEXT NOT NULL DEFAULT '', address2 TEXT NOT NULL DEFAULT '', zip TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '', mobile TEXT NOT NULL DEFAULT '', company TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', external_id TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL
);
CREATE TABLE customer_addresses (
  address_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (customer_id), name TEXT NOT NULL,
  lastname TEXT NOT NULL DEFAULT '', firstname TEXT NOT NULL DEFAULT '', company TEXT NOT NULL DEFAULT '', address1 TEXT NOT NULL DEFAULT '',
  address2 TEXT NOT NULL DEFAULT '', zip TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '', country TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '', UNIQUE (customer_id, name)
);
CREATE TABLE order_statuses (status INTEGER PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE orders (
  order_id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (customer_id), magasin TEXT NOT NULL,
  kind TEXT NOT NULL, status INTEGER NOT NULL DEFAULT 100, total REAL NOT NULL, quantity INTEGER NOT NULL,
  seller TEXT NOT NULL DEFAULT '', address_name TEXT NOT NULL DEFAULT '', comment TEXT NOT NULL DEFAULT '', payment_code TEXT NOT NULL DEFAULT '',
  shopify_order_id TEXT, shopify_order_name TEXT, shipping_cost REAL NOT NULL DEFAULT 0,
  carrier TEXT, tracking_number TEXT, created_at TEXT NOT NULL, last_modified TEXT NOT NULL
);
CREATE INDEX orders_shopify ON orders (shopify_order_id);
CREATE TABLE order_lines (
  line_id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders (order_id),
  reference TEXT NOT NULL, color TEXT NOT NULL, size TEXT NOT NULL, designation TEXT NOT NULL,
  unit_price REAL NOT NULL, quantity INTEGER NOT NULL, discount REAL NOT NULL DEFAULT 0, total REAL NOT NULL
);
CREATE TABLE giftcards (
  card_id TEXT PRIMARY KEY, activated INTEGER NOT NULL DEFAULT 0, initial_amount REAL NOT NULL, balance REAL NOT NULL,
  currency TEXT NOT NULL DEFAULT 'EUR', customer_email TEXT, created_at TEXT NOT NULL, expires_on TEXT
);
CREATE TABLE pme (
  code TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('MAG', 'WEB')), customer_id INTEGER, balance REAL NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE avoirs (
  avoir_id INTEGER PRIMARY KEY, customer_id INTEGER, amount REAL NOT NULL, remaining REAL NOT NULL, store TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL, expires_on TEXT
);
CREATE TABLE photos (gencod TEXT NOT NULL, color TEXT NOT NULL DEFAULT '', numero INTEGER NOT NULL, content_type TEXT NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (gencod, color, numero));
`;

export const ORDER_STATUSES: [number, string][] = [
  [100, "Nouvelle commande"],
  [200, "En préparation"],
  [250, "Préparée"],
  [300, "Expédiée"],
  [305, "Expédiée partiellement"],
  [400, "Livrée"],
  [900, "Annulée"],
  [910, "Remboursée"],
];

export function createSchema(db: Database.Database): void {
  db.exec(SCHEMA);
  const insert = db.prepare("INSERT INTO order_statuses (status, label) VALUES (?, ?)");
  for (const [status, label] of ORDER_STATUSES) insert.run(status, label);
}

/** `YYYY-MM-DD HH:MM:SS` in Paris time, the way the emulated instance stores dates. */
export function localDateTime(date: Date, timeZone = "Europe/Paris"): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:${get("second")}`;
}
