import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isSignedByShopify, signCallbackQuery } from "./callback-signature.server";

const secret = "app-secret";
const noHeaders = new Headers();

describe("fulfillment callback signatures", () => {
  it("accepts the hmac parameter over the other parameters sorted, repeated keys joined by commas", () => {
    const url = new URL("https://app.example/fulfillment/fetch_tracking_numbers.json");
    url.searchParams.append("order_names[]", "#1001");
    url.searchParams.append("order_names[]", "#1002");
    url.searchParams.set("shop", "demo.myshopify.com");
    url.searchParams.set("timestamp", "1764000000");
    const message = "order_names[]=#1001,#1002&shop=demo.myshopify.com&timestamp=1764000000";
    const signed = signCallbackQuery(url, secret);
    expect(signed.searchParams.get("hmac")).toBe(createHmac("sha256", secret).update(message).digest("hex"));
    expect(isSignedByShopify(signed, noHeaders, secret)).toBe(true);
  });

  it("refuses a wrong secret, a changed parameter, a missing or malformed hmac", () => {
    const signed = signCallbackQuery(new URL("https://app.example/fetch_stock?shop=demo.myshopify.com&sku=A"), secret);
    expect(isSignedByShopify(signed, noHeaders, "other-secret")).toBe(false);
    const tampered = new URL(signed);
    tampered.searchParams.set("sku", "B");
    expect(isSignedByShopify(tampered, noHeaders, secret)).toBe(false);
    const unsigned = new URL(signed);
    unsigned.searchParams.delete("hmac");
    expect(isSignedByShopify(unsigned, noHeaders, secret)).toBe(false);
    unsigned.searchParams.set("hmac", "not-hex");
    expect(isSignedByShopify(unsigned, noHeaders, secret)).toBe(false);
  });

  it("accepts the header form over the raw query string", () => {
    const url = new URL("https://app.example/fetch_stock.json?shop=demo.myshopify.com&timestamp=1764000000");
    const header = createHmac("sha256", secret).update(url.search.slice(1)).digest("base64");
    expect(isSignedByShopify(url, new Headers({ "x-shopify-hmac-sha256": header }), secret)).toBe(true);
    expect(isSignedByShopify(url, new Headers({ "x-shopify-hmac-sha256": "AAAA" }), secret)).toBe(false);
  });
});
