// Gift cards from the ERP into Shopify through the gift-card-source port (Fastmag's emulator) and
// Shopify's gift cards (the Shopify emulator): checked once, a race of two workers makes one card,
// cards sold since the last run picked up, balances kept in step both ways, a conflict reported.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { syncGiftCardBalances } from "~/sync/gift-cards/balances.server";
import { checkGiftCard } from "~/sync/gift-cards/check.server";
import { checkSoldGiftCards } from "~/sync/gift-cards/sold.server";
import { searchGiftCards } from "~/sync/gift-cards/screen.server";
import type { AdminCall } from "../../../emulators/shopify/index";
import { startGiftCardWorld, type GiftCardWorld } from "./harness";
import { type Message, sayIn, textOf } from "~/i18n/stored-words";

let world: GiftCardWorld;

beforeAll(async () => {
  world = await startGiftCardWorld("gcards");
});
afterAll(() => world?.close());

function collector() {
  const skipped: [string, string][] = [];
  const logs: string[] = [];
  /** Each reason as a French admin reads it. */
  const french: string[] = [];
  return {
    skipped,
    logs,
    french,
    // The English of each reason and line (they are said with words for the run's readers).
    report: {
      skip: (code: string, reason: Message) => (skipped.push([code, textOf(reason)]), french.push(sayIn(reason, "fr"))),
      log: (m: Message) => logs.push(textOf(m)),
    },
  };
}

describe("gift card check", { timeout: 30_000 }, () => {
  it("creates the Shopify card with the same code, value, currency, expiry and customer, once", async () => {
    await world.addCustomer("helene.lefevre@example.fr", "Hélène");
    const deps = await world.deps();
    const first = await checkGiftCard(deps, world.shop, "CADEAU-0001");
    expect(first).toMatchObject({ kind: "created", code: "CADEAU-0001" });
    const cards = await world.shopifyCards("CADEAU0001");
    expect(cards).toHaveLength(1);
    const erp = world.fastmag.db.prepare("SELECT expires_on FROM giftcards WHERE card_id = 'CADEAU-0001'").get() as {
      expires_on: string;
    };
    expect(cards[0]).toMatchObject({
      balance: { amount: "50.0", currencyCode: "EUR" },
      initialValue: { amount: "50.0" },
      expiresOn: erp.expires_on.slice(0, 10),
      customer: { email: "helene.lefevre@example.fr" },
    });

    const again = await checkGiftCard(await world.deps(), world.shop, "CADEAU-0001");
    expect(again).toMatchObject({ kind: "unchanged", shopifyGiftCardId: cards[0]!.id });
    expect(await world.shopifyCards("CADEAU0001")).toHaveLength(1);
    expect(
      world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "GiftCardCreate"),
    ).toHaveLength(1);
  });

  it("refuses a card the ERP does not have or has not activated, and creates nothing", async () => {
    const deps = await world.deps();
    expect(await checkGiftCard(deps, world.shop, "NOPE-1234")).toMatchObject({
      kind: "not-found",
      message: "Fastmag has no gift card NOPE-1234.",
    });
    expect(await checkGiftCard(deps, world.shop, "CADEAU-0003")).toMatchObject({ kind: "not-activated" });
    expect(await world.shopifyCards("CADEAU0003")).toEqual([]);
    expect(await db.giftCardLink.count({ where: { shop: world.shop, code: "CADEAU-0003" } })).toBe(0);
  });

  it("makes one Shopify card when two workers check the same code at once", async () => {
    await world.sell({ id: "RACE-2026-0001", initialAmount: 80 });
    const [a, b] = await Promise.all([world.deps(), world.deps()]);
    const outcomes = await Promise.all([
      checkGiftCard(a, world.shop, "RACE-2026-0001"),
      checkGiftCard(b, world.shop, "RACE-2026-0001"),
    ]);
    const cards = await world.shopifyCards("RACE20260001");
    expect(cards).toHaveLength(1);
    expect(
      outcomes.map((o) => (o.kind === "not-found" || o.kind === "not-activated" ? null : o.shopifyGiftCardId)),
    ).toEqual([cards[0]!.id, cards[0]!.id]);
    expect(outcomes.filter((o) => o.kind === "created")).toHaveLength(1);
  });

  it("starts a card partly spent in store at what is left, from its initial value", async () => {
    const outcome = await checkGiftCard(await world.deps(), world.shop, "CADEAU-0002");
    expect(outcome.kind).toBe("created");
    expect((await world.shopifyCards("CADEAU0002"))[0]).toMatchObject({
      initialValue: { amount: "100.0" },
      balance: { amount: "35.5" },
    });
  });

  it("checks every card sold since the last run, once", async () => {
    await world.sell({ id: "SOLD-2026-0001", initialAmount: 25 });
    await world.sell({ id: "SOLD-2026-0002", initialAmount: 40, activated: false });
    const { report, skipped } = collector();
    const first = await checkSoldGiftCards(await world.deps(), world.shop, report);
    expect(first.created).toBeGreaterThanOrEqual(1);
    expect(await world.shopifyCards("SOLD20260001")).toHaveLength(1);
    expect(await world.shopifyCards("SOLD20260002")).toEqual([]);
    expect(skipped).toContainEqual(["SOLD-2026-0002", "Gift card SOLD-2026-0002 is not activated in Fastmag yet."]);

    const second = await checkSoldGiftCards(await world.deps(), world.shop, collector().report);
    expect(second).toMatchObject({ created: 0, linked: 0 });
    expect(await world.shopifyCards("SOLD20260001")).toHaveLength(1);
  });

  it("says why a code cannot go to Shopify in the reader's language", async () => {
    await world.sell({ id: "GC-12", initialAmount: 10 });
    const { report, skipped, french } = collector();
    await checkSoldGiftCards(await world.deps(), world.shop, report);
    expect(skipped).toContainEqual([
      "GC-12",
      'The gift card code "GC-12" cannot be used in Shopify: Shopify codes have 8 to 20 letters and digits.',
    ]);
    expect(french).toContain(
      "Le code de carte cadeau « GC-12 » ne peut pas servir dans Shopify : les codes Shopify ont de 8 à 20 lettres et chiffres.",
    );
  });
});

describe("gift card balances", { timeout: 30_000 }, () => {
  it("moves Shopify after in-store spending, keeps online spending it cannot report, and reports a conflict", async () => {
    await world.sell({ id: "BAL-2026-0001", initialAmount: 60 });
    await checkGiftCard(await world.deps(), world.shop, "BAL-2026-0001");
    const [card] = await world.shopifyCards("BAL20260001");
    const codes = ["BAL-2026-0001"];

    // Spent 10 in store: Shopify's card follows.
    await world.spendInStore("BAL-2026-0001", 10);
    let run = collector();
    expect(await syncGiftCardBalances(await world.deps(), world.shop, run.report, { codes })).toMatchObject({
      movedInShopify: 1,
      conflicts: 0,
    });
    expect((await world.shopifyCards("BAL20260001"))[0]!.balance.amount).toBe("50.0");

    // Nothing moved: nothing written.
    const before = world.shopify.callLog({ shop: world.shop }).length;
    run = collector();
    await syncGiftCardBalances(await world.deps(), world.shop, run.report, { codes });
    expect(
      world.shopify
        .callLog({ shop: world.shop })
        .slice(before)
        .map((c: AdminCall) => c.operationName),
    ).toEqual(["GiftCardById"]);

    // Spent 5 online: Fastmag's EDI cannot take it, so it is kept and said.
    await world.spendOnline(card!.id, "5.00");
    run = collector();
    expect(await syncGiftCardBalances(await world.deps(), world.shop, run.report, { codes })).toMatchObject({
      notReported: 1,
    });
    expect(run.skipped[0]![1]).toMatch(/^−5\.00 EUR online not reported: Fastmag's EDI interface has no transaction/);
    expect(run.french[0]).toMatch(/en ligne non signalé : L'interface EDI de Fastmag n'a pas de transaction/);
    const link = await db.giftCardLink.findUniqueOrThrow({
      where: { shop_code: { shop: world.shop, code: "BAL-2026-0001" } },
    });
    expect(link).toMatchObject({ unreportedOnlineCents: 500, erpBalanceCents: 5000, shopifyBalanceCents: 4500 });

    // Both move before the next run: reported, nothing changed.
    await world.spendInStore("BAL-2026-0001", 20);
    await world.spendOnline(card!.id, "7.00");
    run = collector();
    expect(await syncGiftCardBalances(await world.deps(), world.shop, run.report, { codes })).toMatchObject({
      conflicts: 1,
      movedInShopify: 0,
    });
    expect(run.skipped[0]![1]).toBe(
      "Both balances moved since they were last in step: Fastmag −20.00 EUR, Shopify −7.00 EUR. Nothing was changed: make one match the other by hand.",
    );
    expect((await world.shopifyCards("BAL20260001"))[0]!.balance.amount).toBe("38.0");
    expect(
      (await db.giftCardLink.findUniqueOrThrow({ where: { shop_code: { shop: world.shop, code: "BAL-2026-0001" } } }))
        .conflict,
    ).toMatch(/^Both balances moved/);
    // The Gift cards screen: the conflict in French for a French admin, the stored English for an English one.
    const conflictIn = async (locale: "en" | "fr") =>
      (await searchGiftCards(world.shop, "BAL-2026-0001", 50, locale)).find((c) => c.code === "BAL-2026-0001")!
        .conflict;
    expect(await conflictIn("fr")).toBe(
      "Les deux soldes ont bougé depuis leur dernier alignement : Fastmag −20.00 EUR, Shopify −7.00 EUR. Rien n'a été modifié : alignez l'un sur l'autre à la main.",
    );
    expect(await conflictIn("en")).toBe(run.skipped[0]![1]);

    // The merchant makes them match (Fastmag 30 → 38): the conflict clears.
    await world.spendInStore("BAL-2026-0001", -8);
    run = collector();
    expect(await syncGiftCardBalances(await world.deps(), world.shop, run.report, { codes })).toMatchObject({
      conflicts: 0,
    });
    expect(
      await db.giftCardLink.findUniqueOrThrow({ where: { shop_code: { shop: world.shop, code: "BAL-2026-0001" } } }),
    ).toMatchObject({ conflict: null, erpBalanceCents: 3800, shopifyBalanceCents: 3800 });
  });
});
