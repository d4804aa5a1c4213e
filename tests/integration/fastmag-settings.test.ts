// The Fastmag settings screen: its loader (saved settings without the password, Shopify locations
// from the Shopify emulator), saving with field-level errors and nothing saved half-way, and "Test
// connection" against the Fastmag emulator (success, wrong password, Fastmag down).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { loadFastmagSettings } from "~/connectors/fastmag/settings.server";
import { loadConnectorSecrets } from "~/connectors/settings.server";
import { loader as dashboardLoader } from "~/routes/app._index";
import { action, loader } from "~/routes/app.settings.fastmag";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { startFastmagEmulator, type FastmagEmulator } from "../../emulators/fastmag/index";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { adminRequest, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { findFrench } from "../e2e/support/french";
import { CREDENTIALS } from "./fastmag-harness";

const shop = uniqueShop("fmset");
let shopify: ShopifyEmulator;
let fastmag: FastmagEmulator;

beforeAll(async () => {
  shopify = await startShopifyEmulator({
    app: {
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: process.env.SHOPIFY_API_SECRET!,
      appUrl: process.env.SHOPIFY_APP_URL!,
    },
    shops: [{ domain: shop, locations: [{ name: "Entrepôt Lyon" }, { name: "Boutique Marais" }] }],
  });
  installShopifyOriginOverride(shopify.url);
  fastmag = await startFastmagEmulator({ credentials: CREDENTIALS, seed: "demo" });
  await installShop(shop, { ianaTimezone: "Europe/Paris" });
  await db.session.update({ where: { id: `offline_${shop}` }, data: { accessToken: shopify.issueAccessToken(shop) } });
});

afterAll(async () => {
  await fastmag?.close();
  await shopify?.close();
});

const load = () => loader({ request: adminRequest(shop, "/app/settings/fastmag"), params: {}, context: {} });
const loadIn = (locale: "en" | "fr") =>
  loader({ request: adminRequest(shop, `/app/settings/fastmag?locale=${locale}`), params: {}, context: {} });
const submit = (form: Record<string, string>) =>
  action({ request: adminRequest(shop, "/app/settings/fastmag", { form }), params: {}, context: {} });

async function validForm(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  const { locations } = await load();
  return {
    intent: "save",
    host: fastmag.url,
    enseigne: CREDENTIALS.enseigne,
    magasin: CREDENTIALS.magasin,
    compte: CREDENTIALS.compte,
    motpasse: CREDENTIALS.motpasse,
    stockA: "on",
    stockB: "on",
    safetyMargin: "2",
    locationId: locations[1]!.id,
    seasons: "E24, H24",
    timeZone: "Europe/Paris",
    ...overrides,
  };
}

describe("Fastmag settings screen", () => {
  it("starts empty, with the shop's Shopify locations to choose from", async () => {
    const data = await load();
    expect(data.settings).toBeNull();
    expect(data.passwordSet).toBe(false);
    expect(data.connection.state).toBe("not-configured");
    expect(data.locationsError).toBeNull();
    expect(data.locations.map((l) => l.name).sort()).toEqual(["Boutique Marais", "Entrepôt Lyon"]);
    expect(data.locations.every((l) => /^gid:\/\/shopify\/Location\/\d+$/.test(l.id))).toBe(true);
  });

  it("reports every invalid field and saves nothing", async () => {
    const result = await submit({
      intent: "save",
      host: "http://fastmag.example.com/",
      enseigne: "",
      magasin: "WEB",
      compte: "passerelle",
      motpasse: "",
      stockA: "",
      stockB: "",
      safetyMargin: "-3",
      locationId: "gid://shopify/Location/999999",
      seasons: "E24|X",
      timeZone: "Mars/Olympus_Mons",
      "query.products": "DELETE FROM products",
      "query.productBySku": "SELECT * FROM products WHERE gencod = :gencod",
      "query.dropEverything": "SELECT 1",
    });
    expect(result.ok).toBe(false);
    expect(Object.keys(result.fieldErrors).sort()).toEqual(
      [
        "enseigne",
        "host",
        "locationId",
        "motpasse",
        "stockA",
        "query.dropEverything",
        "query.productBySku",
        "query.products",
        "safetyMargin",
        "seasons",
        "timeZone",
      ].sort(),
    );
    expect(result.fieldErrors.host).toContain("https://");
    expect(result.fieldErrors["query.products"]).toContain("SELECT");
    expect(result.fieldErrors["query.productBySku"]).toContain(":reference, :color, :size");
    expect(await loadFastmagSettings(shop)).toEqual({ settings: null, passwordSet: false });

    expect(result.fieldErrors.locationId).toContain("not one of the shop's Shopify locations");
    // With the other fields fixed, excluding both stocks is still refused.
    const noStock = await submit(await validForm({ stockA: "", stockB: "" }));
    expect(noStock).toMatchObject({ ok: false, fieldErrors: { stockA: expect.stringContaining("at least one") } });
    expect((await loadFastmagSettings(shop)).settings).toBeNull();
  });

  it("saves valid settings; the loader shows them and only whether a password is set", async () => {
    const form = await validForm({
      "query.seasons": "SELECT DISTINCT p.season FROM products p WHERE p.season LIKE 'E%' ORDER BY p.season",
    });
    const result = await submit(form);
    expect(result).toMatchObject({ ok: true });

    const data = await load();
    expect(data.passwordSet).toBe(true);
    expect(data.connection.state).toBe("untested");
    expect(data.settings).toEqual({
      host: fastmag.url,
      enseigne: CREDENTIALS.enseigne,
      magasin: CREDENTIALS.magasin,
      compte: CREDENTIALS.compte,
      stock: { includeA: true, includeB: true, safetyMargin: 2 },
      seasons: ["E24", "H24"],
      timeZone: "Europe/Paris",
      queryOverrides: { seasons: form["query.seasons"] },
    });
    // The Shopify location asked on this screen is the shop's routing, not a Fastmag setting.
    expect(data.shopifyLocationId).toBe(form.locationId);
    expect(JSON.stringify(data)).not.toContain(CREDENTIALS.motpasse);
    expect(await loadConnectorSecrets(shop, "fastmag")).toEqual({ motpasse: CREDENTIALS.motpasse });

    // A later save with one bad field changes nothing, not even the fields that were valid.
    const bad = await submit({
      ...form,
      host: "https://other.example/",
      enseigne: "OTHER",
      motpasse: "new-password",
      timeZone: "Nowhere/Atlantis",
    });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { timeZone: expect.any(String) } });
    expect((await loadFastmagSettings(shop)).settings).toMatchObject({
      host: fastmag.url,
      enseigne: CREDENTIALS.enseigne,
    });
    expect(await loadConnectorSecrets(shop, "fastmag")).toEqual({ motpasse: CREDENTIALS.motpasse });
  });

  it("tests the connection: success, then a clear error for a wrong password", async () => {
    // An empty password field keeps the stored password.
    expect(await submit(await validForm({ motpasse: "", "query.seasons": "" }))).toMatchObject({ ok: true });
    const success = await submit({ intent: "test" });
    expect(success).toMatchObject({
      intent: "test",
      ok: true,
      message: "Connected: 4 seasons found (E23, E24, H23, H24).",
    });
    expect((await load()).connection).toEqual({ state: "connected", message: success.message });
    const dashboard = await dashboardLoader({ request: adminRequest(shop, "/app"), params: {}, context: {} });
    expect(dashboard.connectors).toEqual([expect.objectContaining({ connector: "fastmag", state: "connected" })]);
    // The saved check, read later: in French for a French admin (Settings, Dashboard), the English unchanged.
    expect((await loadIn("fr")).connection.message).toBe("Connecté : 4 saisons trouvées (E23, E24, H23, H24).");
    const dashboardFr = await dashboardLoader({
      request: adminRequest(shop, "/app?locale=fr"),
      params: {},
      context: {},
    });
    expect(dashboardFr.connectors[0]!.lastCheckMessage).toBe("Connecté : 4 saisons trouvées (E23, E24, H23, H24).");

    const wrong = "Not-The-Right-0ne";
    expect(await submit(await validForm({ motpasse: wrong }))).toMatchObject({ ok: true });
    const failure = await submit({ intent: "test" });
    expect(failure.ok).toBe(false);
    expect(failure.message).toMatch(
      /^Fastmag refused the login: “Identification incorrecte[^”]*”\. Check the enseigne/,
    );
    expect(failure.message).not.toContain(wrong);
    expect((await load()).connection.state).toBe("failing");
    expect((await loadIn("fr")).connection.message).toMatch(
      /^Fastmag a refusé la connexion : « Identification incorrecte.* ». Vérifiez l'enseigne/,
    );
    expect((await loadIn("en")).connection.message).toBe(failure.message);
    // Fastmag's French refusal is quoted in the English sentence, not run on in it.
    expect(findFrench(failure.message, [])).toEqual([]);
    const dashboardEn = await dashboardLoader({ request: adminRequest(shop, "/app"), params: {}, context: {} });
    expect(dashboardEn.connectors[0]!.lastCheckMessage).toBe(failure.message);
    // A check saved before its words were: the English, whoever reads it.
    await db.connectorSetting.updateMany({ where: { shop, connector: "fastmag" }, data: { lastCheckWords: null } });
    expect((await loadIn("fr")).connection.message).toBe(failure.message);
  });

  it("says which chosen seasons Fastmag does not know, and when Fastmag does not answer", async () => {
    expect(await submit(await validForm({ seasons: "E24 Z99" }))).toMatchObject({ ok: true });
    const partly = await submit({ intent: "test" });
    expect(partly).toMatchObject({ ok: true, message: expect.stringContaining("does not know the season Z99") });

    const down = await startFastmagEmulator({ credentials: CREDENTIALS });
    const downUrl = down.url;
    await down.close();
    expect(await submit(await validForm({ host: downUrl }))).toMatchObject({ ok: true });
    const unreachable = await submit({ intent: "test" });
    // Classified in plain words: no error code, no address with its port.
    expect(unreachable).toMatchObject({
      ok: false,
      message: "Fastmag is not answering at its address. Check the address, or that Fastmag is running.",
    });
  });

  it("tests the form's unsaved values and saves nothing; a blank password means the saved one", async () => {
    // A working connection is saved and tested.
    expect(await submit(await validForm({ seasons: "" }))).toMatchObject({ ok: true });
    expect(await submit({ intent: "test" })).toMatchObject({ ok: true });
    const settingsBefore = await db.connectorSetting.findMany({ where: { shop } });
    const secretsBefore = await loadConnectorSecrets(shop, "fastmag");

    // Checking a new password, not saved: the test uses it, the working one stays.
    const wrong = await submit(await validForm({ intent: "test", seasons: "", motpasse: "Not-The-Right-0ne" }));
    expect(wrong).toMatchObject({ intent: "test", ok: false });
    expect(wrong.message).toMatch(/^Fastmag refused the login/);
    // Another address in the form, password left blank: the saved password is sent there.
    const elsewhere = await startFastmagEmulator({ credentials: CREDENTIALS, seed: "demo" });
    try {
      const other = await submit(await validForm({ intent: "test", seasons: "", motpasse: "", host: elsewhere.url }));
      expect(other).toMatchObject({ intent: "test", ok: true, message: expect.stringMatching(/^Connected/) });
    } finally {
      await elsewhere.close();
    }
    // A bad field in the form is shown next to it; nothing is tested.
    const bad = await submit(await validForm({ intent: "test", host: "" }));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { host: expect.any(String) } });

    expect(await db.connectorSetting.findMany({ where: { shop } })).toEqual(settingsBefore);
    expect(await loadConnectorSecrets(shop, "fastmag")).toEqual(secretsBefore);
    // Tests of unsaved values leave the saved connection's state alone.
    expect((await load()).connection.state).toBe("connected");
  });
});
