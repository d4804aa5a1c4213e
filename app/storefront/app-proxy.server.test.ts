import { describe, expect, it } from "vitest";
import { appProxySignature, signAppProxyUrl, verifyAppProxyRequest } from "./app-proxy.server";

const secret = "hush";
const now = Date.UTC(2026, 11, 1, 12, 0, 0);
const nowSeconds = Math.floor(now / 1000);

function proxied(path = "https://app.example/proxy/job-application", timestamp = nowSeconds): URL {
  return signAppProxyUrl(new URL(path), secret, {
    shop: "demo.myshopify.com",
    pathPrefix: "/apps/passerelle",
    timestamp,
  });
}

describe("app proxy signature", () => {
  it("matches Shopify's documented example (sorted key=value pairs, no separator, repeated keys joined by commas)", () => {
    const params = new URLSearchParams(
      "extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555",
    );
    // The documentation's forwarded request carries a signature starting 4c68c8624d737112c91818c11017d24d334b.
    expect(appProxySignature(params, secret)).toBe("4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb");
  });

  it("accepts a fresh signed request and gives the signed shop", () => {
    expect(verifyAppProxyRequest(proxied(), secret, now)).toEqual({
      ok: true,
      shop: "demo.myshopify.com",
      customerId: null,
    });
  });

  it("refuses an unsigned request, a malformed signature and another app's secret", () => {
    const unsigned = proxied();
    unsigned.searchParams.delete("signature");
    expect(verifyAppProxyRequest(unsigned, secret, now)).toMatchObject({ ok: false, status: 401 });
    unsigned.searchParams.set("signature", "zz");
    expect(verifyAppProxyRequest(unsigned, secret, now)).toMatchObject({ ok: false, status: 401 });
    expect(verifyAppProxyRequest(proxied(), "other-secret", now)).toMatchObject({
      ok: false,
      status: 401,
      error: "The request is not signed by Shopify.",
    });
  });

  it("refuses a tampered request: another shop, an added parameter", () => {
    const otherShop = proxied();
    otherShop.searchParams.set("shop", "victim.myshopify.com");
    expect(verifyAppProxyRequest(otherShop, secret, now)).toMatchObject({ ok: false, status: 401 });
    const added = proxied();
    added.searchParams.append("logged_in_customer_id", "42");
    expect(verifyAppProxyRequest(added, secret, now)).toMatchObject({ ok: false, status: 401 });
  });

  it("refuses a stale or far-future timestamp, accepts one a few minutes old", () => {
    expect(verifyAppProxyRequest(proxied(undefined, nowSeconds - 4 * 60), secret, now).ok).toBe(true);
    expect(verifyAppProxyRequest(proxied(undefined, nowSeconds - 6 * 60), secret, now)).toMatchObject({
      ok: false,
      status: 401,
      error: expect.stringMatching(/too old/),
    });
    expect(verifyAppProxyRequest(proxied(undefined, nowSeconds + 10 * 60), secret, now).ok).toBe(false);
  });
});
