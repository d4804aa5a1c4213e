// Settings → Point of sale through its route's action, as the embedded app posts it, against the Square
// emulator: saving a new account answers its id (the screen then shows that account), and "Read the POS
// locations" of the location mapping reads the saved account's locations with its stored address and token;
// Run now is the merchant's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { listLocationMappings } from "~/pos/locations.server";
import { action } from "~/routes/app.settings.pos";
import type { SquareEmulator } from "../../emulators/square/index";
import { adminRequest, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { LYON, PARIS, SQUARE_TOKEN, startSquare } from "./pos-harness";

let square: SquareEmulator;
const shop = uniqueShop("pos-screen");

beforeAll(async () => {
  square = await startSquare(1);
  await installShop(shop);
});
afterAll(async () => square?.close());

const post = (form: Record<string, string>) =>
  action({ request: adminRequest(shop, "/app/settings/pos", { form }), params: {}, context: {} });

describe("the point-of-sale settings screen", () => {
  it("saves a new account, answering its id; reads its locations from what was saved", async () => {
    const saved = await post({
      intent: "save",
      system: "square",
      name: "Paris et Lyon",
      cron: "*/5 * * * *",
      "settings.apiUrl": square.url,
      "settings.locationIds": "",
      "kind.apiUrl": "text",
      "kind.locationIds": "list",
      "secrets.accessToken": SQUARE_TOKEN,
    });
    expect(saved).toMatchObject({ intent: "save", ok: true, accountId: expect.any(String) });

    // The location mapping sends only the account: nothing of the form, the saved values are used.
    const read = await post({ intent: "read-locations", accountId: saved.accountId! });
    expect(read).toMatchObject({ ok: true, fieldErrors: {} });
    expect(read.locations?.map((l) => l.name)).toEqual(["Boutique Paris", "Boutique Lyon"]);
  });

  it('saves a location set to "Not kept in step" as such: the screen shows that choice again', async () => {
    const saved = await post({
      intent: "save",
      system: "square",
      name: "Paris sans Lyon",
      cron: "*/5 * * * *",
      "settings.apiUrl": square.url,
      "kind.apiUrl": "text",
      "secrets.accessToken": SQUARE_TOKEN,
    });
    const accountId = saved.accountId!;
    // As the Locations card posts it: every POS location it shows, with the Shopify location chosen.
    const saveLocations = (lyon: string | null) =>
      post({
        intent: "locations",
        accountId,
        sumLocations: "",
        mappings: JSON.stringify([
          { posLocationId: PARIS, posLocationName: "Boutique Paris", shopifyLocationId: "gid://shopify/Location/1" },
          { posLocationId: LYON, posLocationName: "Boutique Lyon", shopifyLocationId: lyon },
        ]),
      });
    expect(await saveLocations("gid://shopify/Location/2")).toMatchObject({ ok: true, message: "Locations saved." });
    expect(await saveLocations(null)).toMatchObject({ ok: true, message: "Locations saved." });
    // What the screen's loader gives the Locations card: Lyon still there, not kept in step.
    expect((await listLocationMappings(shop, accountId)).mappings).toEqual([
      { posLocationId: LYON, posLocationName: "Boutique Lyon", shopifyLocationId: null },
      { posLocationId: PARIS, posLocationName: "Boutique Paris", shopifyLocationId: "gid://shopify/Location/1" },
    ]);
  });

  it("Run now on the screen queues a poll started by the merchant (not by the API)", async () => {
    const saved = await post({
      intent: "save",
      system: "square",
      name: "Lyon",
      cron: "*/5 * * * *",
      "settings.apiUrl": square.url,
      "kind.apiUrl": "text",
      "secrets.accessToken": SQUARE_TOKEN,
    });
    expect(await post({ intent: "run", accountId: saved.accountId! })).toMatchObject({ ok: true });
    const job = await db.job.findFirstOrThrow({ where: { shop, type: `pos.stock.${saved.accountId}` } });
    expect(job.trigger).toBe("manual");
  });

  it("answers a French admin in French, an English one as before", async () => {
    const form = {
      intent: "save",
      system: "square",
      name: "Bordeaux",
      cron: "*/5 * * * *",
      "settings.apiUrl": square.url,
      "kind.apiUrl": "text",
      "secrets.accessToken": SQUARE_TOKEN,
    };
    const postIn = (path: string, fields: Record<string, string>) =>
      action({ request: adminRequest(shop, path, { form: fields }), params: {}, context: {} });
    const fr = await postIn("/app/settings/pos?locale=fr", form);
    expect(fr.message).toBe(
      "« Bordeaux » enregistré. Testez la connexion, puis associez ses emplacements et ses articles.",
    );
    expect((await postIn("/app/settings/pos?locale=fr", { intent: "run", accountId: fr.accountId! })).message).toBe(
      "Relevé du stock mis en file d'attente.",
    );
    const missing = await postIn("/app/settings/pos?locale=fr", { ...form, name: "", "secrets.accessToken": "" });
    expect(missing).toMatchObject({
      ok: false,
      message: "Certains champs sont à vérifier.",
      fieldErrors: { name: "Donnez un nom au compte, par exemple la ville de la boutique" },
    });
    const en = await post({ ...form, name: "Nantes" });
    expect(en.message).toBe('"Nantes" saved. Test the connection, then map its locations and items.');
    expect((await post({ intent: "remove", accountId: en.accountId! })).message).toBe("Account removed.");
  });
});
