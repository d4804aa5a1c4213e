// What the fulfillment-service callbacks trust: only Shopify's signature over the query. The shop is
// the signed one (an unsigned header naming another shop gets nothing of that shop), and a signed URL
// expires a few minutes after its timestamp.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { loader as fetchStock } from "~/routes/fulfillment.fetch_stock";
import { loader as fetchTrackingNumbers } from "~/routes/fulfillment.fetch_tracking_numbers";
import { signCallbackQuery } from "~/shopify/callback-signature.server";
import { uniqueShop } from "../support/shops";

const secret = () => process.env.SHOPIFY_API_SECRET!;
const shopA = uniqueShop("cb-a");
const shopB = uniqueShop("cb-b");
const nowSeconds = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  for (const [shop, number] of [
    [shopA, "A-TRACK-1"],
    [shopB, "B-TRACK-1"],
  ] as const) {
    await db.orderExport.create({
      data: {
        shop,
        shopifyOrderId: `gid://shopify/Order/${number}`,
        shopifyOrderName: "#1001",
        status: "exported",
        payloadJson: "{}",
        trackingNumber: number,
      },
    });
  }
});

function signedUrl(path: string, params: Record<string, string | string[]>): URL {
  const url = new URL(`${process.env.SHOPIFY_APP_URL}${path}`);
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, v);
  }
  return signCallbackQuery(url, secret());
}

const call = (loader: typeof fetchStock, url: URL, headers: Record<string, string> = {}) =>
  loader({ request: new Request(url, { headers }), params: {}, context: {} });

describe("fetch_tracking_numbers", () => {
  it("answers the signed shop's numbers, and nothing for a shop named only in the unsigned header", async () => {
    const url = signedUrl("/fulfillment/fetch_tracking_numbers.json", {
      "order_names[]": ["#1001"],
      shop: shopA,
      timestamp: String(nowSeconds()),
    });
    const own = await call(fetchTrackingNumbers, url, { "x-shopify-shop-domain": shopA });
    expect(own.status).toBe(200);
    expect(((await own.json()) as { tracking_numbers: unknown }).tracking_numbers).toEqual({ "#1001": "A-TRACK-1" });

    const crossShop = await call(fetchTrackingNumbers, url, { "x-shopify-shop-domain": shopB });
    const body = await crossShop.text();
    expect(body).not.toContain("B-TRACK-1");
    expect(crossShop.status).toBe(401);
  });

  it("refuses a signed URL without a shop", async () => {
    const url = signedUrl("/fulfillment/fetch_tracking_numbers", {
      "order_names[]": ["#1001"],
      timestamp: String(nowSeconds()),
    });
    const response = await call(fetchTrackingNumbers, url, { "x-shopify-shop-domain": shopB });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain("B-TRACK-1");
  });
});

describe("signed callback URLs expire", () => {
  const cases = [
    ["fetch_stock", fetchStock, "/fulfillment/fetch_stock.json", {}],
    [
      "fetch_tracking_numbers",
      fetchTrackingNumbers,
      "/fulfillment/fetch_tracking_numbers",
      { "order_names[]": "#1001" },
    ],
  ] as const;

  for (const [name, loader, path, extra] of cases) {
    it(`${name}: a fresh timestamp is answered; a missing, stale or far-future one gets 401`, async () => {
      const fresh = await call(loader, signedUrl(path, { ...extra, shop: shopA, timestamp: String(nowSeconds()) }));
      expect(fresh.status).toBe(200);
      const fourMinutesOld = signedUrl(path, { ...extra, shop: shopA, timestamp: String(nowSeconds() - 240) });
      expect((await call(loader, fourMinutesOld)).status).toBe(200);

      for (const timestamp of [undefined, String(nowSeconds() - 600), String(nowSeconds() + 3600), "soon"]) {
        const params: Record<string, string> = { ...extra, shop: shopA };
        if (timestamp !== undefined) params.timestamp = timestamp;
        const response = await call(loader, signedUrl(path, params));
        expect({ timestamp, status: response.status }).toEqual({ timestamp, status: 401 });
        expect(await response.text()).not.toContain("A-TRACK-1");
      }
    });
  }
});
