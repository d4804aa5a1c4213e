// RetailCRM as a stock source, built through the registry (routing picks it), against the emulator over
// HTTP: the chosen warehouse's leftovers, every page of the catalog and of the inventories, SKUs by the
// offer's article / externalId / xmlId, offers that cannot stand for a SKU skipped with a reason, and
// RetailCRM's 10 requests per second never exceeded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerFor, routedConnector } from "~/connectors/registry.server";
import { saveRouting } from "~/connectors/routing.server";
import { loadConnectorSecrets, saveConnectorSettings } from "~/connectors/settings.server";
import { inventoriesUploadCallback } from "~/callbacks/retailcrm.server";
import { db } from "~/db.server";
import { sayIn } from "~/i18n/stored-words";
import { merchantMessageOf } from "~/lib/errors";
import type { StockLevel } from "~/domain/stock";
import { quietReporter } from "~/sync/sync-context";
import type { RetailCrmEmulator, SeedOffer } from "../../emulators/retailcrm/index";
import { installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { CREDENTIALS } from "./fastmag-harness";
import { STORE, setUpCrm, startCrm, uploads } from "./retailcrm-harness";

// 230 offers keyed by article (3 pages of 100 in both lists), plus the special cases below.
const BY_ARTICLE: SeedOffer[] = Array.from({ length: 230 }, (_, i) => ({
  article: `ART-${String(i).padStart(3, "0")}`,
  stores: [
    { code: STORE, available: i % 13 },
    { code: "shop-paris", available: 100 + i },
  ],
}));
const SPECIAL: SeedOffer[] = [
  { externalId: "EXT-ONLY", stores: [{ code: STORE, available: 4 }] },
  { xmlId: "XML-ONLY", stores: [{ code: STORE, available: 5 }] },
  // Only at the shop's other warehouse: nothing at the chosen one.
  { article: "PARIS-ONLY", stores: [{ code: "shop-paris", available: 9 }] },
  { article: "WEIGHED", stores: [{ code: STORE, available: 2.75 }] },
  // Same article as the first offer: the first one's stock counts.
  { article: "ART-000", stores: [{ code: STORE, available: 99 }] },
  // Nothing to match a variant by.
  { name: "Sans référence", stores: [{ code: STORE, available: 7 }] },
];

let crm: RetailCrmEmulator;

beforeAll(async () => {
  crm = await startCrm({ offers: [...BY_ARTICLE, ...SPECIAL] });
});
afterAll(async () => crm?.close());

async function shopWithRetailCrmSource(options: { chosen: boolean } = { chosen: true }) {
  const shop = uniqueShop("crmsrc");
  await installShop(shop);
  await setUpCrm(shop, crm);
  if (options.chosen) await saveRouting(db, shop, { stockSource: "retailcrm" });
  return shop;
}

const sourceOf = async (shop: string) =>
  providerFor({ shop, db, report: quietReporter(), timeoutMs: 10_000 }, "stock-source");

describe("RetailCRM stock source", () => {
  it("reads the chosen warehouse's leftovers for every offer, page by page, keyed as the offers are matched", async () => {
    const shop = await shopWithRetailCrmSource();
    const source = await sourceOf(shop);
    expect(source.id).toBe("retailcrm");
    crm.reset();
    const levels = new Map<string, StockLevel>();
    const { skipped } = await source.port.fullStock((level) => levels.set(level.sku, level));

    for (let i = 0; i < 230; i++)
      expect(levels.get(`ART-${String(i).padStart(3, "0")}`)?.available, `ART-${i}`).toBe(i % 13);
    expect(levels.get("EXT-ONLY")?.available).toBe(4);
    expect(levels.get("XML-ONLY")?.available).toBe(5);
    expect(levels.get("PARIS-ONLY")?.available).toBe(0);
    expect(levels.get("WEIGHED")).toMatchObject({ available: 2, detail: 'RetailCRM: warehouse "main" 2.75' });
    expect(levels.size).toBe(234);

    expect(skipped).toHaveLength(2);
    expect(skipped.find((s) => s.externalId === "ART-000")?.reason).toMatch(/both carry "ART-000"/);
    expect(skipped.find((s) => s.externalId.startsWith("offer "))?.reason).toMatch(
      /has no article, external id or XML id/,
    );

    const calls = crm.calls();
    expect(calls.filter((c) => c.path === "/api/v5/store/products")).toHaveLength(3);
    expect(calls.filter((c) => c.path === "/api/v5/store/inventories")).toHaveLength(3);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    // Never more than 10 requests in any second (RetailCRM's limit per key).
    for (const call of calls)
      expect(calls.filter((c) => c.at >= call.at && c.at < call.at + 1000).length).toBeLessThanOrEqual(10);
  });

  it("reads one SKU's leftover by article, external id or XML id; null for an unknown SKU", async () => {
    const shop = await shopWithRetailCrmSource();
    const { port } = await sourceOf(shop);
    expect(await port.stockOf("ART-012")).toMatchObject({ sku: "ART-012", available: 12 });
    expect(await port.stockOf("EXT-ONLY")).toMatchObject({ available: 4 });
    expect(await port.stockOf("XML-ONLY")).toMatchObject({ available: 5 });
    expect(await port.stockOf("NOPE")).toBeNull();
  });

  it("has no dated leftovers: a changes-only read answers every level, undated", async () => {
    const shop = await shopWithRetailCrmSource();
    const { port } = await sourceOf(shop);
    const moved = await port.changedSince(new Date());
    expect(moved.items).toHaveLength(234);
    expect(moved.items.every((level) => level.updatedAt === undefined)).toBe(true);
  });

  it("follows a leftover changed in RetailCRM on the next read", async () => {
    const shop = await shopWithRetailCrmSource();
    const { port } = await sourceOf(shop);
    const response = await fetch(`${crm.url}/api/v5/store/inventories/upload`, {
      method: "POST",
      headers: { "x-api-key": "crm-test-api-key-0001", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        offers: JSON.stringify([{ xmlId: "XML-ONLY", stores: [{ code: STORE, available: 31 }] }]),
      }).toString(),
    });
    expect(response.status).toBe(200);
    expect(await port.stockOf("XML-ONLY")).toMatchObject({ available: 31 });
  });

  it("is the stock source only when the routing picks it: with Fastmag set up too, Fastmag stays the source", async () => {
    const shop = await shopWithRetailCrmSource({ chosen: false });
    // RetailCRM alone set up, not chosen: no stock source by default.
    expect(await routedConnector(db, shop, "stock-source")).toBeNull();
    await saveConnectorSettings(
      shop,
      "fastmag",
      { host: "http://127.0.0.1:1", enseigne: CREDENTIALS.enseigne, magasin: "M", compte: "C" },
      { motpasse: "x" },
    );
    expect((await routedConnector(db, shop, "stock-source"))?.id).toBe("fastmag");
    await saveRouting(db, shop, { stockSource: "retailcrm" });
    expect((await routedConnector(db, shop, "stock-source"))?.id).toBe("retailcrm");
  });

  it("keeps a warehouse chosen while it is the source, and asks for one when none is", async () => {
    const shop = await shopWithRetailCrmSource();
    await expect(setUpCrm(shop, crm, "")).rejects.toThrow(/Stock comes from RetailCRM: pick its warehouse/);
    // A routing saved before the warehouse was emptied (no screen allows it now): the run waits for setup.
    await saveRouting(db, shop, { stockSource: null });
    await setUpCrm(shop, crm, "");
    await saveRouting(db, shop, { stockSource: "retailcrm" });
    await expect(sourceOf(shop)).rejects.toThrow(/No RetailCRM warehouse is chosen yet/);
    // The run that waits for setup stores its words: a French admin reads what to do in French.
    const waiting = await sourceOf(shop).catch((e: unknown) => e);
    expect(sayIn(merchantMessageOf(waiting)!, "fr")).toBe(
      "Aucun entrepôt RetailCRM n'est encore choisi (ses restes sont le stock) : choisissez-en un dans Paramètres → RetailCRM.",
    );
  });

  it("answers RetailCRM's inventoriesUpload callback without writing its own leftovers back", async () => {
    const shop = await shopWithRetailCrmSource();
    const { clientId } = await loadConnectorSecrets(shop, "retailcrm");
    const before = uploads(crm).length;
    const answer = await inventoriesUploadCallback(
      new Request("http://127.0.0.1/retailcrm/inventories-upload", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ clientId: clientId! }).toString(),
      }),
    );
    expect(answer).toEqual({
      status: 200,
      body: { success: true, uploadedOffers: 0, unmatchedSkus: 0, uploadCalls: 0 },
    });
    expect(uploads(crm).length).toBe(before);
  });
});
