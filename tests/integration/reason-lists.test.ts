// What a background run refused, shown with why (issue 16, point 9: every text in French and English; the
// stored reasons' words, ADR 0021): the POS screen lists the moves a point of sale refused for good, the
// Catalog screen the photos the image sync could not attach. Each row says which move or file, when, and
// why in the admin's language; another shop's rows never show; both lists are keyset-paged with their
// total. Through the screens' loaders, on the real database, with signed admin requests.
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { said, textOf, wordsJson, type Said } from "~/i18n/stored-words";
import { loader as catalogLoader } from "~/routes/app.catalog._index";
import { loader as posLoader } from "~/routes/app.settings.pos";
import { adminRequest, installShop } from "../support/admin-request";
import { walkPages } from "../support/list-walk";
import { uniqueShop } from "../support/shops";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const START = Date.parse("2026-11-01T08:00:00Z");

/** The English a run stores and its words, as the runs write them. */
const stored = (message: Said) => ({ reason: textOf(message), reasonWords: wordsJson(message) });

const posScreen = async (shop: string, query = "") =>
  (await posLoader({ request: adminRequest(shop, `/app/settings/pos${query}`), params: {}, context: {} })) as Any;

const catalogScreen = async (shop: string, query = "") =>
  (await catalogLoader({ request: adminRequest(shop, `/app/catalog${query}`), params: {}, context: {} })) as Any;

async function posAccount(shop: string, name: string) {
  const account = await db.posAccount.create({ data: { shop, system: "hiboutik", name } });
  await db.posItemMapping.create({
    data: {
      shop,
      accountId: account.id,
      posItemId: "99",
      posName: "Sweat bleu",
      posSku: "SW-BLEU",
      status: "confirmed",
    },
  });
  await db.posLocationMapping.create({
    data: { accountId: account.id, posLocationId: "1", posLocationName: "Magasin Rivoli" },
  });
  return account;
}

const dispatch = (shop: string, accountId: string, key: string, at: Date, fields: Record<string, unknown> = {}) =>
  db.posDispatch.create({
    data: {
      key,
      shop,
      accountId,
      orderId: "gid://shopify/Order/1042",
      orderName: "#1042",
      lineId: "gid://shopify/LineItem/3",
      kind: "sale",
      posItemId: "99",
      posLocationId: "1",
      quantity: 2,
      status: "refused",
      attempts: 1,
      createdAt: at,
      updatedAt: at,
      ...fields,
    },
  });

describe("POS screen: the moves a point of sale refused", () => {
  it("shows a refused move with its item, quantity, account and reason, in French for a French admin", async () => {
    const shop = uniqueShop("pos-refused");
    const other = uniqueShop("pos-refused-other");
    await installShop(shop, { ianaTimezone: "Europe/Paris" });
    await installShop(other);
    const account = await posAccount(shop, "Boutique Paris");
    const theirs = await posAccount(other, "Their shop");
    const noProduct = said("words6.pos.hiboutik.noProduct", { id: "99" });
    await dispatch(shop, account.id, "sale-refused-1", new Date(START), stored(noProduct));
    // Sent and held moves are not refused: not listed.
    await dispatch(shop, account.id, "sale-sent-1", new Date(START + 1000), { status: "sent" });
    await dispatch(shop, account.id, "sale-held-1", new Date(START + 2000), { status: "held" });
    await dispatch(other, theirs.id, "sale-theirs-1", new Date(START + 3000), stored(noProduct));

    const english = (await posScreen(shop)).refused;
    expect(english.total).toBe(1);
    expect(english.items).toEqual([
      expect.objectContaining({
        id: "sale-refused-1",
        at: new Date(START).toISOString(),
        kind: "sale",
        orderName: "#1042",
        quantity: 2,
        itemName: "Sweat bleu",
        itemSku: "SW-BLEU",
        accountName: "Boutique Paris",
        locationName: "Magasin Rivoli",
        status: "refused",
        reason: "Hiboutik has no product 99: map the item again.",
      }),
    ]);
    expect((await posScreen(shop)).timeZone).toBe("Europe/Paris");

    const french = (await posScreen(shop, "?locale=fr")).refused;
    expect(french.items.map((m: Any) => m.reason)).toEqual([
      "Hiboutik n'a pas de produit 99 : associez de nouveau l'article.",
    ]);

    // The other shop sees its own refused move only.
    const foreign = (await posScreen(other)).refused;
    expect(foreign.total).toBe(1);
    expect(foreign.items.map((m: Any) => m.id)).toEqual(["sale-theirs-1"]);
  });

  it("says a refusal without words in the admin's language, and keeps the move of a removed account", async () => {
    const shop = uniqueShop("pos-refused-plain");
    await installShop(shop);
    await dispatch(shop, "gone-account", "refd-refused-1", new Date(START), { kind: "refund", quantity: 1 });
    const [english] = (await posScreen(shop)).refused.items;
    expect(english).toMatchObject({ kind: "refund", accountName: null, reason: "Refused by the point of sale." });
    const [french] = (await posScreen(shop, "?locale=fr")).refused.items;
    expect(french.reason).toBe("Refusé par le point de vente.");
  });

  it("pages every refused move latest first with the total", async () => {
    const shop = uniqueShop("pos-refused-paged");
    const other = uniqueShop("pos-refused-paged-other");
    await installShop(shop);
    await installShop(other);
    const account = await posAccount(shop, "Boutique Lyon");
    const made: { id: string; at: number }[] = [];
    // 53 refused moves; three at a time refused at the same moment (the key breaks the tie).
    for (let n = 0; n < 53; n++) {
      const at = START + Math.floor(n / 3) * 60_000;
      const key = `sale-${String(n).padStart(3, "0")}`;
      await dispatch(shop, account.id, key, new Date(at), stored(said("words6.pos.refused")));
      made.push({ id: key, at });
    }
    await dispatch(
      other,
      "their-account",
      "sale-foreign",
      new Date(START + 60_000),
      stored(said("words6.pos.refused")),
    );

    const all = await walkPages(async (query) => (await posScreen(shop, query)).refused, "?");
    expect(all.total).toBe(53);
    expect(all.pages).toEqual([25, 25, 3]);
    expect(all.ids).toEqual([...made].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1)).map((m) => m.id));
    expect(all.ids).not.toContain("sale-foreign");
  });
});

const imageFile = (shop: string, name: string, at: Date, fields: Record<string, unknown>) =>
  db.catalogImageFile.create({
    data: { shop, source: "sftp", name, size: 1000, modifiedAt: at, syncedAt: at, status: "failed", ...fields },
  });

describe("Catalog screen: the photos with a problem", () => {
  it("shows each file not attached with its reference, when and why, in French for a French admin", async () => {
    const shop = uniqueShop("images-problems");
    const other = uniqueShop("images-problems-other");
    await installShop(shop);
    await installShop(other);
    const unusable = said("images.unusable", { reason: "UNSUPPORTED_IMAGE_FILE_TYPE" });
    await imageFile(shop, "SHIRT1_WHITE_1.jpg", new Date(START + 2000), { reference: "SHIRT1", ...stored(unusable) });
    const noProduct = said("images.noProduct", { key: "NOPE99" });
    await imageFile(shop, "NOPE99_BLACK_1.jpg", new Date(START + 1000), {
      status: "unmatched",
      reference: "NOPE99",
      ...stored(noProduct),
    });
    // Attached files have no problem: not listed.
    await imageFile(shop, "BOXE20_BLUE_1.jpg", new Date(START + 3000), { status: "attached", reference: "BOXE20" });
    await imageFile(other, "THEIRS_1.jpg", new Date(START + 4000), { reference: "THEIRS", ...stored(unusable) });

    const english = (await catalogScreen(shop)).images;
    expect(english.total).toBe(2);
    expect(english.items).toEqual([
      {
        id: "sftp/SHIRT1_WHITE_1.jpg",
        name: "SHIRT1_WHITE_1.jpg",
        source: "sftp",
        reference: "SHIRT1",
        status: "failed",
        at: new Date(START + 2000).toISOString(),
        reason: "Shopify could not use this image: “UNSUPPORTED_IMAGE_FILE_TYPE”",
      },
      {
        id: "sftp/NOPE99_BLACK_1.jpg",
        name: "NOPE99_BLACK_1.jpg",
        source: "sftp",
        reference: "NOPE99",
        status: "unmatched",
        at: new Date(START + 1000).toISOString(),
        reason: "No product in Shopify has a SKU of reference NOPE99.",
      },
    ]);

    const french = (await catalogScreen(shop, "?locale=fr")).images;
    expect(french.items.map((f: Any) => f.reason)).toEqual([
      "Shopify n'a pas pu utiliser cette image : « UNSUPPORTED_IMAGE_FILE_TYPE »",
      "Aucun produit dans Shopify n'a de SKU de référence NOPE99.",
    ]);

    const foreign = (await catalogScreen(other)).images;
    expect(foreign.items.map((f: Any) => f.name)).toEqual(["THEIRS_1.jpg"]);
  });

  it("pages every file with a problem latest first with the total, across sources", async () => {
    const shop = uniqueShop("images-problems-paged");
    const other = uniqueShop("images-problems-paged-other");
    await installShop(shop);
    await installShop(other);
    const made: { id: string; at: number; source: string; name: string }[] = [];
    // 57 files from two sources, a name in both; four at a time looked at in the same moment (the source,
    // then the name, break the tie).
    for (let n = 0; n < 57; n++) {
      const at = START + Math.floor(n / 4) * 1000;
      const source = n % 2 === 0 ? "sftp" : "erp";
      const name = `IMG${String(Math.floor(n / 2)).padStart(3, "0")}.jpg`;
      await imageFile(shop, name, new Date(at), {
        source,
        status: n % 3 === 0 ? "failed" : "unmatched",
        ...stored(said("images.noProduct", { key: `REF${n}` })),
      });
      made.push({ id: `${source}/${name}`, at, source, name });
    }
    await imageFile(other, "IMG000.jpg", new Date(START), { ...stored(said("images.noProduct", { key: "X" })) });

    // The list's cursors have their own names on the Catalog screen (a season's products have theirs).
    const read = async (query: string) =>
      (await catalogScreen(shop, query.replace(/&(after|before)=/, "&img$1="))).images;
    const all = await walkPages(read, "?");
    // The other shop's file (named as one of this shop's) is not counted.
    expect(all.total).toBe(57);
    expect(all.pages).toEqual([25, 25, 7]);
    const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
    expect(all.ids).toEqual(
      [...made].sort((a, b) => b.at - a.at || desc(a.source, b.source) || desc(a.name, b.name)).map((m) => m.id),
    );
  });
});
