// ediwebsrv.ips: reads transaction records (lines of `|`-separated fields, the name first), applies
// them to the tables inside one SQLite transaction, and answers `OK`, `OK|<number>` or `KO|<reason>`.
// Layouts follow app/connectors/fastmag/records.server.ts (documented in README.md).
import type Database from "better-sqlite3";
import { localDateTime } from "./schema";

class Refusal extends Error {}
const refuse = (message: string): never => {
  throw new Refusal(message);
};

const unescape = (value: string) => value.replace(/\{CR\}\{LF\}/g, "\r\n").replace(/\{PIPE\}/g, "|");

function fieldsOf(line: string): string[] {
  return line.split("|").map(unescape);
}

function decimal(value: string | undefined, what: string): number {
  const text = (value ?? "").trim().replace(",", ".");
  const n = text === "" ? NaN : Number(text);
  if (!Number.isFinite(n)) refuse(`${what} invalide : "${value ?? ""}"`);
  return n;
}

function quantity(value: string | undefined, what: string): number {
  const n = decimal(value, what);
  if (!Number.isInteger(n) || n <= 0) refuse(`${what} invalide : "${value}"`);
  return n;
}

export function applyTransaction(db: Database.Database, data: string, now: Date): string {
  const lines = data.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (lines.length === 0) return "KO|Aucune donnée";
  try {
    return db.transaction(() => dispatch(db, lines, localDateTime(now)))();
  } catch (error) {
    if (error instanceof Refusal) return `KO|${error.message}`;
    return `KO|Erreur : ${(error as Error).message}`;
  }
}

function dispatch(db: Database.Database, lines: string[], stamp: string): string {
  const name = fieldsOf(lines[0])[0].trim().toUpperCase();
  switch (name) {
    case "CLIENT":
      return lines.length === 1
        ? createCustomer(db, fieldsOf(lines[0]), stamp)
        : refuse("Une seule ligne CLIENT attendue");
    case "ADRESSECLIENT":
      return lines.length === 1
        ? deliveryAddress(db, fieldsOf(lines[0]))
        : refuse("Une seule ligne ADRESSECLIENT attendue");
    case "ENTETE":
      return createSale(db, lines.map(fieldsOf), stamp);
    case "TRANSFER":
      for (const line of lines) transfer(db, fieldsOf(line), stamp);
      return "OK";
    case "VSHOPSTATUS":
      return lines.length === 1
        ? webStatus(db, fieldsOf(lines[0]), stamp)
        : refuse("Une seule ligne VSHOPSTATUS attendue");
    default:
      return refuse(`Transaction inconnue : ${name}`);
  }
}

const customerIdOf = (db: Database.Database, email: string): number | undefined =>
  (
    db.prepare("SELECT customer_id FROM customers WHERE email = ?").get(email.trim()) as
      { customer_id: number } | undefined
  )?.customer_id;

// CLIENT|WEB|email|lastname|firstname|civility|address1|address2|zip|city|country|phone|mobile|birthDay|birthMonth|loyaltyCard|discount|ORIGIN|notes|password|company|externalId
function createCustomer(db: Database.Database, f: string[], stamp: string): string {
  const email = (f[2] ?? "").trim();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) refuse(`Email invalide : "${email}"`);
  if (!(f[3] ?? "").trim()) refuse("Nom du client obligatoire");
  const values = {
    email,
    lastname: f[3],
    firstname: f[4] ?? "",
    civility: f[5] ?? "",
    address1: f[6] ?? "",
    address2: f[7] ?? "",
    zip: f[8] ?? "",
    city: f[9] ?? "",
    country: f[10] ?? "",
    phone: f[11] ?? "",
    mobile: f[12] ?? "",
    origin: f[17] ?? "",
    notes: f[18] ?? "",
    company: f[20] ?? "",
    external_id: f[21] ?? "",
    created_at: stamp,
  };
  const existing = customerIdOf(db, email);
  if (existing !== undefined) {
    // Fastmag updates a known customer rather than duplicating the email.
    db.prepare(
      `UPDATE customers SET lastname = @lastname, firstname = @firstname, address1 = @address1, address2 = @address2, zip = @zip, city = @city,
       country = @country, phone = @phone, company = @company, external_id = @external_id WHERE customer_id = @id`,
    ).run({ ...values, id: existing });
    return `OK|${existing}`;
  }
  const result = db
    .prepare(
      `INSERT INTO customers (email, lastname, firstname, civility, address1, address2, zip, city, country, phone, mobile, origin, notes, company, external_id, created_at)
       VALUES (@email, @lastname, @firstname, @civility, @address1, @address2, @zip, @city, @country, @phone, @mobile, @origin, @notes, @company, @external_id, @created_at)`,
    )
    .run(values);
  return `OK|${result.lastInsertRowid}`;
}

// ADRESSECLIENT|email|addressName|lastname|firstname|company|address1|address2|zip|city|country|phone
function deliveryAddress(db: Database.Database, f: string[]): string {
  const customerId = customerIdOf(db, f[1] ?? "") ?? refuse(`Client inconnu : ${f[1] ?? ""}`);
  const name = (f[2] ?? "").trim() || refuse("Nom de l'adresse obligatoire");
  if (!(f[6] ?? "").trim() || !(f[9] ?? "").trim()) refuse("Adresse incomplète");
  db.prepare(
    `INSERT INTO customer_addresses (customer_id, name, lastname, firstname, company, address1, address2, zip, city, country, phone)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (customer_id, name) DO UPDATE SET lastname = excluded.lastname, firstname = excluded.firstname, company = excluded.company,
       address1 = excluded.address1, address2 = excluded.address2, zip = excluded.zip, city = excluded.city, country = excluded.country, phone = excluded.phone`,
  ).run(
    customerId,
    name,
    f[3] ?? "",
    f[4] ?? "",
    f[5] ?? "",
    f[6],
    f[7] ?? "",
    f[8] ?? "",
    f[9],
    f[10] ?? "",
    f[11] ?? "",
  );
  return "OK";
}

// ENTETE|store|total|quantity|type|seller|email|addressName|status|comment|paymentCode|shopifyOrderId|shopifyOrderName|shippingCost
// LIGNE|reference|size|color|designation|unitPrice|quantity|discount|lineTotal|reason|comment|pme
function createSale(db: Database.Database, records: string[][], stamp: string): string {
  const [h, ...lineRecords] = records;
  if (lineRecords.length === 0) refuse("Commande sans ligne");
  const kind = (h[4] ?? "").trim().toUpperCase();
  if (!["COMMANDE", "VENTE", "RESERVATION"].includes(kind)) refuse(`Type de transaction inconnu : "${h[4] ?? ""}"`);
  const customerId = customerIdOf(db, h[6] ?? "") ?? refuse(`Client inconnu : ${h[6] ?? ""}`);
  const total = decimal(h[2], "Montant total");
  const totalQuantity = quantity(h[3], "Quantité totale");
  const shipping = h[13] ? decimal(h[13], "Frais de port") : 0;
  const find = db.prepare("SELECT designation FROM products WHERE reference = ? AND color = ? AND size = ?");
  let sumQuantity = 0;
  let sumTotal = shipping;
  const lines = lineRecords.map((f, index) => {
    if ((f[0] ?? "").trim().toUpperCase() !== "LIGNE") refuse(`Ligne ${index + 2} : LIGNE attendu, reçu "${f[0]}"`);
    const [reference, size, color] = [f[1] ?? "", f[2] ?? "", f[3] ?? ""];
    if (!find.get(reference, color, size)) refuse(`Article inconnu : ${reference} ${color} ${size}`);
    const line = {
      reference,
      color,
      size,
      designation: f[4] ?? "",
      unitPrice: decimal(f[5], "Prix unitaire"),
      quantity: quantity(f[6], "Quantité"),
      discount: f[7] ? decimal(f[7], "Remise") : 0,
      total: decimal(f[8], "Montant de ligne"),
    };
    sumQuantity += line.quantity;
    sumTotal += line.total;
    return line;
  });
  if (sumQuantity !== totalQuantity)
    refuse(`Quantité totale ${totalQuantity} différente de la somme des lignes ${sumQuantity}`);
  if (Math.abs(sumTotal - total) > 0.011)
    refuse(`Montant total ${total} différent de la somme des lignes ${Math.round(sumTotal * 100) / 100}`);
  const order = db
    .prepare(
      `INSERT INTO orders (customer_id, magasin, kind, status, total, quantity, seller, address_name, comment, payment_code, shopify_order_id, shopify_order_name, shipping_cost, created_at, last_modified)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      customerId,
      h[1] ?? "",
      kind,
      h[8] ? quantity(h[8], "Statut") : 100,
      total,
      totalQuantity,
      h[5] ?? "",
      h[7] ?? "",
      h[9] ?? "",
      h[10] ?? "",
      h[11] || null,
      h[12] || null,
      shipping,
      stamp,
      stamp,
    );
  const orderId = Number(order.lastInsertRowid);
  const insertLine = db.prepare(
    "INSERT INTO order_lines (order_id, reference, color, size, designation, unit_price, quantity, discount, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  for (const l of lines) {
    // An order records what was sold; stock moves with the transfer that follows it (post-transfer-stock).
    insertLine.run(orderId, l.reference, l.color, l.size, l.designation, l.unitPrice, l.quantity, l.discount, l.total);
  }
  return `OK|${orderId}`;
}

function moveStock(
  db: Database.Database,
  reference: string,
  color: string,
  size: string,
  stock: "GENERAL" | "WEB",
  delta: number,
  reason: string,
  stamp: string,
) {
  const column = stock === "GENERAL" ? "stock_general" : "stock_web";
  db.prepare(
    `INSERT INTO stocks (reference, color, size, ${column}, last_modified) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (reference, color, size) DO UPDATE SET ${column} = ${column} + excluded.${column}, last_modified = excluded.last_modified`,
  ).run(reference, color, size, delta, stamp);
  db.prepare(
    "INSERT INTO stock_movements (reference, color, size, stock, quantity, reason, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?)",
  ).run(reference, color, size, stock, delta, reason, stamp);
}

// TRANSFER|reference|color|size|quantity|fromStock|toStock|reason
function transfer(db: Database.Database, f: string[], stamp: string): void {
  if ((f[0] ?? "").trim().toUpperCase() !== "TRANSFER") refuse(`TRANSFER attendu, reçu "${f[0]}"`);
  const [reference, color, size] = [f[1] ?? "", f[2] ?? "", f[3] ?? ""];
  const qty = quantity(f[4], "Quantité");
  const from = (f[5] ?? "").trim().toUpperCase();
  const to = (f[6] ?? "").trim().toUpperCase();
  if (!["GENERAL", "WEB"].includes(from) || !["GENERAL", "WEB"].includes(to) || from === to)
    refuse(`Stocks de transfert invalides : ${from} vers ${to}`);
  const row = db
    .prepare("SELECT stock_general, stock_web FROM stocks WHERE reference = ? AND color = ? AND size = ?")
    .get(reference, color, size) as { stock_general: number; stock_web: number } | undefined;
  if (!row) refuse(`Article inconnu : ${reference} ${color} ${size}`);
  const available = from === "GENERAL" ? row!.stock_general : row!.stock_web;
  if (available < qty) refuse(`Stock ${from} insuffisant pour ${reference} ${color} ${size} : ${available} < ${qty}`);
  moveStock(db, reference, color, size, from as "GENERAL" | "WEB", -qty, f[7] ?? "Transfert", stamp);
  moveStock(db, reference, color, size, to as "GENERAL" | "WEB", qty, f[7] ?? "Transfert", stamp);
}

// VSHOPSTATUS|orderId|status|carrier|trackingNumber
function webStatus(db: Database.Database, f: string[], stamp: string): string {
  const orderId = Number(f[1]);
  const status = quantity(f[2], "Statut");
  if (!db.prepare("SELECT 1 FROM order_statuses WHERE status = ?").get(status)) refuse(`Statut inconnu : ${status}`);
  const result = db
    .prepare(
      "UPDATE orders SET status = ?, carrier = COALESCE(NULLIF(?, ''), carrier), tracking_number = COALESCE(NULLIF(?, ''), tracking_number), last_modified = ? WHERE order_id = ?",
    )
    .run(status, f[3] ?? "", f[4] ?? "", stamp, Number.isInteger(orderId) ? orderId : -1);
  if (result.changes === 0) refuse(`Commande inconnue : ${f[1] ?? ""}`);
  return "OK";
}
