// Lightspeed Retail (R-Series) as a shop POS account, built as the POS foundation builds it
// (lightspeedPos.create with an account context), against the Lightspeed emulator over HTTP: shops, items
// with their SKUs and barcodes, ItemShop counts page by page, completed sales made once per key (retries,
// a crash after Lightspeed answered, a sale left open), refunds, quantities set outright, the leaky
// bucket filled without one failed call, an expired access token refreshed once with the rotated refresh
// token saved before use, and a revoked authorization told in plain words without retrying in a loop.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PosAccountContext, PosCount, PosItem } from "~/capabilities/point-of-sale";
import { createLightspeedPos, LIGHTSPEED_REAUTHORIZE, lightspeedPos } from "~/connectors/lightspeed/index.server";
import { db } from "~/db.server";
import { sayIn, textOf } from "~/i18n/stored-words";
import { decryptSecret } from "~/lib/crypto.server";
import { ExternalSystemError, merchantMessageOf, TransientError } from "~/lib/errors";
import { pointOfSaleFor, posAccountRow, savePosAccount } from "~/pos/accounts.server";
import {
  DEMO_CLIENT,
  startLightspeedEmulator,
  type LightspeedEmulator,
  type LightspeedSeed,
} from "../../emulators/lightspeed/index";
import { installShop } from "../support/admin-request";
import { spawnTsx, stopGracefully, type SpawnedProcess } from "../support/jobs-processes";
import { uniqueShop } from "../support/shops";

// Two shops (register 1 and employee 1 in shop 1), 230 items: 3 pages of Items, 5 of ItemShops.
const SEED: LightspeedSeed = {
  shops: [
    { shopID: 1, name: "Boutique Bordeaux" },
    { shopID: 2, name: "Boutique Lyon" },
  ],
  registers: [{ registerID: 1, name: "Caisse 1", shopID: 1 }],
  employees: [{ employeeID: 1, firstName: "Camille", lastName: "Martin" }],
  items: Array.from({ length: 230 }, (_, i) => ({
    itemID: i + 1,
    description: `Article ${i + 1}`,
    ...(i % 2 ? { manufacturerSku: `MAN-${i + 1}` } : { customSku: `SKU-${i + 1}` }),
    ...(i % 3
      ? { upc: `370000${String(i + 1).padStart(7, "0")}` }
      : { ean: `400000${String(i + 1).padStart(7, "0")}` }),
    price: 10,
    qoh: { 1: i % 7, 2: 50 + i },
  })),
};

let ls: LightspeedEmulator;

beforeAll(async () => {
  ls = await startLightspeedEmulator({ accountID: "4242", seed: SEED });
});
afterAll(async () => ls?.close());
beforeEach(() => ls.reset());

interface Account {
  ctx: PosAccountContext;
  saved: { secrets: Record<string, string>; callsBefore: number }[];
}

function account(settings: Record<string, unknown> = {}): Account {
  const tokens = ls.issueTokens();
  const saved: Account["saved"] = [];
  const ctx: PosAccountContext = {
    db,
    shop: uniqueShop("ls"),
    accountId: `ls-${randomBytes(5).toString("hex")}`,
    settings: {
      clientId: DEMO_CLIENT.clientId,
      accountId: "4242",
      shopId: 1,
      registerId: 1,
      employeeId: 1,
      apiUrl: ls.url,
      ...settings,
    },
    secrets: {
      clientSecret: DEMO_CLIENT.clientSecret,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
    },
    saveSecrets: async (update) => {
      saved.push({ secrets: update, callsBefore: ls.calls().length });
    },
    timeoutMs: 5_000,
  };
  return { ctx, saved };
}

const qoh = (itemID: number, shopID: number) =>
  ls
    .state()
    .items.find((item) => item.itemID === itemID)!
    .itemShops.find((row) => row.shopID === shopID)!.qoh;

const salesWithRef = (ref: string) => ls.state().sales.filter((sale) => sale.referenceNumber === ref);
const tokenCalls = () => ls.calls().filter((call) => call.path === "/auth/oauth/token");
const setBucket = (body: Record<string, number>) =>
  fetch(`${ls.url}/_emulator/bucket`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("Lightspeed Retail POS account", () => {
  it("is declared as the POS foundation expects: id, name, settings schema, secret names, factory", () => {
    expect(lightspeedPos).toMatchObject({
      id: "lightspeed",
      name: "Lightspeed Retail",
      secrets: ["clientSecret", "accessToken", "refreshToken"],
    });
    expect(
      lightspeedPos.settings.parse({ clientId: "c", accountId: "1", shopId: "1", registerId: 2, employeeId: "3" }),
    ).toMatchObject({ shopId: 1, registerId: 2, employeeId: 3, moves: "sale" });
    expect(lightspeedPos.settings.safeParse({ clientId: "c", accountId: "x", shopId: 1 }).success).toBe(false);
  });

  it("tests the connection and names the register and employee sales go to", async () => {
    const connected = await lightspeedPos.create(account().ctx).test();
    expect(connected.ok).toBe(true);
    expect(textOf(connected.message)).toBe(
      "Connected: 2 shops; online sales go to Caisse 1 of Boutique Bordeaux as Camille Martin.",
    );
    expect(sayIn(connected.message, "fr")).toBe(
      "Connecté : 2 boutiques ; les ventes en ligne vont à Caisse 1 de Boutique Bordeaux au nom de Camille Martin.",
    );
    const wrongRegister = await lightspeedPos.create(account({ registerId: 9 }).ctx).test();
    expect(wrongRegister.ok).toBe(false);
    expect(textOf(wrongRegister.message)).toBe("Connected, but there is no register 9: sales could not be recorded.");
    expect(sayIn(wrongRegister.message, "fr")).toBe(
      "Connecté, mais il n'y a pas de caisse 9 : les ventes ne pourraient pas être enregistrées.",
    );
    const nothingThere = await lightspeedPos.create(account({ shopId: 7, registerId: 9, employeeId: 8 }).ctx).test();
    expect(textOf(nothingThere.message)).toBe(
      "Connected, but there is no shop 7, there is no register 9, there is no employee 8: sales could not be recorded.",
    );
    expect(sayIn(nothingThere.message, "fr")).toBe(
      "Connecté, mais il n'y a pas de boutique 7, il n'y a pas de caisse 9, il n'y a pas d'employé 8 : les ventes ne pourraient pas être enregistrées.",
    );
  });

  it("lists shops, every item with its SKU and barcode, and every shop's qoh, page after page", async () => {
    const pos = lightspeedPos.create(account().ctx);
    expect(await pos.locations()).toEqual([
      { id: "1", name: "Boutique Bordeaux" },
      { id: "2", name: "Boutique Lyon" },
    ]);
    const items: PosItem[] = [];
    expect(await pos.items((item) => items.push(item))).toEqual({ skipped: [] });
    expect(items).toHaveLength(230);
    expect(items.slice(0, 2)).toEqual([
      { posItemId: "1", name: "Article 1", sku: "SKU-1", barcode: "4000000000001" },
      { posItemId: "2", name: "Article 2", sku: "MAN-2", barcode: "3700000000002" },
    ]);
    expect(ls.calls().filter((call) => call.path.endsWith("/Item.json")).length).toBe(3);

    const counts: PosCount[] = [];
    expect(await pos.counts((count) => counts.push(count))).toEqual({ skipped: [] });
    expect(counts).toHaveLength(460);
    expect(counts).toContainEqual({ posItemId: "10", posLocationId: "1", quantity: 2 });
    expect(counts).toContainEqual({ posItemId: "230", posLocationId: "2", quantity: 279 });
    expect(counts.some((count) => count.posLocationId === "0")).toBe(false);
    expect(ls.calls().filter((call) => call.path.endsWith("/ItemShop.json")).length).toBe(5);

    const lyon: PosCount[] = [];
    await pos.counts((count) => lyon.push(count), ["2"]);
    expect(lyon).toHaveLength(230);
    expect(new Set(lyon.map((count) => count.posLocationId))).toEqual(new Set(["2"]));
  });

  it("records a completed sale once per key: the same key again (the first answer lost) sells nothing more", async () => {
    const pos = lightspeedPos.create(account().ctx);
    const move = { posItemId: "12", posLocationId: "1", quantity: 2, key: "o1042-l1-sale", reference: "#1042" };
    expect(qoh(12, 1)).toBe(4);
    expect(await pos.applyMoves([move])).toEqual([{ key: move.key, ok: true }]);
    expect(await pos.applyMoves([move])).toEqual([{ key: move.key, ok: true }]);
    expect(qoh(12, 1)).toBe(2);
    const sales = salesWithRef(move.key);
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({
      shopID: 1,
      registerID: 1,
      employeeID: 1,
      completed: true,
      referenceNumberSource: "Shopify #1042",
      lines: [expect.objectContaining({ itemID: 12, unitQuantity: 2 })],
    });
  });

  it("completes a sale with its key found open instead of making another", async () => {
    const { ctx } = account();
    const open = await fetch(`${ls.url}/API/V3/Account/4242/Sale.json`, {
      method: "POST",
      headers: { authorization: `Bearer ${ctx.secrets.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        shopID: 1,
        registerID: 1,
        employeeID: 1,
        completed: false,
        referenceNumber: "o1043-l1-sale",
        SaleLines: { SaleLine: [{ itemID: 13, unitQuantity: 1 }] },
      }),
    });
    expect(open.status).toBe(200);
    const pos = lightspeedPos.create(ctx);
    const move = { posItemId: "13", posLocationId: "1", quantity: 1, key: "o1043-l1-sale", reference: "#1043" };
    expect(await pos.applyMoves([move])).toEqual([{ key: move.key, ok: true }]);
    expect(qoh(13, 1)).toBe(4);
    expect(salesWithRef(move.key)).toMatchObject([{ completed: true }]);
  });

  it("puts stock back for a refund, refuses a shop other than the register's, and can set qoh outright instead", async () => {
    const pos = lightspeedPos.create(account().ctx);
    const results = await pos.applyMoves([
      { posItemId: "14", posLocationId: "1", quantity: -3, key: "o1042-l1-refund", reference: "#1042" },
      { posItemId: "14", posLocationId: "2", quantity: 1, key: "o1042-l2-sale", reference: "#1042" },
      { posItemId: "999", posLocationId: "1", quantity: 1, key: "o1042-l3-sale", reference: "#1042" },
    ]);
    // Each refusal is said with its words (PosDispatch.reasonWords): French for a French admin.
    expect(sayIn(results[2]!.reason!, "fr")).toBe(
      "Lightspeed a refusé la vente de l'article 999 dans la boutique 1 (HTTP 400) : vérifiez que l'article, la boutique, la caisse et l'employé existent toujours.",
    );
    expect(sayIn(results[1]!.reason!, "fr")).toMatch(
      /^Les ventes sont enregistrées sur la caisse 1 de la boutique Lightspeed 1/,
    );
    expect(results.map((r) => ({ ...r, ...(r.reason ? { reason: textOf(r.reason) } : {}) }))).toEqual([
      { key: "o1042-l1-refund", ok: true },
      {
        key: "o1042-l2-sale",
        ok: false,
        reason:
          "Sales are recorded on register 1 of Lightspeed shop 1; this stock is at shop 2. Map that location to shop 1, or set the account to set quantities instead.",
      },
      {
        key: "o1042-l3-sale",
        ok: false,
        reason:
          "Lightspeed refused the sale of item 999 at shop 1 (HTTP 400): check that the item, shop, register and employee still exist.",
      },
    ]);
    expect(qoh(14, 1)).toBe(6 + 3);

    const byQoh = lightspeedPos.create(account({ moves: "qoh" }).ctx);
    expect(
      await byQoh.applyMoves([
        { posItemId: "14", posLocationId: "2", quantity: 5, key: "o1044-l1-sale", reference: "#1044" },
      ]),
    ).toEqual([{ key: "o1044-l1-sale", ok: true }]);
    expect(qoh(14, 2)).toBe(50 + 13 - 5);
  });

  it("waits for the leaky bucket instead of failing: a full bucket and a burst of sales, every move applied", async () => {
    // Another app filled the bucket; it drains at 20 units/s here so the test stays short.
    await setBucket({ size: 60, dripPerSecond: 20, level: 60 });
    const pos = createLightspeedPos(account().ctx);
    const moves = Array.from({ length: 8 }, (_, i) => ({
      posItemId: String(100 + i),
      posLocationId: "1",
      quantity: 1,
      key: `o3000-l${i}-sale`,
      reference: "#3000",
    }));
    const before = moves.map((move) => qoh(Number(move.posItemId), 1));
    // 8 × (a GET of 1 unit + a POST of 10) = 88 units into a full bucket of 60.
    const results = await pos.applyMoves(moves);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(moves.map((move) => qoh(Number(move.posItemId), 1))).toEqual(before.map((n) => n - 1));
    // At most the very first call, sent before the bucket's level was known, met a 429 (and was sent again).
    const refused = ls.calls().filter((call) => call.status === 429);
    expect(refused.length).toBeLessThanOrEqual(1);
    expect(pos.client().throttled).toBe(refused.length);
    expect(pos.client().waited).toBeGreaterThan(0);
    expect(ls.calls().filter((call) => call.status >= 400 && call.status !== 429)).toEqual([]);
    expect(await pos.usage!()).toMatchObject({ limit: 60 });
  });

  it("refreshes an expired access token once, saving the rotated refresh token before using the new tokens", async () => {
    const { ctx, saved } = account();
    const pos = createLightspeedPos(ctx);
    ls.expireAccessTokens();
    // Two reads at once meet the expired token: one refresh serves both.
    const [shops, counts] = await Promise.all([pos.locations(), pos.counts(() => {}, ["1"])]);
    expect(shops).toHaveLength(2);
    expect(counts.skipped).toEqual([]);
    expect(tokenCalls()).toEqual([expect.objectContaining({ method: "POST", status: 200 })]);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.secrets.refreshToken).not.toBe(ctx.secrets.refreshToken);
    expect(saved[0]!.secrets.accessToken).not.toBe(ctx.secrets.accessToken);
    // Saved right after Lightspeed answered the refresh, before any call with the new token.
    const calls = ls.calls();
    const tokenIndex = calls.findIndex((call) => call.path === "/auth/oauth/token");
    expect(saved[0]!.callsBefore).toBe(tokenIndex + 1);
    expect(calls.slice(tokenIndex + 1).every((call) => call.status === 200)).toBe(true);

    // A port built later in the process from the secrets loaded before the rotation still works: it
    // uses the rotated tokens instead of spending the retired refresh token.
    const again = createLightspeedPos(ctx);
    expect(await again.locations()).toHaveLength(2);
    expect(tokenCalls()).toHaveLength(1);
  });

  it("gives up on a call Lightspeed does not answer in time, in plain words, as worth retrying", async () => {
    ls.faults.add({ route: "GET /API/V3/Account/4242/Shop.json", kind: "hang", count: 1 });
    const pos = lightspeedPos.create({ ...account().ctx, timeoutMs: 300 });
    const error = await pos.locations().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toBe("Lightspeed could not be reached: no answer within 0.3 s");
    expect(sayIn(merchantMessageOf(error)!, "fr")).toBe("Lightspeed est injoignable : pas de réponse en 0,3 s");
    expect(await pos.locations()).toHaveLength(2);
  });

  it("says to reconnect when Lightspeed refuses the saved refresh token, and does not try again and again", async () => {
    const { ctx, saved } = account();
    const pos = lightspeedPos.create(ctx);
    ls.revokeTokens(ctx.secrets.refreshToken);
    const error = await pos.locations().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ExternalSystemError);
    expect((error as Error).message).toBe(LIGHTSPEED_REAUTHORIZE);
    expect(LIGHTSPEED_REAUTHORIZE).toMatch(/^Lightspeed refused the saved authorization: reconnect the account/);
    // A run that fails on it stores its words: a French admin reads it in French.
    expect(sayIn(merchantMessageOf(error)!, "fr")).toBe(
      "Lightspeed a refusé l'autorisation enregistrée : reconnectez le compte (ses jetons ont été révoqués ou remplacés).",
    );
    // The connection test keeps the words too: the admin's answer is said in their language.
    const tested = await pos.test();
    expect(tested.ok).toBe(false);
    expect(textOf(tested.message)).toBe(LIGHTSPEED_REAUTHORIZE);
    expect(sayIn(tested.message, "fr")).toMatch(/^Lightspeed a refusé l'autorisation enregistrée/);
    await expect(
      pos.applyMoves([{ posItemId: "1", posLocationId: "1", quantity: 1, key: "k1", reference: "#1" }]),
    ).rejects.toThrow(LIGHTSPEED_REAUTHORIZE);
    expect(tokenCalls()).toHaveLength(1);
    expect(ls.calls().filter((call) => call.status === 401)).toHaveLength(1);
    expect(saved).toEqual([]);
  });
});

describe("Lightspeed tokens shared by the app's processes", () => {
  it("refreshes an expired access token once for three processes calling at once: every call succeeds", async () => {
    const shop = uniqueShop("ls-procs");
    await installShop(shop);
    const issued = ls.issueTokens();
    const account = await savePosAccount(shop, {
      system: "lightspeed",
      name: "Bordeaux",
      settings: {
        clientId: DEMO_CLIENT.clientId,
        accountId: "4242",
        shopId: 1,
        registerId: 1,
        employeeId: 1,
        apiUrl: ls.url,
      },
      secrets: {
        clientSecret: DEMO_CLIENT.clientSecret,
        accessToken: issued.access_token,
        refreshToken: issued.refresh_token,
      },
    });
    const others: SpawnedProcess[] = await Promise.all(
      [1, 2].map(() =>
        spawnTsx("tests/support/pos-calls-process.ts", {
          DATABASE_URL: process.env.DATABASE_URL ?? "",
          POS_SHOP: shop,
          POS_ACCOUNT_ID: account.id,
          CALLS: "3",
        }),
      ),
    );
    try {
      // Every process loaded the same stored tokens; they expire, and the refresh takes a while, so the
      // three processes' calls all meet the expired token while it is under way.
      ls.expireAccessTokens();
      ls.faults.add({ route: "POST /auth/oauth/token", kind: "latency", ms: 1_500, count: 5 });
      const here = pointOfSaleFor(await posAccountRow(shop, account.id), db, { timeoutMs: 15_000 });
      const done = others.map(
        (p) =>
          new Promise<{ ok: boolean; error?: string }[]>((resolve, reject) => {
            const check = setInterval(() => {
              const line = /done (.*)\n/.exec(p.output());
              if (line) {
                clearInterval(check);
                resolve(JSON.parse(line[1]!) as { ok: boolean; error?: string }[]);
              }
            }, 50);
            void p.exited.then(() =>
              setTimeout(() => {
                clearInterval(check);
                reject(new Error(`the process ended without an answer:\n${p.output()}`));
              }, 200),
            );
          }),
      );
      for (const p of others) p.child.stdin!.write("go\n");
      const [mine, ...theirs] = await Promise.all([
        Promise.all(
          [1, 2, 3].map(() =>
            here.locations().then(
              () => ({ ok: true }),
              (error: Error) => ({ ok: false, error: error.message }),
            ),
          ),
        ),
        ...done,
      ]);
      const outcomes = [...mine!, ...theirs.flat()];
      expect(outcomes).toHaveLength(9);
      expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
      // One refresh in all, none refused, the claim released.
      expect(tokenCalls().map((call) => call.status)).toEqual([200]);
      const stored = await db.posAccount.findUniqueOrThrow({ where: { id: account.id } });
      expect(stored.secretsRotatingUntil).toBeNull();
      // What is stored is the newest pair: its access token opens the account, its refresh token is unspent.
      const secrets = JSON.parse(decryptSecret(stored.secretsCiphertext!)) as Record<string, string>;
      expect(secrets.refreshToken).not.toBe(issued.refresh_token);
      const read = await fetch(`${ls.url}/API/V3/Account/4242/Shop.json`, {
        headers: { authorization: `Bearer ${secrets.accessToken}`, accept: "application/json" },
      });
      expect(read.status).toBe(200);
      const refresh = await fetch(`${ls.url}/auth/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: secrets.refreshToken!,
          client_id: DEMO_CLIENT.clientId,
          client_secret: DEMO_CLIENT.clientSecret,
        }).toString(),
      });
      expect(refresh.status).toBe(200);
    } finally {
      await stopGracefully(others);
    }
  });
});
