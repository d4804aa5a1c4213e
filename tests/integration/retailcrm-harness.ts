// Shared by the retailcrm-*.test.ts files: the RetailCRM emulator with a warehouse and offers keyed by
// the shop's SKUs, the shop's RetailCRM settings saved through the settings use-case, and reading back
// what RetailCRM holds.
import type { StockPicture } from "~/capabilities/stock-destination";
import type { StockLevel } from "~/domain/stock";
import { saveRetailCrmSettingsForm } from "~/settings/retailcrm.server";
import { StockIndex } from "~/sync/stock-picture";
import { startRetailCrmEmulator, type RetailCrmEmulator, type SeedOffer } from "../../emulators/retailcrm/index";

export const CRM_KEY = "crm-test-api-key-0001";
export const STORE = "main";

export async function startCrm(options: { offers?: SeedOffer[] } = {}): Promise<RetailCrmEmulator> {
  return startRetailCrmEmulator({
    port: 0,
    apiKeys: [CRM_KEY],
    seed: {
      stores: [
        { code: STORE, name: "Entrepôt principal" },
        { code: "shop-paris", name: "Boutique Paris" },
      ],
      offers: options.offers ?? [],
      orders: [{ externalId: "1001" }],
    },
  });
}

/** One offer per SKU, the SKU as its article (how the connector matches them first). */
export const offersForSkus = (skus: string[]): SeedOffer[] =>
  skus.map((sku, i) => ({ article: sku, externalId: `ext-${i}`, stores: [{ code: STORE, available: 0 }] }));

export async function setUpCrm(shop: string, crm: RetailCrmEmulator, storeCode = STORE) {
  const saved = await saveRetailCrmSettingsForm(shop, {
    accountUrl: crm.url,
    apiKey: CRM_KEY,
    moduleCode: "passerelle",
    storeCode,
  });
  if (!saved.ok) throw new Error(`RetailCRM settings not saved: ${JSON.stringify(saved)}`);
}

/** Available quantity per offer article at the warehouse. */
export function crmLevels(crm: RetailCrmEmulator, store = STORE): Map<string, number> {
  const levels = new Map<string, number>();
  for (const product of crm.state().products)
    for (const offer of product.offers) {
      const at = offer.stores.find((s) => s.code === store);
      if (offer.article && at) levels.set(offer.article, at.available);
    }
  return levels;
}

export const uploads = (crm: RetailCrmEmulator) =>
  crm.calls().filter((c) => c.method === "POST" && c.path === "/api/v5/store/inventories/upload");

export function pictureOf(levels: StockLevel[]): Promise<StockPicture> {
  const picture = new StockIndex();
  for (const level of levels) picture.add(level);
  return Promise.resolve(picture);
}
