// /auth/exit-iframe takes the browser out of the admin frame to `exitIframe`: only to the app itself
// or the shop's admin, never to an address someone put in a link.
import { describe, expect, it } from "vitest";
import { loader } from "~/routes/auth.$";
import { callRoute } from "../support/admin-request";

const appUrl = process.env.SHOPIFY_APP_URL!;
const shop = "maboutique.myshopify.com";

async function exitTo(destination: string): Promise<Response> {
  const url = `${appUrl}/auth/exit-iframe?shop=${shop}&host=YWRtaW4&exitIframe=${encodeURIComponent(destination)}`;
  const result = await callRoute(() =>
    loader({ request: new Request(url), params: { "*": "exit-iframe" }, context: {} }),
  );
  if (!(result instanceof Response)) throw new Error("expected a response");
  return result;
}

describe("/auth/exit-iframe", () => {
  it("refuses to send the browser to another site", async () => {
    for (const destination of [
      "https://evil.example.com/x",
      "//evil.example.com",
      "https://other.myshopify.com/admin",
    ]) {
      const response = await exitTo(destination);
      expect(response.status, destination).toBe(400);
      expect(await response.json()).toEqual({ error: expect.stringContaining("outside the app") });
    }
  });

  it("lets the library send it to the shop's admin", async () => {
    const destination = `https://admin.shopify.com/store/maboutique/apps/passerelle`;
    const response = await exitTo(destination);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(JSON.stringify(destination));
  });
});
