// Datasets for the emulator: a demo shop (several seasons, a few thousand variants, customers,
// orders, gift cards, PME, avoirs) and a generator for large catalogs (benchmarks). Deterministic:
// the same size gives the same rows. Everything is written inside one SQLite transaction.
import type Database from "better-sqlite3";
import { localDateTime } from "./schema";

const FAMILIES: { family: string; names: string[]; sizes: string[]; price: [number, number] }[] = [
  {
    family: "VESTES",
    names: ["Veste légère", "Blouson cœur", "Parka à capuche", "Veste en velours côtelé"],
    sizes: ["XS", "S", "M", "L", "XL"],
    price: [89, 249],
  },
  {
    family: "CHEMISES",
    names: ["Chemise à carreaux", "Chemise lin lavé", "Surchemise façonnée"],
    sizes: ["S", "M", "L", "XL"],
    price: [49, 119],
  },
  {
    family: "MAILLES",
    names: ["Pull côtelé", "Cardigan mérinos", "Sweat œuvre d'art"],
    sizes: ["XS", "S", "M", "L", "XL"],
    price: [59, 149],
  },
  {
    family: "BAS",
    names: ["Pantalon droit", "Jean brut", "Caleçon de bain"],
    sizes: ["36", "38", "40", "42", "44"],
    price: [39, 129],
  },
  {
    family: "ACCESSOIRES",
    names: ["Écharpe laine", "Bonnet tricoté", "Ceinture cuir"],
    sizes: ["TU"],
    price: [19, 69],
  },
];
const COLORS = ["MARINE", "NOIR", "ÉCRU", "BORDEAUX", "VERT FORÊT", "MARINE/GRIS CHINE", "BLANC CASSÉ", "CAMEL"];
const BRANDS = ["BEWARE", "MAISON ÉTÉ", "GARÇON"];
export const DEMO_SEASONS = ["E23", "H23", "E24", "H24"];

/** A small deterministic PRNG (mulberry32): same seed, same catalog. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** EAN-13 with a valid check digit, from a running number. */
export function ean13(n: number): string {
  const body = `200${String(n).padStart(9, "0")}`;
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return body + ((10 - (sum % 10)) % 10);
}

export interface CatalogFigures {
  variants: number;
  references: number;
}

/** Inserts `variants` product variants with their two stocks, spread over seasons. */
export function generateCatalog(
  db: Database.Database,
  variants: number,
  now: Date,
  seasons = DEMO_SEASONS,
): CatalogFigures {
  const rand = random(variants);
  const stamp = localDateTime(now);
  const product = db.prepare(
    `INSERT INTO products (reference, designation, color, size, gencod, season, family, brand, price, purchase_price, active, last_modified, weight, description)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  const stock = db.prepare(
    "INSERT INTO stocks (reference, color, size, stock_general, stock_web, last_modified) VALUES (?, ?, ?, ?, ?, ?)",
  );
  let made = 0;
  let references = 0;
  db.transaction(() => {
    while (made < variants) {
      const kind = FAMILIES[references % FAMILIES.length];
      const name = kind.names[Math.floor(rand() * kind.names.length)];
      const brand = BRANDS[references % BRANDS.length];
      const season = seasons[references % seasons.length];
      const reference = `${kind.family.slice(0, 3)}${season}${String(references).padStart(5, "0")}`;
      const price = Math.round(kind.price[0] + rand() * (kind.price[1] - kind.price[0])) - 0.01;
      const colorCount = 1 + Math.floor(rand() * 3);
      for (let c = 0; c < colorCount && made < variants; c++) {
        const color = COLORS[(references + c * 3) % COLORS.length];
        for (const size of kind.sizes) {
          if (made >= variants) break;
          made++;
          product.run(
            reference,
            `${name} ${brand.toLowerCase()}`,
            color,
            size,
            ean13(made),
            season,
            kind.family,
            brand,
            price,
            Math.round(price * 40) / 100,
            stamp,
            // Weight in kilograms (Fastmag's unit); one family in five has no description.
            kind.sizes.length === 1 ? 0.15 : 0.45,
            kind.family === "BAS" ? "" : `${name}, ${kind.family.toLowerCase()} de la marque ${brand}.`,
          );
          stock.run(reference, color, size, Math.floor(rand() * 20), Math.floor(rand() * 6), stamp);
        }
      }
      references++;
    }
  })();
  return { variants: made, references };
}

/**
 * A catalog of exactly `variants` variants (benchmarks, tests): the generated ones plus the named
 * records of seedShopRecords, whose boxer is one variant of the count.
 */
export function seedCatalog(db: Database.Database, variants: number, now: Date): CatalogFigures {
  const figures = generateCatalog(db, Math.max(0, variants - 1), now);
  seedShopRecords(db, now);
  return { variants: figures.variants + 1, references: figures.references + 1 };
}

const PIXEL_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** The demo shop: a few thousand variants plus the records the seed's routes read. */
export function seedDemo(db: Database.Database, now: Date, variants = 3000): CatalogFigures {
  const figures = generateCatalog(db, variants, now);
  seedShopRecords(db, now);
  return { variants: figures.variants + 1, references: figures.references + 1 };
}

/** Named records tests and the demo refer to (see README.md). */
export function seedShopRecords(db: Database.Database, now: Date): void {
  const stamp = localDateTime(now);
  const day = (offset: number) => localDateTime(new Date(now.getTime() + offset * 86_400_000)).slice(0, 10);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO products (reference, designation, color, size, gencod, season, family, brand, price, active, last_modified)
       VALUES ('BOXE20BEWARE', 'Boxer coton peigné façon œillet', 'MARINE/GRIS CHINE', 'S', '3700000000017', 'E24', 'SOUS-VETEMENTS', 'BEWARE', 25, 1, ?)`,
    ).run(stamp);
    db.prepare("INSERT INTO stocks VALUES ('BOXE20BEWARE', 'MARINE/GRIS CHINE', 'S', 12, 3, ?)").run(stamp);
    db.prepare(
      "INSERT INTO stock_movements (reference, color, size, stock, quantity, reason, last_modified) VALUES ('BOXE20BEWARE', 'MARINE/GRIS CHINE', 'S', 'GENERAL', 12, 'Réception', ?)",
    ).run(stamp);
    db.prepare(
      "INSERT INTO prixremisetc (reference, color, size, remise, prix, datedebut, datefin) VALUES ('BOXE20BEWARE', NULL, NULL, 20, NULL, ?, ?)",
    ).run(day(-3), day(10));
    db.prepare("INSERT INTO photos VALUES ('3700000000017', 'MARINE/GRIS CHINE', 1, 'image/png', ?)").run(PIXEL_PNG);

    const customer = db.prepare(
      `INSERT INTO customers (email, lastname, firstname, civility, address1, zip, city, country, phone, origin, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'FR', ?, 'MAGASIN', ?)`,
    );
    customer.run(
      "helene.lefevre@example.fr",
      "Lefèvre",
      "Hélène",
      "MADAME",
      "12 rue de la Paix",
      "75002",
      "Paris",
      "0102030405",
      stamp,
    );
    customer.run(
      "francois.garcon@example.fr",
      "Garçon",
      "François",
      "MONSIEUR",
      "3 quai des Célestins",
      "69002",
      "Lyon",
      "0607080910",
      stamp,
    );

    const order = db.prepare(
      `INSERT INTO orders (customer_id, magasin, kind, status, total, quantity, payment_code, shopify_order_id, shopify_order_name, carrier, tracking_number, created_at, last_modified)
       VALUES (1, 'WEB', 'COMMANDE', ?, ?, 1, 'CB', ?, ?, ?, ?, ?, ?)`,
    );
    order.run(100, 25, "gid://shopify/Order/1001", "#1001", null, null, stamp, stamp);
    order.run(300, 49.9, "gid://shopify/Order/1002", "#1002", "COLISSIMO", "6A12345678901", stamp, stamp);
    order.run(305, 74.5, "gid://shopify/Order/1003", "#1003", "CHRONOPOST", "XY123456789FR", stamp, stamp);

    const card = db.prepare(
      "INSERT INTO giftcards (card_id, activated, initial_amount, balance, created_at, expires_on, customer_email) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    card.run("CADEAU-0001", 1, 50, 50, stamp, day(365), "helene.lefevre@example.fr");
    card.run("CADEAU-0002", 1, 100, 35.5, stamp, day(300), null);
    card.run("CADEAU-0003", 0, 30, 30, stamp, null, null);

    const pme = db.prepare("INSERT INTO pme (code, kind, customer_id, balance, created_at) VALUES (?, ?, ?, ?, ?)");
    pme.run("PME-MAG-001", "MAG", 1, 15, stamp);
    pme.run("PME-MAG-002", "MAG", 2, 0, stamp);
    pme.run("PME-WEB-001", "WEB", 1, 42.5, stamp);

    const avoir = db.prepare(
      "INSERT INTO avoirs (customer_id, amount, remaining, store, created_at, expires_on) VALUES (?, ?, ?, ?, ?, ?)",
    );
    avoir.run(1, 60, 60, "PARIS", day(-20), day(345));
    avoir.run(2, 30, 12.5, "LYON", day(-50), day(315));
  })();
}
