import { describe, expect, it } from "vitest";
import { loader as dashboard } from "~/routes/app._index";
import { saveConnectorSettings, recordConnectionCheck } from "~/connectors/settings.server";
import { adminRequest, callRoute, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";

describe("Dashboard loader", () => {
  it("shows the shop and each configured connector's connection state, never its secrets", async () => {
    const shop = uniqueShop();
    await installShop(shop, { name: "Maison Test", ianaTimezone: "Europe/Paris" });
    await saveConnectorSettings(shop, "fastmag", { host: "https://x.example" }, { motpasse: "s3cret-pass" });
    await recordConnectionCheck(shop, "fastmag", false, "KO|Identification incorrecte");

    const data = await dashboard({ request: adminRequest(shop, "/app"), params: {}, context: {} });
    expect(data.shop).toMatchObject({ domain: shop, name: "Maison Test", ianaTimezone: "Europe/Paris" });
    expect(data.connectors).toEqual([
      expect.objectContaining({ connector: "fastmag", name: "Fastmag", state: "failing", lastCheckMessage: "KO|Identification incorrecte" }),
    ]);
    expect(JSON.stringify(data)).not.toContain("s3cret-pass");
  });

  it("refuses a request without a valid session token", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const request = new Request(`${process.env.SHOPIFY_APP_URL}/app`, { headers: { authorization: "Bearer not.a.jwt" } });
    const response = await callRoute(() => dashboard({ request, params: {}, context: {} }));
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(401);
  });
});
