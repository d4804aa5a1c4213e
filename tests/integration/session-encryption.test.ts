// Shopify access tokens are stored encrypted in the Session table: installing writes an encrypted
// token, the app (the library's session storage and the jobs' Admin client) reads it back, and a row
// stored before encryption stays usable and is encrypted the next time it is stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { loader as embeddedApp } from "~/routes/app";
import { sessionStorage } from "~/shopify.server";
import { adminClientForShop } from "~/shopify/admin-for-shop.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { SHOP_INFO } from "~/shopify/operations/shop";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { callRoute } from "../support/admin-request";
import { uniqueShop } from "../support/shops";

let shopify: ShopifyEmulator;
const installed = uniqueShop("sealed");
const legacy = uniqueShop("plain");

beforeAll(async () => {
  shopify = await startShopifyEmulator({
    port: 0,
    app: {
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: process.env.SHOPIFY_API_SECRET!,
      appUrl: process.env.SHOPIFY_APP_URL!,
    },
    shops: [
      { domain: installed, name: "Boutique Chiffrée" },
      { domain: legacy, name: "Boutique Ancienne" },
    ],
  });
  installShopifyOriginOverride(shopify.url);
});

afterAll(async () => {
  await shopify?.close();
});

function firstVisit(shop: string, idToken: string): Request {
  const host = Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString("base64url");
  const url = `${process.env.SHOPIFY_APP_URL}/app?embedded=1&shop=${shop}&host=${host}&id_token=${idToken}`;
  return new Request(url, { headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36" } });
}

const storedToken = async (shop: string) =>
  (await db.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } })).accessToken;

describe("access tokens at rest", () => {
  it("installing stores the token encrypted; the library and the jobs read it back", async () => {
    await callRoute(() =>
      embeddedApp({ request: firstVisit(installed, shopify.mintSessionToken(installed)), params: {}, context: {} }),
    );
    const stored = await storedToken(installed);
    expect(stored).toMatch(/^enc:v1:/);
    expect(stored).not.toMatch(/shpat_/);

    const session = await sessionStorage.loadSession(`offline_${installed}`);
    expect(session?.accessToken).toMatch(/^shpat_/);
    const client = await adminClientForShop(installed);
    expect((await client.request(SHOP_INFO)).data.shop.name).toBe("Boutique Chiffrée");
  });

  it("a token stored in plain text before encryption is still used, and encrypted on its next store", async () => {
    const token = shopify.issueAccessToken(legacy);
    await db.session.create({
      data: { id: `offline_${legacy}`, shop: legacy, state: "", accessToken: token, scope: "read_products" },
    });
    const client = await adminClientForShop(legacy);
    expect((await client.request(SHOP_INFO)).data.shop.name).toBe("Boutique Ancienne");

    const session = await sessionStorage.loadSession(`offline_${legacy}`);
    expect(session?.accessToken).toBe(token);
    expect(await sessionStorage.storeSession(session!)).toBe(true);
    const stored = await storedToken(legacy);
    expect(stored).toMatch(/^enc:v1:/);
    expect((await sessionStorage.findSessionsByShop(legacy))[0]?.accessToken).toBe(token);
    expect((await (await adminClientForShop(legacy)).request(SHOP_INFO)).data.shop.name).toBe("Boutique Ancienne");
  });
});
