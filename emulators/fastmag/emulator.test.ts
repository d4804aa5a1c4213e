// The emulator's own logic, in process: transactions against a fresh database, fault counters,
// dataset generation. The connector's contract with it is in tests/integration/fastmag-*.test.ts.
import Database from "better-sqlite3";
import { beforeEach, describe, expect, it } from "vitest";
import { FaultInjector } from "../_kit/index";
import { distortRow, FaultState, httpFaultRules } from "./faults";
import { startFastmagEmulator } from "./index";
import { createSchema } from "./schema";
import { DEMO_SEASONS, ean13, generateCatalog, seedDemo } from "./seed";
import { applyTransaction } from "./transactions";

const NOW = new Date("2024-06-15T08:00:00Z");
let db: Database.Database;
beforeEach(() => {
  db = new Database(":memory:");
  createSchema(db);
  seedDemo(db, NOW, 50);
});

const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

describe("transactions", () => {
  it("creates a customer, then updates it instead of duplicating the email", () => {
    const first = applyTransaction(db, "CLIENT|WEB|zoe@example.fr|Cœur|Zoé|MADAME|1 rue{PIPE}bis|||Paris|FR", NOW);
    expect(first).toMatch(/^OK\|\d+$/);
    expect(applyTransaction(db, "CLIENT|WEB|ZOE@example.fr|Cœur|Zoé", NOW)).toBe(first);
    expect(db.prepare("SELECT address1 FROM customers WHERE email = 'zoe@example.fr'").get()).toEqual({ address1: "" });
    expect(applyTransaction(db, "CLIENT|WEB|not-an-email|X", NOW)).toBe('KO|Email invalide : "not-an-email"');
  });

  it("creates an order with its lines, leaving stock to the transfer that follows, and rolls back everything on a bad line", () => {
    const before = db.prepare("SELECT stock_web FROM stocks WHERE reference = 'BOXE20BEWARE'").get() as {
      stock_web: number;
    };
    const ok = applyTransaction(
      db,
      [
        "ENTETE|WEB|50|2|COMMANDE|WEB|helene.lefevre@example.fr|LIVRAISON||Merci{CR}{LF}!|CB|gid://shopify/Order/9|#9|0",
        "LIGNE|BOXE20BEWARE|S|MARINE/GRIS CHINE|Boxer|25|2|0|50|||",
      ].join("\r\n"),
      NOW,
    );
    expect(ok).toMatch(/^OK\|\d+$/);
    const order = db
      .prepare("SELECT shopify_order_id, comment, status FROM orders WHERE order_id = ?")
      .get(ok.slice(3));
    expect(order).toEqual({ shopify_order_id: "gid://shopify/Order/9", comment: "Merci\r\n!", status: 100 });
    expect(db.prepare("SELECT stock_web FROM stocks WHERE reference = 'BOXE20BEWARE'").get()).toEqual({
      stock_web: before.stock_web,
    });

    const orders = count("SELECT COUNT(*) AS n FROM orders");
    const ko = applyTransaction(
      db,
      [
        "ENTETE|WEB|50|2|COMMANDE|WEB|helene.lefevre@example.fr||||CB|x|#x|0",
        "LIGNE|BOXE20BEWARE|S|MARINE/GRIS CHINE|B|25|1|0|25|||",
        "LIGNE|NOPE|S|X|B|25|1|0|25|||",
      ].join("\n"),
      NOW,
    );
    expect(ko).toBe("KO|Article inconnu : NOPE X S");
    expect(count("SELECT COUNT(*) AS n FROM orders")).toBe(orders);
  });

  it("refuses unknown customers, totals that do not add up and unknown transactions", () => {
    expect(
      applyTransaction(
        db,
        "ENTETE|WEB|25|1|COMMANDE|WEB|nobody@example.fr||||CB|||0\nLIGNE|BOXE20BEWARE|S|MARINE/GRIS CHINE|B|25|1|0|25|||",
        NOW,
      ),
    ).toBe("KO|Client inconnu : nobody@example.fr");
    expect(
      applyTransaction(
        db,
        "ENTETE|WEB|99|1|COMMANDE|WEB|helene.lefevre@example.fr||||CB|||0\nLIGNE|BOXE20BEWARE|S|MARINE/GRIS CHINE|B|25|1|0|25|||",
        NOW,
      ),
    ).toMatch(/^KO\|Montant total 99/);
    expect(applyTransaction(db, "FROBNICATE|1", NOW)).toBe("KO|Transaction inconnue : FROBNICATE");
    expect(applyTransaction(db, "", NOW)).toBe("KO|Aucune donnée");
  });

  it("transfers between the general and web stocks with movements, refusing more than available", () => {
    expect(applyTransaction(db, "TRANSFER|BOXE20BEWARE|MARINE/GRIS CHINE|S|5|GENERAL|WEB|test", NOW)).toBe("OK");
    expect(db.prepare("SELECT stock_general, stock_web FROM stocks WHERE reference = 'BOXE20BEWARE'").get()).toEqual({
      stock_general: 7,
      stock_web: 8,
    });
    expect(applyTransaction(db, "TRANSFER|BOXE20BEWARE|MARINE/GRIS CHINE|S|500|GENERAL|WEB|test", NOW)).toMatch(
      /^KO\|Stock GENERAL insuffisant/,
    );
  });

  it("sets the web status and tracking of a known order only", () => {
    expect(applyTransaction(db, "VSHOPSTATUS|1|300|COLISSIMO|6A999", NOW)).toBe("OK");
    expect(db.prepare("SELECT status, carrier, tracking_number FROM orders WHERE order_id = 1").get()).toEqual({
      status: 300,
      carrier: "COLISSIMO",
      tracking_number: "6A999",
    });
    expect(applyTransaction(db, "VSHOPSTATUS|999|300", NOW)).toBe("KO|Commande inconnue : 999");
    expect(applyTransaction(db, "VSHOPSTATUS|1|123", NOW)).toBe("KO|Statut inconnu : 123");
  });
});

describe("delivery addresses", () => {
  it("are kept per (customer, name): a new name adds an address, the same name rewrites it", () => {
    const address = (name: string, city: string) =>
      applyTransaction(db, `ADRESSECLIENT|helene.lefevre@example.fr|${name}|Lefèvre|Hélène||1 rue|||${city}|FR|`, NOW);
    expect(address("SHOPIFY-1", "Lyon")).toBe("OK");
    expect(address("SHOPIFY-2", "Lille")).toBe("OK");
    expect(address("SHOPIFY-2", "Nantes")).toBe("OK");
    expect(db.prepare("SELECT name, city FROM customer_addresses ORDER BY name").all()).toEqual([
      { name: "SHOPIFY-1", city: "Lyon" },
      { name: "SHOPIFY-2", city: "Nantes" },
    ]);
  });
});

describe("held calls (crash tests)", () => {
  const credentials = { enseigne: "E", magasin: "M", compte: "C", motpasse: "P" };
  const post = (url: string, data: string, signal?: AbortSignal) =>
    fetch(new URL("ediwebsrv.ips", url), {
      method: "POST",
      body: new URLSearchParams({ ...credentials, data }),
      signal,
    });
  const client = "CLIENT|WEB|held@example.fr|Held";

  it("'before': a client gone before the release never reaches the tables; 'after': the work is done", async () => {
    const emulator = await startFastmagEmulator({ credentials });
    try {
      const customers = () => emulator.db.prepare("SELECT COUNT(*) AS n FROM customers").get();
      const before = emulator.hold({ page: "ediwebsrv.ips", contains: "held@", apply: "before" });
      const aborted = new AbortController();
      const dropped = post(emulator.url, client, aborted.signal).catch(() => "aborted");
      await before.reached;
      aborted.abort();
      await before.clientGone;
      before.release();
      expect(await dropped).toBe("aborted");
      await expect.poll(() => emulator.calls.at(-1)?.outcome).toBe("dropped");
      expect(customers()).toEqual({ n: 0 });

      const after = emulator.hold({ page: "ediwebsrv.ips", contains: "held@", apply: "after" });
      const answer = post(emulator.url, client);
      await after.reached;
      expect(customers()).toEqual({ n: 1 });
      after.release();
      expect(await (await answer).text()).toMatch(/^OK\|\d+$/);
    } finally {
      await emulator.close();
    }
  });
});

describe("faults", () => {
  it("consumes the next-n counters in order: timeout, 5xx (kit rules), then KO (Fastmag's own)", () => {
    const config = { timeoutNext: 1, http5xxNext: 2, koNext: 1, koMessage: "boom" };
    const rules = new FaultInjector();
    rules.add(httpFaultRules(config));
    const faults = new FaultState();
    faults.set(config);
    const fate = () => {
      const { outcome } = rules.decide("POST", "/ediquery.ips");
      return outcome.kind === "none" ? faults.next().kind : outcome.kind;
    };
    expect([1, 2, 3, 4, 5].map(fate)).toEqual(["hang", "status", "status", "ko", "none"]);
  });

  it("draws the same KO sequence for the same rate", () => {
    const a = new FaultState();
    const b = new FaultState();
    a.set({ koRate: 0.3 });
    b.set({ koRate: 0.3 });
    const seq = (s: FaultState) => Array.from({ length: 50 }, () => s.next().kind).join();
    const first = seq(a);
    expect(seq(b)).toBe(first);
    expect(first).toContain("ko");
    expect(first).toContain("none");
  });

  it("distorts every nth row, alternating a missing field and a non-number", () => {
    expect(distortRow(["R", "12", "3"], 1, 2)).toEqual(["R", "12", "3"]);
    expect(distortRow(["R", "12", "3"], 2, 2)).toEqual(["R", "12"]);
    expect(distortRow(["R", "12", "3"], 4, 2)).toEqual(["R", "abc", "abc"]);
  });
});

describe("datasets", () => {
  it("spreads the demo catalog over several seasons with valid, unique barcodes", () => {
    expect(count("SELECT COUNT(DISTINCT season) AS n FROM products")).toBe(DEMO_SEASONS.length);
    expect(count("SELECT COUNT(*) AS n FROM products")).toBe(51);
    expect(count("SELECT COUNT(*) AS n FROM stocks")).toBe(51);
    expect(ean13(1)).toBe("2000000000015");
  });

  it("generates exactly the number of variants asked, deterministically", () => {
    const a = new Database(":memory:");
    const b = new Database(":memory:");
    createSchema(a);
    createSchema(b);
    expect(generateCatalog(a, 1234, NOW).variants).toBe(1234);
    generateCatalog(b, 1234, NOW);
    const dump = (d: Database.Database) =>
      JSON.stringify(d.prepare("SELECT * FROM products ORDER BY product_id").all());
    expect(dump(a)).toBe(dump(b));
  });
});
