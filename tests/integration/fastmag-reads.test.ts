// Contract: every read service of the Fastmag connector against the emulator over real HTTP.
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { priceOn } from "~/domain/catalog";
import { webStock } from "~/connectors/fastmag/stock";
import { fastmagDate, fastmagDateTime } from "~/connectors/fastmag/queries.server";
import { CREDENTIALS, startFastmag } from "./fastmag-harness";

let ctx: Awaited<ReturnType<typeof startFastmag>>;
beforeAll(async () => {
  ctx = await startFastmag();
});
afterAll(() => ctx.emulator.close());

const count = (sql: string) => (ctx.emulator.db.prepare(sql).get() as { n: number }).n;

describe("catalog", () => {
  it("reads the whole catalog as typed products", async () => {
    const { items, skipped } = await ctx.fastmag.catalog.products();
    expect(skipped).toEqual([]);
    expect(items).toHaveLength(count("SELECT COUNT(*) AS n FROM products"));
    expect(items.length).toBeGreaterThan(2000);
    const row = ctx.emulator.db.prepare("SELECT * FROM products WHERE product_id = 10").get() as Record<
      string,
      string | number
    >;
    expect(items.find((p) => p.externalId === "10")).toEqual({
      sku: `${row.reference}|${row.color}|${row.size}`,
      reference: row.reference,
      color: row.color,
      size: row.size,
      externalId: "10",
      title: row.designation,
      barcode: row.gencod,
      season: row.season,
      family: row.family,
      brand: row.brand,
      price: row.price,
      active: true,
    });
  });

  it("reads products of one season, the seasons, and finds variants by SKU and barcode", async () => {
    expect(await ctx.fastmag.catalog.seasons()).toEqual(["E23", "E24", "H23", "H24"]);
    const h23 = await ctx.fastmag.catalog.productsBySeason("H23");
    expect(h23.items.length).toBe(count("SELECT COUNT(*) AS n FROM products WHERE season = 'H23'"));
    expect(new Set(h23.items.map((p) => p.season))).toEqual(new Set(["H23"]));
    const boxer = await ctx.fastmag.catalog.productBySku("BOXE20BEWARE|MARINE/GRIS CHINE|S");
    expect(boxer).toMatchObject({ title: "Boxer coton peigné façon œillet", barcode: "3700000000017", price: 25 });
    expect(await ctx.fastmag.catalog.productByBarcode("3700000000017")).toEqual(boxer);
    expect(await ctx.fastmag.catalog.productBySku("NOPE|X|Y")).toBeNull();
  });

  it("reads windows-1252 answers with é è ç œ right", async () => {
    ctx.emulator.db
      .prepare("UPDATE products SET designation = ? WHERE product_id = 20")
      .run("Crème brûlée — façon œuvre d'été, è");
    const raw = await fetch(new URL("ediquery.ips", ctx.emulator.url), {
      method: "POST",
      body: new URLSearchParams({ ...CREDENTIALS, data: "SELECT designation FROM products WHERE product_id = 20" }),
    });
    expect(raw.headers.get("content-type")).toBe("text/plain; charset=windows-1252");
    const bytes = Buffer.from(await raw.arrayBuffer());
    expect(bytes.equals(iconv.encode("designation\r\nCrème brûlée — façon œuvre d'été, è\r\n", "windows-1252"))).toBe(
      true,
    );
    const product = (await ctx.fastmag.catalog.products()).items.find((p) => p.externalId === "20");
    expect(product?.title).toBe("Crème brûlée — façon œuvre d'été, è");
  });

  it("fetches a product image by barcode and color, and null when there is none", async () => {
    const photo = await ctx.fastmag.client.photo({ barcode: "3700000000017", color: "MARINE/GRIS CHINE", index: 1 });
    expect(photo?.contentType).toBe("image/png");
    expect(Buffer.from(photo!.bytes).subarray(1, 4).toString()).toBe("PNG");
    expect(await ctx.fastmag.client.photo({ barcode: "3700000000017", color: "NOIR" })).toBeNull();
  });
});

describe("inventory", () => {
  it("reads both stocks of every variant, and of one SKU", async () => {
    const { items, skipped } = await ctx.fastmag.inventory.fullInventory();
    expect(skipped).toEqual([]);
    expect(items).toHaveLength(count("SELECT COUNT(*) AS n FROM stocks"));
    const boxer = await ctx.fastmag.inventory.stockOf("BOXE20BEWARE|MARINE/GRIS CHINE|S");
    expect(boxer).toMatchObject({ sku: "BOXE20BEWARE|MARINE/GRIS CHINE|S", stockA: 12, stockB: 3 });
    expect(webStock(boxer!, { a: 1, b: 1, safetyMargin: 2 })).toBe(13);
  });

  it("reads only stocks moved after a moment, with Fastmag's local time read back as the instant", async () => {
    const since = new Date(Date.now() + 60_000);
    const later = new Date(since.getTime() + 5_000);
    ctx.emulator.db
      .prepare(
        "INSERT INTO stock_movements (reference, color, size, stock, quantity, reason, last_modified) VALUES ('BOXE20BEWARE', 'MARINE/GRIS CHINE', 'S', 'WEB', 1, 'test', ?)",
      )
      .run(fastmagDateTime(later));
    const changed = await ctx.fastmag.inventory.changedSince(since);
    expect(changed.items.map((i) => i.sku)).toEqual(["BOXE20BEWARE|MARINE/GRIS CHINE|S"]);
    expect(changed.items[0].updatedAt?.getTime()).toBe(Math.floor(later.getTime() / 1000) * 1000);
    expect((await ctx.fastmag.inventory.changedSince(new Date(later.getTime() + 1000))).items).toEqual([]);
  });
});

describe("prices", () => {
  it("reads regular prices and the reduction running today from prixremisetc", async () => {
    const { items, skipped } = await ctx.fastmag.prices.prices();
    expect(skipped).toEqual([]);
    expect(items).toHaveLength(count("SELECT COUNT(*) AS n FROM products"));
    const boxer = items.find((p) => p.sku === "BOXE20BEWARE|MARINE/GRIS CHINE|S")!;
    expect(boxer.reduction).toMatchObject({ percent: 20 });
    expect(priceOn(boxer, fastmagDate(new Date()))).toEqual({ price: 20, compareAtPrice: 25 });
  });

  it("ignores reductions that are over, and reads fixed-price reductions on one color", async () => {
    const target = ctx.emulator.db
      .prepare("SELECT reference, color, size, price FROM products WHERE product_id = 30")
      .get() as { reference: string; color: string; size: string; price: number };
    const insert = ctx.emulator.db.prepare(
      "INSERT INTO prixremisetc (reference, color, size, remise, prix, datedebut, datefin) VALUES (?, ?, NULL, ?, ?, ?, ?)",
    );
    insert.run(target.reference, target.color, 50, null, "2020-01-01", "2020-01-31");
    insert.run(
      target.reference,
      target.color,
      null,
      9.99,
      fastmagDate(new Date(Date.now() - 86_400_000)),
      fastmagDate(new Date(Date.now() + 86_400_000)),
    );
    const price = (await ctx.fastmag.prices.prices()).items.find(
      (p) => p.sku === `${target.reference}|${target.color}|${target.size}`,
    );
    expect(price?.reduction).toMatchObject({ price: 9.99 });
    expect(price?.price).toBe(target.price);
  });
});

describe("orders, customers, gift cards, PME, avoirs", () => {
  it("reads orders with statuses, shipped flag, carrier and tracking number", async () => {
    const all = await ctx.fastmag.orders.allOrders();
    expect(all.items.length).toBe(count("SELECT COUNT(*) AS n FROM orders"));
    expect(await ctx.fastmag.orders.orderById("1")).toMatchObject({
      id: "1",
      status: 100,
      statusLabel: "Nouvelle commande",
      shipped: false,
    });
    const shipped = await ctx.fastmag.orders.ordersByShopifyIds([
      "gid://shopify/Order/1002",
      "gid://shopify/Order/1003",
      "gid://shopify/Order/404",
    ]);
    expect(shipped.items.map((o) => [o.shopifyOrderName, o.status, o.shipped, o.carrier, o.trackingNumber])).toEqual([
      ["#1002", 300, true, "COLISSIMO", "6A12345678901"],
      ["#1003", 305, true, "CHRONOPOST", "XY123456789FR"],
    ]);
    expect(await ctx.fastmag.orders.orderByShopifyId("gid://shopify/Order/404")).toBeNull();
    expect(await ctx.fastmag.orders.orderById("999")).toBeNull();
  });

  it("finds an order entered in Fastmag by someone else (the emulator's control API) by its Shopify id", async () => {
    const response = await fetch(`${ctx.emulator.url}_emulator/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        shopifyOrderId: "gid://shopify/Order/5550001",
        shopifyOrderName: "#5550001",
        status: 300,
        carrier: "TNT",
        trackingNumber: "GE555",
        total: 12.5,
      }),
    });
    expect(response.status).toBe(200);
    const { orderId } = (await response.json()) as { orderId: string };
    const found = await ctx.fastmag.orders.ordersByShopifyIds([
      "gid://shopify/Order/5550001",
      "gid://shopify/Order/404",
    ]);
    expect(found.items).toEqual([
      expect.objectContaining({
        id: orderId,
        shopifyOrderName: "#5550001",
        status: 300,
        statusLabel: expect.any(String),
        shipped: true,
        carrier: "TNT",
        trackingNumber: "GE555",
      }),
    ]);
    const refused = await fetch(`${ctx.emulator.url}_emulator/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ shopifyOrderId: "gid://shopify/Order/5550002", status: 123 }),
    });
    expect(refused.status).toBe(400);
  });

  it("finds a customer by email whatever the case", async () => {
    expect(await ctx.fastmag.customers.customerByEmail("Helene.Lefevre@example.fr")).toMatchObject({
      firstName: "Hélène",
      lastName: "Lefèvre",
      address: { city: "Paris" },
    });
    expect(await ctx.fastmag.customers.customerByEmail("o'nobody@example.fr")).toBeNull();
  });

  it("reads gift cards, activated or not, with their balance", async () => {
    expect(await ctx.fastmag.giftCards.giftCard("CADEAU-0002")).toMatchObject({
      id: "CADEAU-0002",
      activated: true,
      balance: 35.5,
      currency: "EUR",
    });
    expect(await ctx.fastmag.giftCards.giftCard("CADEAU-0003")).toMatchObject({ activated: false, balance: 30 });
    expect(await ctx.fastmag.giftCards.giftCard("NOPE")).toBeNull();
    expect((await ctx.fastmag.giftCards.giftCards()).items.map((g) => g.id)).toEqual([
      "CADEAU-0001",
      "CADEAU-0002",
      "CADEAU-0003",
    ]);
  });

  it("reads PME e-wallets, all or by store/web, and a balance", async () => {
    expect((await ctx.fastmag.pme.pmes()).items).toHaveLength(3);
    expect((await ctx.fastmag.pme.pmes("store")).items.map((p) => p.code)).toEqual(["PME-MAG-001", "PME-MAG-002"]);
    expect((await ctx.fastmag.pme.pmes("web")).items).toEqual([
      { code: "PME-WEB-001", kind: "web", balance: 42.5, customerId: "1" },
    ]);
    expect(await ctx.fastmag.pme.balance("PME-MAG-001")).toBe(15);
    expect(await ctx.fastmag.pme.balance("NOPE")).toBeNull();
  });

  it("reads avoirs, all or of one customer", async () => {
    const all = await ctx.fastmag.avoirs.avoirs();
    expect(all.items.map((a) => [a.customerEmail, a.amount, a.remaining])).toEqual([
      ["helene.lefevre@example.fr", 60, 60],
      ["francois.garcon@example.fr", 30, 12.5],
    ]);
    expect((await ctx.fastmag.avoirs.avoirsOf("francois.garcon@example.fr")).items).toHaveLength(1);
  });

  it("uses a shop's SQL override instead of the default statement", async () => {
    const other = await startFastmag(
      { seed: { variants: 20 } },
      { overrides: { seasons: "SELECT 'SOLDES' AS season UNION SELECT 'PERMANENT'" } },
    );
    try {
      expect(await other.fastmag.catalog.seasons()).toEqual(["PERMANENT", "SOLDES"]);
    } finally {
      await other.emulator.close();
    }
  });
});
