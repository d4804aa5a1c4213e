// Settings → Where your data goes: the routing chooser through its route (loader and action), as the
// embedded app calls it. Choices come from the registry's connectors; a system not set up, not offering
// the part, or not ready for it is a field error in plain words and nothing is saved; the plain-words
// sentences follow what was saved.
import { describe, expect, it } from "vitest";
import { listAppEvents } from "~/alerts/app-events.server";
import { loadRouting } from "~/connectors/routing.server";
import { saveConnectorSettings } from "~/connectors/settings.server";
import { db } from "~/db.server";
import { loader as settingsLoader } from "~/routes/app.settings._index";
import { action, loader } from "~/routes/app.settings.routing";
import { saveRetailCrmSettingsForm, setRetailCrmReceivesStock } from "~/settings/retailcrm.server";
import { adminRequest, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { CREDENTIALS } from "./fastmag-harness";

const load = (shop: string) =>
  loader({ request: adminRequest(shop, "/app/settings/routing"), params: {}, context: {} });
const post = (shop: string, form: Record<string, string>) =>
  action({
    request: adminRequest(shop, "/app/settings/routing", {
      form: { stockSource: "", priceSource: "", orderDestination: "", stockDestinations: "", ...form },
    }),
    params: {},
    context: {},
  });

async function shopWith(options: { fastmag?: boolean; retailcrm?: "with-warehouse" | "no-warehouse" }) {
  const shop = uniqueShop("routing");
  await installShop(shop);
  if (options.fastmag)
    await saveConnectorSettings(
      shop,
      "fastmag",
      { host: "http://127.0.0.1:9", enseigne: CREDENTIALS.enseigne, magasin: "M", compte: "C" },
      { motpasse: "x" },
    );
  if (options.retailcrm) {
    const saved = await saveRetailCrmSettingsForm(shop, {
      accountUrl: "http://127.0.0.1:9",
      apiKey: "crm-test-api-key-0001",
      moduleCode: "passerelle",
      storeCode: options.retailcrm === "with-warehouse" ? "main" : "",
    });
    expect(saved.ok).toBe(true);
  }
  return shop;
}

describe("the routing chooser", () => {
  it("offers each part's systems, saying which are not set up yet", async () => {
    const shop = await shopWith({ fastmag: true });
    const screen = await load(shop);
    expect(screen.options.stockSources).toEqual([
      { id: "fastmag", name: "Fastmag", unavailable: null },
      {
        id: "retailcrm",
        name: "RetailCRM",
        unavailable: "RetailCRM is not set up yet: fill in Settings → RetailCRM first.",
      },
    ]);
    expect(screen.options.priceSources.map((o) => o.id)).toEqual(["fastmag"]);
    expect(screen.options.orderDestinations.map((o) => o.id)).toEqual(["fastmag"]);
    expect(screen.options.stockDestinations.map((o) => o.id)).toEqual(["shopify", "retailcrm", "tuyo"]);
    expect(screen.alwaysReceivesStock).toEqual(["shopify"]);
    // What plays each part now (Fastmag, the one set up), before any choice is saved.
    expect(screen.current).toEqual({
      stockSource: "fastmag",
      priceSource: "fastmag",
      orderDestination: "fastmag",
      stockDestinations: ["shopify"],
    });
    expect(screen.sentences[0]).toBe("Stock comes from Fastmag; it is sent to Shopify.");
  });

  it("saves stock from Fastmag to Shopify and RetailCRM, and the sentences say so here and on Settings", async () => {
    const shop = await shopWith({ fastmag: true, retailcrm: "with-warehouse" });
    const answer = await post(shop, {
      stockSource: "fastmag",
      priceSource: "fastmag",
      orderDestination: "fastmag",
      stockDestinations: "retailcrm",
    });
    expect(answer).toMatchObject({ ok: true });
    expect(answer.ok && answer.sentences).toEqual([
      "Stock comes from Fastmag; it is sent to Shopify and RetailCRM.",
      "Prices come from Fastmag.",
      "Orders are sent to Fastmag.",
    ]);
    expect(await loadRouting(db, shop)).toMatchObject({
      stockSource: "fastmag",
      stockDestinations: ["shopify", "retailcrm"],
    });
    const settings = await settingsLoader({ request: adminRequest(shop, "/app/settings"), params: {}, context: {} });
    expect(settings.routing[0]).toBe("Stock comes from Fastmag; it is sent to Shopify and RetailCRM.");
    expect((await load(shop)).current.stockDestinations).toEqual(["shopify", "retailcrm"]);
    // The Logs screen's event: in French for a French admin, the stored English for an English one.
    const saved = async (locale: "en" | "fr") =>
      (await listAppEvents(shop, { kind: "settings-changed" }, db, locale)).items[0]!.message;
    expect(await saved("fr")).toBe(
      "Destination de vos données enregistrée : Le stock vient de Fastmag ; il est envoyé à Shopify et RetailCRM. Les prix viennent de Fastmag. Les commandes sont envoyées à Fastmag.",
    );
    expect(await saved("en")).toBe(
      "Where your data goes saved: Stock comes from Fastmag; it is sent to Shopify and RetailCRM. Prices come from Fastmag. Orders are sent to Fastmag.",
    );

    // And back: RetailCRM no longer receives stock.
    expect(await post(shop, { stockSource: "fastmag", stockDestinations: "" })).toMatchObject({ ok: true });
    expect((await loadRouting(db, shop)).stockDestinations).toEqual(["shopify"]);
  });

  it("makes RetailCRM the stock source; it then cannot receive stock", async () => {
    const shop = await shopWith({ fastmag: true, retailcrm: "with-warehouse" });
    const answer = await post(shop, { stockSource: "retailcrm", priceSource: "fastmag" });
    expect(answer.ok && answer.sentences[0]).toBe("Stock comes from RetailCRM; it is sent to Shopify.");
    expect(await setRetailCrmReceivesStock(shop, true)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Stock comes from RetailCRM: it cannot receive it too/),
    });

    const both = await post(shop, { stockSource: "retailcrm", stockDestinations: "retailcrm" });
    expect(both).toEqual({
      ok: false,
      message: "Some choices need fixing; nothing was saved.",
      fieldErrors: {
        stockDestinations:
          "Stock comes from RetailCRM: it cannot receive it too. Untick it, or choose another stock source.",
      },
    });
    expect((await loadRouting(db, shop)).stockDestinations).toEqual(["shopify"]);
  });

  it("refuses, field by field and in plain words, a system that is not set up, not ready, or cannot play the part", async () => {
    const shop = await shopWith({ retailcrm: "no-warehouse" });
    const answer = await post(shop, {
      stockSource: "fastmag",
      priceSource: "retailcrm",
      orderDestination: "sap",
      stockDestinations: "retailcrm",
    });
    expect(answer).toEqual({
      ok: false,
      message: "Some choices need fixing; nothing was saved.",
      fieldErrors: {
        stockSource: "Fastmag is not set up yet: fill in Settings → Fastmag first.",
        priceSource: "RetailCRM cannot be the price source.",
        orderDestination: "Pick one of the listed systems.",
        stockDestinations: "Pick the RetailCRM warehouse first (Settings → RetailCRM).",
      },
    });
    expect(await db.shopRouting.findUnique({ where: { shop } })).toBeNull();
    const screen = await load(shop);
    expect(screen.options.stockDestinations.find((o) => o.id === "retailcrm")?.unavailable).toBe(
      "Pick the RetailCRM warehouse first (Settings → RetailCRM).",
    );
    expect(screen.sentences[0]).toBe("No stock source is set up yet.");
  });
});
