import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { loader as embeddedApp } from "~/routes/app";
import { loader as dashboard } from "~/routes/app._index";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { callRoute } from "../support/admin-request";
import { uniqueShop } from "../support/shops";

let shopify: ShopifyEmulator;
const shop = uniqueShop("install");

beforeAll(async () => {
  shopify = await startShopifyEmulator({
    port: 0,
    app: {
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: process.env.SHOPIFY_API_SECRET!,
      appUrl: process.env.SHOPIFY_APP_URL!,
    },
    shops: [
      {
        domain: shop,
        name: "Boutique Installée",
        plan: "Advanced",
        ianaTimezone: "America/Montreal",
        currencyCode: "CAD",
      },
    ],
  });
  installShopifyOriginOverride(shopify.url);
});

afterAll(async () => {
  await shopify?.close();
});

function firstVisit(idToken: string): Request {
  const host = Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString("base64url");
  const url = `${process.env.SHOPIFY_APP_URL}/app?embedded=1&shop=${shop}&host=${host}&id_token=${idToken}`;
  // An ordinary browser: Shopify's library skips authentication for bots.
  return new Request(url, { headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36" } });
}

describe("installation through token exchange", () => {
  it("exchanges the session token, stores the offline session, records the shop and its default schedules", async () => {
    const response = await callRoute(() =>
      embeddedApp({ request: firstVisit(shopify.mintSessionToken(shop)), params: {}, context: {} }),
    );
    expect(response).not.toBeInstanceOf(Response);

    const session = await db.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } });
    expect(session.accessToken).toMatch(/\S{10,}/);
    const record = await db.shop.findUniqueOrThrow({ where: { domain: shop } });
    expect(record).toMatchObject({
      name: "Boutique Installée",
      ianaTimezone: "America/Montreal",
      currencyCode: "CAD",
      uninstalledAt: null,
    });
    const schedules = await db.schedule.findMany({ where: { shop } });
    expect(schedules.map((s) => [s.type, s.timezone, s.enabled])).toContainEqual([
      "maintenance.prune-job-history",
      "America/Montreal",
      true,
    ]);

    const calls = shopify.callLog({ shop });
    expect(calls.map((c) => c.operationName)).toContain("ShopInfo");
  });

  it("sends a session token signed with another secret back to re-authenticate, storing nothing", async () => {
    const other = uniqueShop("intruder");
    const forged = shopify.mintSessionToken(shop).split(".");
    forged[2] = "invalidsignature";
    const response = await callRoute(() =>
      embeddedApp({ request: firstVisit(forged.join(".")), params: {}, context: {} }),
    );
    expect(response).toBeInstanceOf(Response);
    expect([302, 401]).toContain((response as Response).status);
    expect(await db.session.count({ where: { shop: other } })).toBe(0);
  });

  it("re-authenticates by token exchange when the kept database's token is no longer Shopify's (a restarted app)", async () => {
    await callRoute(() =>
      embeddedApp({ request: firstVisit(shopify.mintSessionToken(shop)), params: {}, context: {} }),
    );
    // The kept database holds a token the Shopify it now talks to does not know.
    await db.session.update({ where: { id: `offline_${shop}` }, data: { accessToken: "shpat_from_another_run" } });
    const visit = () =>
      callRoute(() => dashboard({ request: firstVisit(shopify.mintSessionToken(shop)), params: {}, context: {} }));
    let answer = await visit();
    // At most one bounce (the library drops the refused session), then the screen answers with a fresh token.
    if (answer instanceof Response) answer = await visit();
    expect(answer).not.toBeInstanceOf(Response);
    const session = await db.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } });
    expect(session.accessToken).not.toBe("shpat_from_another_run");
  });
});
