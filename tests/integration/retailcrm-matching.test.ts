// RetailCRM → Match items, through the settings route's action: the shop's Shopify variants (emulator), 50
// a page in Shopify's order, each with the RetailCRM offer its SKU matches (by article, else external id,
// else XML id) or the reason none does, in the words a stock run uses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { action } from "~/routes/app.settings.retailcrm";
import { createProduct } from "../../emulators/shopify/catalog";
import type { RetailCrmEmulator } from "../../emulators/retailcrm/index";
import { adminRequest, installShop } from "../support/admin-request";
import { STORE, setUpCrm, startCrm } from "./retailcrm-harness";
import { startStockWorld, type StockWorld } from "./stock-harness";

let world: StockWorld;
let crm: RetailCrmEmulator;
let offerIds: Map<string, number>;

beforeAll(async () => {
  world = await startStockWorld({ variants: 60 });
  // The first SKU by article, the second by external id, the third by XML id; the fourth by article
  // although another offer has it as external id (article first); the fifth matches nothing.
  const [a, b, c, d] = world.skus;
  const rest = world.skus.slice(5);
  crm = await startCrm({
    offers: [
      { article: a, stores: [{ code: STORE, available: 1 }] },
      { externalId: b },
      { xmlId: c },
      { externalId: d },
      { article: d },
      ...rest.map((sku) => ({ article: sku })),
    ],
  });
  // A variant without a SKU, last in Shopify's order.
  createProduct(world.shopify.store, world.shopRecord, {
    title: "Carte cadeau",
    handle: "carte-cadeau",
    options: [{ name: "Title", values: ["Default"] }],
    variants: [{ sku: null, price: "20.00", options: { Title: "Default" } }],
  });
  await installShop(world.shop);
  await db.session.update({
    where: { id: `offline_${world.shop}` },
    data: { accessToken: world.shopify.issueAccessToken(world.shop) },
  });
  await setUpCrm(world.shop, crm);
  offerIds = new Map();
  for (const product of crm.state().products)
    for (const offer of product.offers) offerIds.set(offer.article ?? offer.externalId ?? offer.xmlId ?? "", offer.id);
});
afterAll(async () => {
  await Promise.all([world?.close(), crm?.close()]);
});

const match = (after = "") =>
  action({
    request: adminRequest(world.shop, "/app/settings/retailcrm", { form: { intent: "match", after } }),
    params: {},
    context: {},
  });

describe("RetailCRM → Match items", () => {
  it("lists the first 50 variants with their offer and how they matched, or why not", async () => {
    const answer = await match();
    expect(answer).toMatchObject({
      intent: "match",
      ok: true,
      message: "49 of the first 50 Shopify variants match a RetailCRM offer (RetailCRM has 60 offers).",
    });
    const rows = answer.matches!.rows;
    expect(rows).toHaveLength(50);
    const [a, b, c, d, e] = world.skus;
    expect(rows.slice(0, 5).map(({ variantId: _id, ...row }) => row)).toEqual([
      { sku: a, offerId: offerIds.get(a), matchedBy: "article" },
      { sku: b, offerId: offerIds.get(b), matchedBy: "externalId" },
      { sku: c, offerId: offerIds.get(c), matchedBy: "xmlId" },
      {
        sku: d,
        offerId: crm
          .state()
          .products.flatMap((p) => p.offers)
          .find((o) => o.article === d)!.id,
        matchedBy: "article",
      },
      {
        sku: e,
        offerId: null,
        reason: `No RetailCRM offer has "${e}" as its article (or external id, or XML id): its stock is not sent to RetailCRM. Give the offer this article in RetailCRM.`,
      },
    ]);
    expect(rows.every((r) => r.variantId.startsWith("gid://shopify/ProductVariant/"))).toBe(true);
    expect(answer.matches!.next).toBeTruthy();
  });

  it("pages on: the next page ends with the variant that has no SKU", async () => {
    const first = await match();
    const second = await match(first.matches!.next!);
    const rows = second.matches!.rows;
    expect(rows).toHaveLength(11);
    expect(rows.slice(0, 10).every((r) => r.offerId !== null)).toBe(true);
    expect(rows[10]).toMatchObject({ sku: "", offerId: null, reason: expect.stringMatching(/has no SKU in Shopify/) });
    expect(second.matches!.next).toBeNull();
    expect(second.message).toBe("10 of these 11 Shopify variants match a RetailCRM offer (RetailCRM has 60 offers).");
  });

  it("says plainly when RetailCRM cannot be read", async () => {
    await crm.close();
    const answer = await match();
    expect(answer).toMatchObject({
      ok: false,
      message: "RetailCRM is not answering at its address. Check the address, or that RetailCRM is running.",
    });
    expect(answer.matches).toBeUndefined();
  });
});
