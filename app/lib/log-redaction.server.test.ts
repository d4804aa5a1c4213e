import { describe, expect, it } from "vitest";
import { redactSecrets } from "./log-redaction.server";

describe("redactSecrets", () => {
  it("cuts query strings from access-log lines and URLs in JSON", () => {
    const line = "GET /fulfillment/fetch_stock.json?shop=a.myshopify.com&timestamp=1&hmac=abcdef 200 12 - 3.1 ms\n";
    expect(redactSecrets(line)).toBe("GET /fulfillment/fetch_stock.json?[query hidden] 200 12 - 3.1 ms\n");
    const json = JSON.stringify({ url: "https://app.example/app?embedded=1&id_token=eyJ.x.y", ok: true });
    expect(redactSecrets(json)).toBe('{"url":"https://app.example/app?[query hidden]","ok":true}');
  });

  it("masks tokens, bearer credentials and signature fields wherever they appear", () => {
    const text = 'auth Bearer eyJhbGciOi.abc.def token psk_abcdefghijklmnop shpat_0123456789abcdef "hmac":"ff00"';
    const redacted = redactSecrets(text);
    for (const secret of ["eyJhbGciOi", "psk_", "shpat_", "hmac", "ff00"]) expect(redacted).not.toContain(secret);
    expect(redactSecrets("hmac=abc&x=1 signature=zz id_token=qq")).toBe("x=1  ");
  });

  it("leaves ordinary text alone", () => {
    for (const text of ["job ended: 3 changed, 0 skipped", "a/b?c", "status code=200", "Is this ok? yes"]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });
});
