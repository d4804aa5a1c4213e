// Connector addresses in production mode (ALLOW_LOCAL_CONNECTORS=off): an address field is a way to
// make the server call anything it can reach, so only public https addresses are saved (Fastmag,
// carriers), and a Fastmag address stored earlier that points at this machine is refused before any
// connection is made.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const previous = vi.hoisted(() => {
  const value = process.env.ALLOW_LOCAL_CONNECTORS;
  process.env.ALLOW_LOCAL_CONNECTORS = "off";
  return value;
});

import { db } from "~/db.server";
import { loadFastmagSettings } from "~/connectors/fastmag/settings.server";
import { saveConnectorSettings } from "~/connectors/settings.server";
import { ValidationError } from "~/lib/errors";
import { saveOrderSettingsForm } from "~/sync/orders/settings-form.server";
import { action, loader } from "~/routes/app.settings.fastmag";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { startFastmagEmulator, type FastmagEmulator } from "../../emulators/fastmag/index";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { adminRequest, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { CREDENTIALS } from "./fastmag-harness";

const shop = uniqueShop("fmpolicy");
let shopify: ShopifyEmulator;
let fastmag: FastmagEmulator;

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
  fastmag = await startFastmagEmulator({ credentials: CREDENTIALS, seed: "demo" });
  await installShop(shop, { ianaTimezone: "Europe/Paris" });
  await db.session.update({ where: { id: `offline_${shop}` }, data: { accessToken: shopify.issueAccessToken(shop) } });
});

afterAll(async () => {
  await fastmag?.close();
  await shopify?.close();
  if (previous === undefined) delete process.env.ALLOW_LOCAL_CONNECTORS;
  else process.env.ALLOW_LOCAL_CONNECTORS = previous;
});

const submit = (form: Record<string, string>) =>
  action({ request: adminRequest(shop, "/app/settings/fastmag", { form }), params: {}, context: {} });

async function form(host: string): Promise<Record<string, string>> {
  const { locations } = await loader({ request: adminRequest(shop, "/app/settings/fastmag"), params: {}, context: {} });
  return {
    intent: "save",
    host,
    ...CREDENTIALS,
    stockA: "on",
    locationId: locations[0]!.id,
    timeZone: "Europe/Paris",
  };
}

describe("Fastmag address in production mode", () => {
  it("saves only public https addresses", async () => {
    const emulatorPort = new URL(fastmag.url).port;
    const refused: [string, RegExp][] = [
      [fastmag.url, /https:\/\//],
      [`https://127.0.0.1:${emulatorPort}/`, /public/],
      [`https://localhost:${emulatorPort}/`, /public/],
      ["https://[::1]:5432/", /public/],
      ["https://10.0.0.12/", /public/],
      ["https://169.254.169.254/latest/meta-data/", /public/],
      ["https://db.internal/", /public/],
    ];
    for (const [host, problem] of refused) {
      const result = await submit(await form(host));
      expect(result, host).toMatchObject({ ok: false, fieldErrors: { host: expect.stringMatching(problem) } });
    }
    expect((await loadFastmagSettings(shop)).settings).toBeNull();
    expect(fastmag.calls).toHaveLength(0);

    expect(await submit(await form("https://maboutique.fastmag.fr"))).toMatchObject({ ok: true });
  });

  it("refuses to test an address stored earlier that points at this machine, without calling it", async () => {
    const { settings } = await loadFastmagSettings(shop);
    await saveConnectorSettings(shop, "fastmag", { ...settings!, host: fastmag.url });
    const tested = await submit({ intent: "test" });
    expect(tested).toMatchObject({
      ok: false,
      message: expect.stringContaining("The Fastmag address cannot be used: The address must start with https://"),
    });
    expect(fastmag.calls).toHaveLength(0);
  });
});

describe("carrier addresses in production mode", () => {
  it("saves only public https tracking addresses", async () => {
    const refused = {
      chronopostUrl: "http://127.0.0.1:4300/tracking",
      tntFranceUrl: "https://192.168.1.20/service",
      tntExpressConnectUrl: "https://localhost:8443/track.do",
    };
    const error = await saveOrderSettingsForm(shop, refused).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      chronopostUrl: "Use an https:// address.",
      tntFranceUrl: expect.stringContaining("public"),
      tntExpressConnectUrl: expect.stringContaining("public"),
    });
    await expect(
      saveOrderSettingsForm(shop, { chronopostUrl: "https://ws.chronopost.fr/tracking-cxf/TrackingServiceWS" }),
    ).resolves.toMatchObject({ chronopostUrl: "https://ws.chronopost.fr/tracking-cxf/TrackingServiceWS" });
  });
});
