// The Dashboard's setup checklist: connect the ERP, choose locations, a first stock sync, order export —
// each item linking to where it is done, ticked as the shop gets there, gone once all are done or the
// merchant dismisses it.
import { describe, expect, it } from "vitest";
import { saveRouting } from "~/connectors/routing.server";
import { saveConnectorSettings } from "~/connectors/settings.server";
import { db } from "~/db.server";
import { action as dashboardAction, loader as dashboard } from "~/routes/app._index";
import { adminRequest, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";

const load = (shop: string) => dashboard({ request: adminRequest(shop, "/app"), params: {}, context: {} });

describe("Dashboard setup checklist", () => {
  it("lists the four steps with where to do each, ticks them as they are done, and disappears when all are", async () => {
    const shop = uniqueShop("checklist");
    await installShop(shop);
    let { checklist } = await load(shop);
    expect(checklist.show).toBe(true);
    expect(checklist.done).toBe(0);
    expect(checklist.items.map((i) => [i.id, i.done])).toEqual([
      ["erp", false],
      ["locations", false],
      ["first-sync", false],
      ["order-export", false],
    ]);
    expect(checklist.items.find((i) => i.id === "erp")).toMatchObject({ url: "/app/settings/fastmag" });
    expect(checklist.items.find((i) => i.id === "first-sync")).toMatchObject({ url: "/app/syncs/stock.full" });
    for (const item of checklist.items) expect(item.url).toMatch(/^\/app\//);

    // The ERP connected: it gives stock and receives orders.
    await saveConnectorSettings(shop, "fastmag", { host: "https://x.example" }, { motpasse: "s3cret" });
    ({ checklist } = await load(shop));
    expect(checklist.items.filter((i) => i.done).map((i) => i.id)).toEqual(["erp", "order-export"]);
    expect(checklist.items.find((i) => i.id === "locations")).toMatchObject({ url: "/app/settings/fastmag" });

    await saveRouting(db, shop, { shopifyLocationId: "gid://shopify/Location/1" });
    ({ checklist } = await load(shop));
    expect(checklist.done).toBe(3);
    expect(checklist.show).toBe(true);

    // A failed stock run is not a first sync; a succeeded one is.
    const run = (status: string) =>
      db.job.create({ data: { shop, type: "stock.full", trigger: "manual", status, runAfter: new Date() } });
    await run("failed");
    ({ checklist } = await load(shop));
    expect(checklist.items.find((i) => i.id === "first-sync")!.done).toBe(false);
    await run("succeeded");
    ({ checklist } = await load(shop));
    expect(checklist).toMatchObject({ done: 4, show: false });
  });

  it("stays away once dismissed", async () => {
    const shop = uniqueShop("checklist");
    await installShop(shop);
    expect((await load(shop)).checklist.show).toBe(true);
    await dashboardAction({
      request: adminRequest(shop, "/app", { form: { intent: "dismiss-checklist" } }),
      params: {},
      context: {},
    });
    const { checklist } = await load(shop);
    expect(checklist).toMatchObject({ show: false, done: 0 });
  });

  it("speaks the admin's language: French for a French admin, the English unchanged otherwise", async () => {
    const shop = uniqueShop("checklist");
    await installShop(shop);
    const french = await dashboard({ request: adminRequest(shop, "/app?locale=fr"), params: {}, context: {} });
    expect(french.checklist.items.map((i) => i.title)).toEqual([
      "Connectez votre ERP",
      "Choisissez les emplacements",
      "Lancez une première synchronisation du stock",
      "Activez l'export des commandes",
    ]);
    expect(french.checklist.items[0]).toMatchObject({ action: "Configurer Fastmag" });
    const english = await load(shop);
    expect(english.checklist.items.map((i) => i.title)).toEqual([
      "Connect your ERP",
      "Choose locations",
      "Run a first stock sync",
      "Turn order export on",
    ]);
    expect(english.checklist.items[0]).toMatchObject({ action: "Set up Fastmag" });
  });
});
