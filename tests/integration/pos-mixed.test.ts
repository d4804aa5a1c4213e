// One shop fed by four sources at once, against the emulators and the real database: Fastmag's web stock
// (the stock full sync) writes the web location, and three POS accounts of three systems — Square for
// Paris, Hiboutik for Nantes, Lightspeed Retail for Marseille — each write theirs through the POS poll.
// Every location converges to its own source, a second run with nothing moved writes nothing, and an
// online order fulfilled from two shops is sold once in each of their POS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { savePosAccount } from "~/pos/accounts.server";
import { confirmAllSuggestions, refreshItemMappings } from "~/pos/items.server";
import { saveLocationMappings } from "~/pos/locations.server";
import { dispatchOrderSales, type OrderPayload } from "~/pos/sales.server";
import { pollPosStock } from "~/pos/stock.server";
import { fullStockSync } from "~/sync/stock.server";
import { quietReporter } from "~/sync/sync-context";
import { startHiboutikEmulator, type HiboutikEmulator } from "../../emulators/hiboutik/index";
import { DEMO_CLIENT, startLightspeedEmulator, type LightspeedEmulator } from "../../emulators/lightspeed/index";
import { createOrder, orderCreatePayload } from "../../emulators/shopify/orders";
import { startSquareEmulator, type SquareEmulator } from "../../emulators/square/index";
import { shopifyOf, startStockWorld, type StockWorld } from "./stock-harness";

const SQUARE_TOKEN = "mixed-square-token";
const SQUARE_PARIS = "LMIXPARIS0001";
const HIBOUTIK_USER = { email: "caisse@nantes.test", apiKey: "hb-mixed-key" };
const HIBOUTIK_NANTES = { storeId: 1, warehouseId: 10 };
const LIGHTSPEED_MARSEILLE = 1;

let world: StockWorld;
let square: SquareEmulator;
let hiboutik: HiboutikEmulator;
let lightspeed: LightspeedEmulator;
const SYSTEMS = ["square", "hiboutik", "lightspeed"] as const;
type System = (typeof SYSTEMS)[number];
const accounts: Record<System, string> = { square: "", hiboutik: "", lightspeed: "" };
let skus: string[];
let runs = 0;

// Item i of every POS sells Fastmag SKU i (the same SKU in Shopify); each POS starts with its own counts.
const squareId = (i: number) => `VMIX${i}`;
const hiboutikId = (i: number) => i + 1;
const lightspeedId = (i: number) => i + 1;

beforeAll(async () => {
  world = await startStockWorld({
    variants: 40,
    locationName: "Web",
    otherLocations: ["Paris", "Nantes", "Marseille"],
  });
  skus = world.skus;
  square = await startSquareEmulator({
    port: 0,
    accessTokens: [SQUARE_TOKEN],
    rateLimit: { limit: 1000, windowMs: 1000 },
    seed: {
      locations: [{ id: SQUARE_PARIS, name: "Boutique Paris" }],
      items: skus.map((sku, i) => ({
        id: `IMIX${i}`,
        name: `Article ${i}`,
        variations: [{ id: squareId(i), name: "Regular", sku, price: 1000, counts: { [SQUARE_PARIS]: 10 + (i % 9) } }],
      })),
    },
  });
  hiboutik = await startHiboutikEmulator({
    account: "nantes",
    users: [HIBOUTIK_USER],
    seed: {
      stores: [{ id: HIBOUTIK_NANTES.storeId, name: "Boutique Nantes" }],
      warehouses: [{ id: HIBOUTIK_NANTES.warehouseId, name: "Réserve Nantes", storeId: HIBOUTIK_NANTES.storeId }],
      products: skus.map((sku, i) => ({
        id: hiboutikId(i),
        model: `Article ${i}`,
        refExt: sku,
        stock: [{ warehouseId: HIBOUTIK_NANTES.warehouseId, quantity: 20 + (i % 5) }],
      })),
    },
  });
  lightspeed = await startLightspeedEmulator({
    accountID: "7777",
    seed: {
      shops: [{ shopID: LIGHTSPEED_MARSEILLE, name: "Boutique Marseille" }],
      registers: [{ registerID: 1, name: "Caisse 1", shopID: LIGHTSPEED_MARSEILLE }],
      employees: [{ employeeID: 1, firstName: "Camille", lastName: "Martin" }],
      items: skus.map((sku, i) => ({
        itemID: lightspeedId(i),
        description: `Article ${i}`,
        customSku: sku,
        price: 10,
        qoh: { [LIGHTSPEED_MARSEILLE]: 30 + (i % 7) },
      })),
    },
  });
  const tokens = lightspeed.issueTokens();
  const saved = {
    square: await savePosAccount(world.shop, {
      system: "square",
      name: "Paris",
      settings: { apiUrl: square.url },
      secrets: { accessToken: SQUARE_TOKEN, webhookSignatureKey: "sig-key" },
    }),
    hiboutik: await savePosAccount(world.shop, {
      system: "hiboutik",
      name: "Nantes",
      settings: { accountName: "nantes", email: HIBOUTIK_USER.email, apiUrl: hiboutik.url },
      secrets: { apiKey: HIBOUTIK_USER.apiKey },
    }),
    lightspeed: await savePosAccount(world.shop, {
      system: "lightspeed",
      name: "Marseille",
      settings: {
        clientId: DEMO_CLIENT.clientId,
        accountId: "7777",
        shopId: LIGHTSPEED_MARSEILLE,
        registerId: 1,
        employeeId: 1,
        apiUrl: lightspeed.url,
      },
      secrets: {
        clientSecret: DEMO_CLIENT.clientSecret,
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token,
      },
    }),
  };
  accounts.square = saved.square.id;
  accounts.hiboutik = saved.hiboutik.id;
  accounts.lightspeed = saved.lightspeed.id;
});

afterAll(async () => {
  await Promise.all([world?.close(), square?.close(), hiboutik?.close(), lightspeed?.close()]);
});

const loc = (name: "Web" | "Paris" | "Nantes" | "Marseille") => world.locationIds[name]!;
const shopifyWrites = () =>
  world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "InventorySetQuantities").length;

/** What each source holds, by SKU, for the Shopify location it feeds. */
function sourceLevels() {
  const paris = new Map<string, number>();
  for (const count of square.state().counts)
    if (count.locationId === SQUARE_PARIS && count.state === "IN_STOCK")
      paris.set(skus[Number(count.catalogObjectId.slice(4))]!, Number(count.quantity));
  const nantes = new Map<string, number>();
  for (const line of hiboutik.state().stock as { productId: number; warehouseId: number; quantity: number }[])
    if (line.warehouseId === HIBOUTIK_NANTES.warehouseId) nantes.set(skus[line.productId - 1]!, line.quantity);
  const marseille = new Map<string, number>();
  for (const item of lightspeed.state().items)
    marseille.set(skus[item.itemID - 1]!, item.itemShops.find((row) => row.shopID === LIGHTSPEED_MARSEILLE)!.qoh);
  return { Web: world.erpWebStock(), Paris: paris, Nantes: nantes, Marseille: marseille };
}

function expectConverged() {
  for (const [name, source] of Object.entries(sourceLevels())) {
    const levels = world.shopifyLevelsAt(loc(name as "Web"));
    const differing = skus.filter((sku) => levels.get(sku) !== Math.max(0, source.get(sku) ?? NaN));
    expect({ location: name, differing }).toEqual({ location: name, differing: [] });
  }
}

/** The Fastmag stock run, then one poll per POS account, as their jobs would run them. */
async function syncEverything() {
  const run = `mixed-${++runs}`;
  const fastmag = shopifyOf(await fullStockSync(world.stockRun({ runId: `${run}-fastmag`, report: quietReporter() })));
  const polls = {} as Record<System, Awaited<ReturnType<typeof pollPosStock>>>;
  for (const system of SYSTEMS)
    polls[system] = await pollPosStock({
      db,
      shop: world.shop,
      accountId: accounts[system],
      client: world.client,
      runId: `${run}-${system}`,
      report: quietReporter(),
    });
  return { fastmag, ...polls };
}

describe("one shop fed by Fastmag and by Square, Hiboutik and Lightspeed accounts", () => {
  it("maps every POS item by SKU and each POS location to its Shopify location", async () => {
    for (const accountId of Object.values(accounts)) {
      const refreshed = await refreshItemMappings(world.shop, accountId, { client: world.client });
      expect(refreshed).toMatchObject({ posItems: skus.length, suggested: skus.length, unmatched: 0 });
      expect(await confirmAllSuggestions(world.shop, accountId)).toBe(skus.length);
    }
    await saveLocationMappings(world.shop, accounts.square, {
      mappings: [{ posLocationId: SQUARE_PARIS, shopifyLocationId: loc("Paris") }],
    });
    await saveLocationMappings(world.shop, accounts.hiboutik, {
      mappings: [{ posLocationId: String(HIBOUTIK_NANTES.storeId), shopifyLocationId: loc("Nantes") }],
    });
    await saveLocationMappings(world.shop, accounts.lightspeed, {
      mappings: [{ posLocationId: String(LIGHTSPEED_MARSEILLE), shopifyLocationId: loc("Marseille") }],
    });
  });

  it("converges every location to its own source, and stays there", async () => {
    const polls = await syncEverything();
    expect(polls.fastmag.changed).toBeGreaterThan(0);
    for (const system of SYSTEMS)
      expect(polls[system], system).toMatchObject({ posCounts: skus.length, moved: skus.length, written: skus.length });
    expectConverged();

    const before = shopifyWrites();
    const quiet = await syncEverything();
    expect(quiet.fastmag.changed).toBe(0);
    for (const system of SYSTEMS)
      expect(quiet[system], system).toMatchObject({ moved: 0, written: 0, shopifyWrites: 0 });
    expect(shopifyWrites()).toBe(before);
    expectConverged();
  });

  it("follows counts moved in every POS and in Fastmag, then writes nothing when nothing moved again", async () => {
    square.setCount({ catalogObjectId: squareId(3), locationId: SQUARE_PARIS, quantity: 42 });
    square.setCount({ catalogObjectId: squareId(4), locationId: SQUARE_PARIS, quantity: 0 });
    hiboutik.setStock({ productId: hiboutikId(5), warehouseId: HIBOUTIK_NANTES.warehouseId, quantity: 2 });
    lightspeed.setQoh(lightspeedId(6), LIGHTSPEED_MARSEILLE, 77);
    lightspeed.setQoh(lightspeedId(7), LIGHTSPEED_MARSEILLE, 1);
    world.moveErpStock(skus[8]!, 5, "2026-01-01 10:00:00");

    const moved = await syncEverything();
    expect(moved.fastmag.changed).toBe(1);
    expect(moved.square).toMatchObject({ moved: 2, written: 2 });
    expect(moved.hiboutik).toMatchObject({ moved: 1, written: 1 });
    expect(moved.lightspeed).toMatchObject({ moved: 2, written: 2 });
    expectConverged();
    expect(world.shopifyLevelsAt(loc("Paris")).get(skus[3]!)).toBe(42);
    expect(world.shopifyLevelsAt(loc("Nantes")).get(skus[5]!)).toBe(2);
    expect(world.shopifyLevelsAt(loc("Marseille")).get(skus[6]!)).toBe(77);
    // Each source only wrote its own location: Paris's moved item stays as Nantes and Marseille count it.
    expect(world.shopifyLevelsAt(loc("Nantes")).get(skus[3]!)).toBe(20 + (3 % 5));
    expect(world.shopifyLevelsAt(loc("Marseille")).get(skus[3]!)).toBe(30 + (3 % 7));

    const before = shopifyWrites();
    const quiet = await syncEverything();
    expect(quiet.fastmag.changed).toBe(0);
    for (const system of SYSTEMS) expect(quiet[system], system).toMatchObject({ written: 0 });
    expect(shopifyWrites()).toBe(before);
    expectConverged();
  });

  it("sells an online order's Paris line in Square and its Marseille line in Lightspeed, once each", async () => {
    const variantOf = (sku: string) => [...world.shopRecord.variants.values()].find((v) => v.sku === sku)!;
    const [parisSku, marseilleSku] = [skus[10]!, skus[11]!];
    const squareBefore = sourceLevels().Paris.get(parisSku)!;
    const lightspeedBefore = sourceLevels().Marseille.get(marseilleSku)!;
    const hiboutikBefore = sourceLevels().Nantes;
    const record = createOrder(world.shopify.store, world.shopRecord, {
      lineItems: [
        { variantId: variantOf(parisSku).id, quantity: 2, price: "10.00", location: "Paris" },
        { variantId: variantOf(marseilleSku).id, quantity: 3, price: "10.00", location: "Marseille" },
      ],
    });
    const payload = orderCreatePayload(world.shopRecord, record) as unknown as OrderPayload;

    const sent = await dispatchOrderSales(world.shop, payload, { client: world.client });
    expect(sent.map((s) => s.outcome)).toEqual(["sent", "sent"]);
    // Delivered again (a webhook retry): nothing sent twice.
    const again = await dispatchOrderSales(world.shop, payload, { client: world.client });
    expect(again.map((s) => s.outcome)).toEqual(["already-sent", "already-sent"]);

    const after = sourceLevels();
    expect(after.Paris.get(parisSku)).toBe(squareBefore - 2);
    expect(after.Marseille.get(marseilleSku)).toBe(lightspeedBefore - 3);
    expect(after.Nantes).toEqual(hiboutikBefore);
    expect(lightspeed.state().sales).toHaveLength(1);
    expect(hiboutik.state().sales).toHaveLength(0);
    const dispatched = await db.posDispatch.findMany({ where: { shop: world.shop, kind: "sale" } });
    expect(dispatched.map((d) => [d.accountId, d.posItemId, d.quantity, d.status]).sort()).toEqual(
      [
        [accounts.square, squareId(10), 2, "sent"],
        [accounts.lightspeed, String(lightspeedId(11)), 3, "sent"],
      ].sort(),
    );

    const polls = await syncEverything();
    expect(polls.square).toMatchObject({ moved: 1, written: 1 });
    expect(polls.lightspeed).toMatchObject({ moved: 1, written: 1 });
    expect(polls.hiboutik).toMatchObject({ moved: 0, written: 0 });
    expect(polls.fastmag.changed).toBe(0);
    expectConverged();
    expect(world.shopifyLevelsAt(loc("Paris")).get(parisSku)).toBe(squareBefore - 2);
    expect(world.shopifyLevelsAt(loc("Marseille")).get(marseilleSku)).toBe(lightspeedBefore - 3);
  });
});
