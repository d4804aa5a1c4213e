// The JSON settings API, driven by the connector registry: each system's state and settings (secrets by
// name only), saving with the screen's own rules (422 naming fields, nothing saved), Test connection,
// and the routing — against the Shopify, Fastmag and RetailCRM emulators.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { loadConnectorSettings } from "~/connectors/settings.server";
import { db } from "~/db.server";
import { loader as routingGet, action as routingPut } from "~/routes/api.routing";
import { loader as overview, action as overviewAction } from "~/routes/api.settings._index";
import { loader as systemGet, action as systemPut } from "~/routes/api.settings.$connector._index";
import { action as systemTest } from "~/routes/api.settings.$connector.test";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { listShopLocationsOffline } from "~/shopify/locations.server";
import { startFastmagEmulator, type FastmagEmulator } from "../../emulators/fastmag/index";
import type { RetailCrmEmulator } from "../../emulators/retailcrm/index";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { CREDENTIALS } from "./fastmag-harness";
import { CRM_KEY, STORE, startCrm } from "./retailcrm-harness";

const shop = uniqueShop("setapi");
let token: string;
let shopify: ShopifyEmulator;
let fastmag: FastmagEmulator;
let crm: RetailCrmEmulator;
let locationId: string;

beforeAll(async () => {
  shopify = await startShopifyEmulator({
    app: {
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: process.env.SHOPIFY_API_SECRET!,
      appUrl: process.env.SHOPIFY_APP_URL!,
    },
    shops: [{ domain: shop, locations: [{ name: "Entrepôt Lyon" }] }],
  });
  installShopifyOriginOverride(shopify.url);
  [fastmag, crm] = await Promise.all([startFastmagEmulator({ credentials: CREDENTIALS, seed: "demo" }), startCrm()]);
  await installShop(shop, { ianaTimezone: "Europe/Paris" });
  await db.session.update({ where: { id: `offline_${shop}` }, data: { accessToken: shopify.issueAccessToken(shop) } });
  token = (await createApiToken(shop, "ERP")).token;
  locationId = (await listShopLocationsOffline(shop))[0]!.id;
});

afterAll(async () => {
  await Promise.all([fastmag?.close(), crm?.close(), shopify?.close()]);
});

function request(path: string, init: { method?: string; json?: unknown; token?: string | null } = {}) {
  const headers = new Headers({ "content-type": "application/json" });
  const bearer = init.token === undefined ? token : init.token;
  if (bearer) headers.set("authorization", `Bearer ${bearer}`);
  return new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
}
const args = (path: string, params: Record<string, string>, init?: Parameters<typeof request>[1]) => ({
  request: request(path, init),
  params,
  context: {},
});
const getSystem = (id: string) => systemGet(args(`/api/settings/${id}`, { connector: id }));
const putSystem = (id: string, json: unknown) =>
  systemPut(args(`/api/settings/${id}`, { connector: id }, { method: "PUT", json }));
const testSystem = (id: string) => systemTest(args(`/api/settings/${id}/test`, { connector: id }, { method: "POST" }));
const putRouting = (json: unknown) => routingPut(args("/api/routing", {}, { method: "PUT", json }));

const fastmagFields = () => ({
  host: fastmag.url,
  ...CREDENTIALS,
  stockA: true,
  stockB: true,
  safetyMargin: 1,
  locationId,
  seasons: ["E24", "H24"],
  timeZone: "Europe/Paris",
});

describe("JSON settings API", () => {
  it("lists every system the shop can set up, from the registry, with secrets by name only", async () => {
    const response = await overview(args("/api/settings", {}));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      connections: { id: string; state: string; settings: unknown; secrets: unknown[]; capabilities: string[] }[];
      routing: { sentences: string[] };
    };
    expect(body.connections.map((c) => c.id)).toEqual(["fastmag", "retailcrm", "sftp", "tuyo"]);
    expect(body.connections[0]).toMatchObject({
      state: "not-configured",
      settings: null,
      secrets: [{ name: "motpasse", set: false }],
    });
    expect(body.connections[0]!.capabilities).toContain("stock-source");
    expect(body.routing.sentences.length).toBeGreaterThan(0);
    expect((await overviewAction()).status).toBe(405);
  });

  it("saves a system's settings with its screen's rules: 422 naming the fields, nothing saved, then 200", async () => {
    const wrongTypes = await putSystem("fastmag", { ...fastmagFields(), safetyMargin: [1], colour: "red" });
    expect(wrongTypes.status).toBe(422);
    expect(((await wrongTypes.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toMatchObject({
      safetyMargin: expect.any(String),
      colour: "not a setting of this system",
    });

    const wrongValues = await putSystem("fastmag", {
      ...fastmagFields(),
      host: "ftp://fastmag.example.com",
      timeZone: "Mars/Olympus",
    });
    expect(wrongValues.status).toBe(422);
    expect(((await wrongValues.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toMatchObject({
      host: expect.any(String),
      timeZone: expect.stringContaining("time zone"),
    });
    expect(await loadConnectorSettings(shop, "fastmag")).toBeNull();

    const saved = await putSystem("fastmag", fastmagFields());
    const text = await saved.text();
    expect(saved.status, text).toBe(200);
    expect(text).not.toContain(CREDENTIALS.motpasse);
    expect(JSON.parse(text)).toMatchObject({
      id: "fastmag",
      state: "untested",
      settings: { host: fastmag.url, enseigne: CREDENTIALS.enseigne, seasons: ["E24", "H24"] },
      secrets: [{ name: "motpasse", set: true }],
    });

    // The password is write-only: a later save without it keeps it.
    const { motpasse: _omitted, ...withoutPassword } = fastmagFields();
    expect((await putSystem("fastmag", { ...withoutPassword, safetyMargin: 3 })).status).toBe(200);
    expect(await (await getSystem("fastmag")).json()).toMatchObject({
      settings: { stock: { safetyMargin: 3 } },
      secrets: [{ name: "motpasse", set: true }],
    });
  });

  it("tests a system's connection and shows the result in its state", async () => {
    const tested = await testSystem("fastmag");
    expect(tested.status).toBe(200);
    expect(await tested.json()).toMatchObject({ ok: true });
    expect(await (await getSystem("fastmag")).json()).toMatchObject({ state: "connected" });
  });

  it("tests the fields in the body, unsaved: a blank secret means the stored one, nothing is saved", async () => {
    const testFields = (id: string, json: unknown) =>
      systemTest(args(`/api/settings/${id}/test`, { connector: id }, { method: "POST", json }));
    const before = await loadConnectorSettings(shop, "fastmag");

    // A new password is tested without overwriting the working one.
    const wrong = await testFields("fastmag", { ...fastmagFields(), motpasse: "not-the-password" });
    expect(wrong.status).toBe(200);
    expect(await wrong.json()).toMatchObject({ ok: false, message: expect.stringMatching(/refused the login/) });
    const { motpasse: _blank, ...withoutPassword } = fastmagFields();
    const blank = await testFields("fastmag", { ...withoutPassword, motpasse: "" });
    expect(await blank.json()).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected/) });

    // Fields to fix first: 422 naming them, as saving does.
    const invalid = await testFields("fastmag", { ...fastmagFields(), host: "ftp://fastmag.example.com" });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toMatchObject({
      host: expect.any(String),
    });

    // A system never saved is tested from the body alone, and stays unsaved.
    const crmTest = await testFields("retailcrm", {
      accountUrl: crm.url,
      apiKey: CRM_KEY,
      moduleCode: "",
      storeCode: STORE,
    });
    expect(await crmTest.json()).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected/) });
    expect(await loadConnectorSettings(shop, "retailcrm")).toBeNull();

    expect(await loadConnectorSettings(shop, "fastmag")).toEqual(before);
    expect(await (await getSystem("fastmag")).json()).toMatchObject({ state: "connected" });
  });

  it("sets the routing with the chooser's checks", async () => {
    expect(
      (await putSystem("retailcrm", { accountUrl: crm.url, apiKey: CRM_KEY, moduleCode: "", storeCode: STORE })).status,
    ).toBe(200);

    const both = await putRouting({ stockSource: "retailcrm", stockDestinations: ["shopify", "retailcrm"] });
    expect(both.status).toBe(422);
    expect(((await both.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toHaveProperty(
      "stockDestinations",
    );
    expect((await putRouting({ priceSource: "retailcrm" })).status).toBe(422);
    expect((await putRouting({ stockSources: "fastmag" })).status).toBe(422);

    const saved = await putRouting({ stockSource: "fastmag", stockDestinations: ["shopify", "retailcrm"] });
    expect(saved.status).toBe(200);
    const routing = (await (await routingGet(args("/api/routing", {}))).json()) as {
      stockSource: string;
      stockDestinations: string[];
      sentences: string[];
    };
    expect(routing).toMatchObject({ stockSource: "fastmag", stockDestinations: ["shopify", "retailcrm"] });
    expect(routing.sentences.join(" ")).toMatch(/Fastmag.*Shopify and RetailCRM/);
  });

  it("answers 404 for a system there is nothing to set up for, 405 for other methods, 401 without a token", async () => {
    for (const id of ["shopify", "nope"]) {
      const response = await getSystem(id);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: string }).error).toContain("fastmag, retailcrm, sftp, tuyo");
    }
    expect(
      (await systemPut(args("/api/settings/fastmag", { connector: "fastmag" }, { method: "DELETE" }))).status,
    ).toBe(405);
    expect((await overview(args("/api/settings", {}, { token: null }))).status).toBe(401);
  });
});
