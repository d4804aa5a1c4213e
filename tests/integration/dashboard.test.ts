import { describe, expect, it } from "vitest";
import { loader as dashboard } from "~/routes/app._index";
import { saveConnectorSettings, recordConnectionCheck } from "~/connectors/settings.server";
import { db } from "~/db.server";
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
      expect.objectContaining({
        connector: "fastmag",
        name: "Fastmag",
        state: "failing",
        lastCheckMessage: "KO|Identification incorrecte",
      }),
    ]);
    expect(JSON.stringify(data)).not.toContain("s3cret-pass");
  });

  it("lists the latest runs and the failures of the last 24 hours", async () => {
    const shop = uniqueShop();
    await installShop(shop, { ianaTimezone: "Europe/Paris" });
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
    const run = (status: string, finishedAt: Date, errorMessage?: string) =>
      db.job.create({
        data: {
          shop,
          type: "maintenance.prune-job-history",
          trigger: "schedule",
          status,
          runAfter: finishedAt,
          createdAt: finishedAt,
          finishedAt,
          errorMessage,
        },
      });
    await run("failed", hoursAgo(30), "old failure");
    await run("failed", hoursAgo(2), "Fastmag refused the login");
    await run("succeeded", hoursAgo(1));

    const data = await dashboard({ request: adminRequest(shop, "/app"), params: {}, context: {} });
    expect(data.failuresLast24h.map((f) => f.error?.message)).toEqual(["Fastmag refused the login"]);
    expect(data.latestRuns.map((r) => r.status)).toEqual(["succeeded", "failed", "failed"]);
  });

  it("refuses a request without a valid session token", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const request = new Request(`${process.env.SHOPIFY_APP_URL}/app`, {
      headers: { authorization: "Bearer not.a.jwt" },
    });
    const response = await callRoute(() => dashboard({ request, params: {}, context: {} }));
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(401);
  });
});
