// Hiboutik as a shop POS account, built as the POS foundation builds it (hiboutikPos.create with an
// account context), against the Hiboutik emulator over HTTP and the test database: stores, items with
// sizes and barcodes, counts read page by page, sales made once per key (retries, a crash after Hiboutik
// answered, a sale left open), refunds, and the daily quota shared in the database, slowing reads down
// and keeping a reserve so a sale still goes through at the limit.
import { randomBytes } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PosAccountContext, PosCount, PosItem } from "~/capabilities/point-of-sale";
import { createHiboutikPos, hiboutikPos } from "~/connectors/hiboutik/index.server";
import { DailyQuota } from "~/connectors/hiboutik/quota.server";
import { testPosAccountForm } from "~/pos/accounts.server";
import { db } from "~/db.server";
import { sayIn, textOf } from "~/i18n/stored-words";
import { merchantMessageOf, TransientError } from "~/lib/errors";
import { startHiboutikEmulator, type HiboutikEmulator, type HiboutikSeed } from "../../emulators/hiboutik/index";
import { uniqueShop } from "../support/shops";

const USER = { email: "caisse@boutique.test", apiKey: "hb-key-1" };

// Two stores, each selling from its own warehouse; 7 products (one in 3 sizes), 2 rows a page.
const SEED: HiboutikSeed = {
  stores: [
    { id: 1, name: "Boutique Nantes" },
    { id: 2, name: "Boutique Rennes" },
  ],
  warehouses: [
    { id: 10, name: "Réserve Nantes", storeId: 1 },
    { id: 20, name: "Réserve Rennes", storeId: 2 },
  ],
  products: [
    {
      id: 1,
      model: "T-shirt",
      refExt: "TSH",
      sizes: [
        { id: 1, name: "S", barcode: "3700000000011" },
        { id: 2, name: "M", barcode: "3700000000012" },
        { id: 3, name: "L", barcode: "3700000000013" },
      ],
      stock: [
        { warehouseId: 10, sizeId: 1, quantity: 5 },
        { warehouseId: 10, sizeId: 2, quantity: 3 },
        { warehouseId: 20, sizeId: 3, quantity: 8 },
      ],
    },
    ...Array.from({ length: 6 }, (_, i) => ({
      id: 2 + i,
      model: `Mug ${i}`,
      barcode: `37000000001${i}`,
      stock: [
        { warehouseId: 10, quantity: 10 + i },
        { warehouseId: 20, quantity: 20 + i },
      ],
    })),
  ],
};

let hiboutik: HiboutikEmulator;

beforeAll(async () => {
  hiboutik = await startHiboutikEmulator({ account: "boutique", users: [USER], seed: SEED, pageSize: 2 });
});
afterAll(async () => hiboutik?.close());
beforeEach(() => hiboutik.reset());

function account(overrides: { settings?: Record<string, unknown>; apiKey?: string; accountId?: string } = {}) {
  const ctx: PosAccountContext = {
    db,
    shop: uniqueShop("hib"),
    accountId: overrides.accountId ?? `hib-${randomBytes(5).toString("hex")}`,
    settings: {
      accountName: "boutique",
      email: USER.email,
      maximumRequests: 10_000,
      apiUrl: hiboutik.url,
      ...overrides.settings,
    },
    secrets: { apiKey: overrides.apiKey ?? USER.apiKey },
    saveSecrets: async () => {},
    timeoutMs: 5_000,
  };
  return ctx;
}

async function allCounts(pos: ReturnType<typeof hiboutikPos.create>, locationIds?: string[]) {
  const counts: PosCount[] = [];
  const result = await pos.counts((count) => counts.push(count), locationIds);
  return { counts, skipped: result.skipped };
}

const stockOf = (productId: number, warehouseId: number, sizeId = 0) =>
  hiboutik
    .state()
    .stock.find(
      (line: { productId: number; warehouseId: number; sizeId: number }) =>
        line.productId === productId && line.warehouseId === warehouseId && line.sizeId === sizeId,
    )?.quantity;

const salesWithRef = (ref: string) => hiboutik.state().sales.filter((sale: { extRef: string }) => sale.extRef === ref);

describe("Hiboutik POS account", () => {
  it("is declared as the POS foundation expects: id, name, settings schema, secret names, factory", () => {
    expect(hiboutikPos).toMatchObject({ id: "hiboutik", name: "Hiboutik", secrets: ["apiKey"] });
    const parsed = hiboutikPos.settings.parse({ accountName: "boutique", email: "a@b.test" });
    expect(parsed).toMatchObject({ maximumRequests: 10_000, currencyCode: "EUR" });
    expect(hiboutikPos.settings.safeParse({ accountName: "bou tique", email: "x" }).success).toBe(false);
  });

  it("tests the connection in plain words, and says when the e-mail or key is refused", async () => {
    const connected = await hiboutikPos.create(account()).test();
    expect(connected.ok).toBe(true);
    expect(textOf(connected.message)).toBe("Connected: 2 stores, 9,998 of 10,000 requests left today.");
    expect(sayIn(connected.message, "fr")).toBe(
      "Connecté : 2 boutiques, 9\u202f998 requêtes sur 10\u202f000 restantes aujourd'hui.",
    );
    const refused = await hiboutikPos.create(account({ apiKey: "wrong" })).test();
    expect(refused.ok).toBe(false);
    // With its words: the account's screen says it in the admin's language.
    expect(textOf(refused.message)).toBe(
      "Hiboutik refused the e-mail and API key (HTTP 401 (access denied)). Check them in the account's settings.",
    );
    const error = await hiboutikPos
      .create(account({ apiKey: "wrong" }))
      .locations()
      .catch((e: unknown) => e);
    expect(sayIn(merchantMessageOf(error)!, "fr")).toBe(
      "Hiboutik a refusé l'e-mail et la clé d'API (HTTP 401 (accès refusé)). Vérifiez-les dans les réglages du compte.",
    );
  });

  it("answers a French admin's connection test in French, the reason too; the account keeps the English", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const input = {
      system: "hiboutik",
      name: "Nantes",
      settings: { accountName: "boutique", email: USER.email, apiUrl: `http://127.0.0.1:${port}` },
      secrets: { apiKey: USER.apiKey },
    };
    const fr = await testPosAccountForm(uniqueShop("hibfr"), input, undefined, db, "fr");
    expect(fr).toMatchObject({ ok: false, locations: [] });
    expect(fr.message).toBe(`Hiboutik est injoignable : la connexion à 127.0.0.1:${port} a été refusée`);
    const en = await testPosAccountForm(uniqueShop("hiben"), input, undefined, db);
    expect(en.message).toBe(`Hiboutik could not be reached: the connection to 127.0.0.1:${port} was refused`);
  });

  it("lists stores as locations and every product or size as an item with its barcode, page after page", async () => {
    const pos = hiboutikPos.create(account());
    expect(await pos.locations()).toEqual([
      { id: "1", name: "Boutique Nantes" },
      { id: "2", name: "Boutique Rennes" },
    ]);
    const items: PosItem[] = [];
    expect(await pos.items((item) => items.push(item))).toEqual({ skipped: [] });
    expect(items).toHaveLength(9);
    expect(items.slice(0, 4)).toEqual([
      { posItemId: "1/1", name: "T-shirt – S", sku: "TSH", barcode: "3700000000011" },
      { posItemId: "1/2", name: "T-shirt – M", sku: "TSH", barcode: "3700000000012" },
      { posItemId: "1/3", name: "T-shirt – L", sku: "TSH", barcode: "3700000000013" },
      { posItemId: "2", name: "Mug 0", sku: undefined, barcode: "370000000010" },
    ]);
    // 7 products at 2 a page: 4 pages.
    expect(hiboutik.calls().filter((call) => call.path.startsWith("/api/products")).length).toBe(4);
  });

  it("reads each store's stock_available from its warehouse, every page, for the locations asked", async () => {
    const pos = hiboutikPos.create(account());
    const { counts, skipped } = await allCounts(pos);
    expect(skipped).toEqual([]);
    // Nantes: sizes S and M and 6 mugs; Rennes: size L and 6 mugs.
    expect(counts).toHaveLength(8 + 7);
    expect(counts).toContainEqual({ posItemId: "1/1", posLocationId: "1", quantity: 5 });
    expect(counts).toContainEqual({ posItemId: "1/3", posLocationId: "2", quantity: 8 });
    expect(counts).toContainEqual({ posItemId: "7", posLocationId: "2", quantity: 25 });
    expect(hiboutik.calls().filter((call) => call.path === "/api/stock_available/warehouse_id/10").length).toBe(4);

    const rennes = await allCounts(pos, ["2"]);
    expect(new Set(rennes.counts.map((count) => count.posLocationId))).toEqual(new Set(["2"]));
    expect(rennes.counts).toHaveLength(7);
    expect(hiboutik.calls().filter((call) => call.path === "/api/stock_available/warehouse_id/10").length).toBe(4);
  });

  it("sells once per key: a second call with the same key (the first answer lost) makes no second sale", async () => {
    const pos = hiboutikPos.create(account());
    const move = { posItemId: "1/1", posLocationId: "1", quantity: 2, key: "o1042-l1-sale", reference: "#1042" };
    expect(await pos.applyMoves([move])).toEqual([{ key: move.key, ok: true }]);
    expect(stockOf(1, 10, 1)).toBe(3);
    // The dispatch crashed before recording Hiboutik's answer: it sends the same key again.
    expect(await pos.applyMoves([move])).toEqual([{ key: move.key, ok: true }]);
    expect(stockOf(1, 10, 1)).toBe(3);
    const sales = salesWithRef(move.key);
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({ storeId: 1, currency: "EUR", lines: [{ productId: 1, sizeId: 1, quantity: 2 }] });
    expect(sales[0].closedAt).not.toBeNull();
  });

  it("finishes a sale left open by a call that timed out, without withdrawing the stock again", async () => {
    hiboutik.faults.add({ route: "POST /api/sales/close*", kind: "hang", count: 1 });
    const pos = hiboutikPos.create({ ...account(), timeoutMs: 400 });
    const move = { posItemId: "3", posLocationId: "2", quantity: 1, key: "o1043-l1-sale", reference: "#1043" };
    const first = await pos.applyMoves([move]).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(TransientError);
    expect((first as Error).message).toBe("Hiboutik could not be reached: no answer within 0.4 s");
    // Said again in French, the reason too (a run stores the words: ADR 0021).
    expect(sayIn(merchantMessageOf(first)!, "fr")).toBe("Hiboutik est injoignable : pas de réponse en 0,4 s");
    expect(stockOf(3, 20)).toBe(20);

    expect(await pos.applyMoves([move])).toEqual([{ key: move.key, ok: true }]);
    expect(stockOf(3, 20)).toBe(20);
    expect(salesWithRef(move.key)).toHaveLength(1);
    expect(salesWithRef(move.key)[0].closedAt).not.toBeNull();
  });

  it("does not withdraw twice when the app stopped after Hiboutik added the line (sale still open)", async () => {
    // What a process that died right after Hiboutik answered add_product leaves behind: an open sale
    // carrying the key, its line added and the stock already withdrawn.
    const move = { posItemId: "1/2", posLocationId: "1", quantity: 2, key: "o1045-l1-sale", reference: "#1045" };
    const auth = `Basic ${Buffer.from(`${USER.email}:${USER.apiKey}`).toString("base64")}`;
    const post = async (path: string, body: Record<string, unknown>) => {
      const response = await fetch(`${hiboutik.url}/api/${path}`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { sale_id: number };
    };
    const { sale_id } = await post("sales/", { store_id: 1, currency_code: "EUR", sale_ext_ref: move.key });
    await post("sales/add_product/", { sale_id, product_id: 1, size_id: 2, quantity: 2, stock_withdrawal: 1 });
    expect(stockOf(1, 10, 2)).toBe(1);

    const pos = hiboutikPos.create(account());
    expect(await pos.applyMoves([move])).toEqual([{ key: move.key, ok: true }]);
    expect(stockOf(1, 10, 2)).toBe(1);
    const sales = salesWithRef(move.key);
    expect(sales).toHaveLength(1);
    expect(sales[0].lines).toHaveLength(1);
    expect(sales[0].closedAt).not.toBeNull();
  });

  it("puts stock back for a refund (a negative move), and refuses an unknown item in plain words", async () => {
    const pos = hiboutikPos.create(account());
    const results = await pos.applyMoves([
      { posItemId: "1/2", posLocationId: "1", quantity: -2, key: "o1042-l2-refund", reference: "#1042" },
      { posItemId: "99", posLocationId: "1", quantity: 1, key: "o1042-l3-sale", reference: "#1042" },
    ]);
    expect(results.map((r) => ({ ...r, ...(r.reason ? { reason: textOf(r.reason) } : {}) }))).toEqual([
      { key: "o1042-l2-refund", ok: true },
      { key: "o1042-l3-sale", ok: false, reason: "Hiboutik has no product 99: map the item again." },
    ]);
    // Stored with its words (PosDispatch.reasonWords): a French admin reads it in French.
    expect(sayIn(results[1]!.reason!, "fr")).toBe("Hiboutik n'a pas de produit 99 : associez de nouveau l'article.");
    expect(stockOf(1, 10, 2)).toBe(5);
  });

  it("counts the daily quota in the database for every process, slows reads from 80%, stops them before the sales reserve, and still sells at the limit", async () => {
    // 60 a day: reads may use 54, the last 6 are kept for sales; from 48 on, reads slow down.
    const ctx = account({ settings: { maximumRequests: 60 } });
    const pos = createHiboutikPos(ctx, { slowDownMs: 5 });
    // Another process of the app (same account) has already made 48 requests today.
    const other = createHiboutikPos({ ...ctx }, { slowDownMs: 5 });
    await db.posQuota.create({ data: { accountId: ctx.accountId, shop: ctx.shop, day: today(), used: 47 } });
    expect(await other.usage!()).toMatchObject({ used: 47, limit: 60 });
    expect((await other.usage!())!.note).toBeUndefined();

    // Reading every count takes 1 + 4 + 4 requests: the reads stop at 54 (after the warehouses and 6 pages)
    // and say why; each of those 7 requests, counted from the 48th on, waited first.
    const { counts, skipped } = await allCounts(pos);
    expect(counts).toHaveLength(8 + 4);
    expect(skipped).toMatchObject([
      {
        externalId: "daily quota",
        reason:
          "Stopped reading for today: 54 of the 60 daily Hiboutik requests are used and the last 6 are kept for sales. Reading starts again after 00:00 UTC.",
      },
    ]);
    expect(sayIn(skipped[0]!.words!, "fr")).toBe(
      "Lecture arrêtée pour aujourd'hui : 54 des 60 requêtes Hiboutik du jour sont utilisées et les 6 dernières sont gardées pour les ventes. La lecture reprend après 00:00 UTC.",
    );
    expect(pos.client().slowed).toBe(7);
    const usage = await other.usage!();
    expect(usage).toMatchObject({ used: 54, limit: 60 });
    expect(usage!.resetsAt!.toISOString()).toBe(`${tomorrow()}T00:00:00.000Z`);
    expect(usage!.note).toBe(
      "Reads paused until 00:00 UTC: 90% of today's requests used; the last 6 are kept for sales.",
    );
    await db.posQuota.update({
      where: { accountId_day: { accountId: ctx.accountId, day: today() } },
      data: { used: 50 },
    });
    expect((await pos.usage!())!.note).toBe("Slowing down: 83% of today's requests used.");
    await db.posQuota.update({
      where: { accountId_day: { accountId: ctx.accountId, day: today() } },
      data: { used: 54 },
    });

    // A sale (search, create, add product, close: 4 requests) still goes through, from the reserve.
    const move = { posItemId: "2", posLocationId: "1", quantity: 1, key: "o2001-l1-sale", reference: "#2001" };
    expect(await pos.applyMoves([move])).toEqual([{ key: move.key, ok: true }]);
    expect(stockOf(2, 10)).toBe(9);
    expect((await pos.usage!())!.used).toBe(58);
  });

  it("counts requests made at once by several processes exactly, never past the reads' part", async () => {
    const ctx = account({ settings: { maximumRequests: 20 } });
    // 20 a day: reads may use 14, the last 6 are kept for sales.
    const quotas = Array.from({ length: 4 }, () => new DailyQuota(db, ctx.shop, ctx.accountId, 20));
    const taken = await Promise.all(Array.from({ length: 20 }, (_, i) => quotas[i % 4]!.take("read")));
    expect(taken.filter(Boolean)).toHaveLength(14);
    const sales = await Promise.all(Array.from({ length: 10 }, (_, i) => quotas[i % 4]!.take("sale")));
    expect(sales.filter(Boolean)).toHaveLength(6);
    expect(await quotas[0]!.used()).toBe(20);
  });

  it("tells Hiboutik's own quota refusal in plain words (other applications used the account's requests)", async () => {
    await fetch(`${hiboutik.url}/_emulator/quota`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ limit: 100, consume: 100 }),
    });
    const pos = hiboutikPos.create(account({ settings: { maximumRequests: 100 } }));
    const error = await pos.locations().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toBe(
      "Hiboutik's request quota for today is used up (100 requests a day, shared with any other application using the account). Nothing was lost: this is tried again after 00:00 UTC.",
    );
    expect(sayIn(merchantMessageOf(error)!, "fr")).toBe(
      "Le quota de requêtes Hiboutik du jour est épuisé (100 requêtes par jour, partagées avec toute autre application qui utilise le compte). Rien n'est perdu : un nouvel essai aura lieu après 00:00 UTC.",
    );
    expect(await pos.usage!()).toMatchObject({ used: 100, limit: 100 });
  });
});

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function tomorrow(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString().slice(0, 10);
}
