import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { action as uninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as scopesUpdate } from "~/routes/webhooks.app.scopes_update";
import { deliverAndProcess, webhookRequest } from "../support/webhooks";
import { uniqueShop } from "../support/shops";

const call = (action: typeof uninstalled, request: Request) =>
  deliverAndProcess(() => action({ request, params: {}, context: {} }) as Promise<Response>);

async function installedShop() {
  const shop = uniqueShop();
  await db.shop.create({ data: { domain: shop, name: "Test shop" } });
  await db.session.create({
    data: { id: `offline_${shop}`, shop, state: "", accessToken: "shpat_x", scope: "read_products" },
  });
  return shop;
}

describe("webhook reception", () => {
  it("answers 401 to a wrong HMAC and records nothing", async () => {
    const shop = await installedShop();
    const request = webhookRequest({
      topic: "app/uninstalled",
      shop,
      payload: { domain: shop },
      hmac: "bm90LXRoZS1obWFj",
    });
    const response = await call(uninstalled, request);
    expect(response.status).toBe(401);
    expect(await db.webhookDelivery.count({ where: { shop } })).toBe(0);
    expect(await db.session.count({ where: { shop } })).toBe(1);
    expect((await db.shop.findUniqueOrThrow({ where: { domain: shop } })).uninstalledAt).toBeNull();
  });

  it("answers 401 when signed with another secret", async () => {
    const shop = await installedShop();
    const request = webhookRequest({ topic: "app/uninstalled", shop, payload: {}, secret: "someone-else" });
    expect((await call(uninstalled, request)).status).toBe(401);
    expect(await db.webhookDelivery.count({ where: { shop } })).toBe(0);
  });

  it("processes the same webhook id once", async () => {
    const shop = await installedShop();
    const first = await call(
      scopesUpdate,
      webhookRequest({
        topic: "app/scopes_update",
        shop,
        webhookId: `dup-${shop}`,
        payload: { current: ["read_products", "write_products"] },
      }),
    );
    expect(first.status).toBe(200);
    expect((await db.shop.findUniqueOrThrow({ where: { domain: shop } })).scopes).toBe("read_products,write_products");

    // The duplicate carries another payload: had it been processed, the scopes would change.
    const second = await call(
      scopesUpdate,
      webhookRequest({
        topic: "app/scopes_update",
        shop,
        webhookId: `dup-${shop}`,
        payload: { current: ["read_orders"] },
      }),
    );
    expect(second.status).toBe(200);
    expect(second.headers.get("x-passerelle-duplicate")).toBe("1");
    expect((await db.shop.findUniqueOrThrow({ where: { domain: shop } })).scopes).toBe("read_products,write_products");
    expect(await db.webhookDelivery.count({ where: { shop } })).toBe(1);
  });

  it("concurrent duplicates run the use-case once", async () => {
    const shop = await installedShop();
    const webhookId = `race-${shop}`;
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        call(
          scopesUpdate,
          webhookRequest({ topic: "app/scopes_update", shop, webhookId, payload: { current: [`scope_${i}`] } }),
        ),
      ),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(responses.filter((r) => r.headers.get("x-passerelle-duplicate") !== "1")).toHaveLength(1);
  });

  it("app/uninstalled forgets sessions and marks the shop uninstalled, keeping its settings", async () => {
    const shop = await installedShop();
    await db.connectorSetting.create({ data: { shop, connector: "fastmag", configJson: "{}" } });
    const response = await call(
      uninstalled,
      webhookRequest({ topic: "app/uninstalled", shop, payload: { domain: shop } }),
    );
    expect(response.status).toBe(200);
    expect(await db.session.count({ where: { shop } })).toBe(0);
    expect((await db.shop.findUniqueOrThrow({ where: { domain: shop } })).uninstalledAt).toBeInstanceOf(Date);
    expect(await db.connectorSetting.count({ where: { shop } })).toBe(1);
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { shop } });
    expect(delivery.status).toBe("processed");
  });

  it("app/uninstalled stops the shop's schedules and cancels its waiting runs", async () => {
    const shop = await installedShop();
    await db.schedule.create({
      data: { shop, type: "maintenance.prune-job-history", cron: "0 3 * * *", timezone: "Europe/Paris" },
    });
    const waiting = await db.job.create({
      data: { shop, type: "maintenance.prune-job-history", trigger: "schedule", runAfter: new Date() },
    });
    expect(
      (await call(uninstalled, webhookRequest({ topic: "app/uninstalled", shop, payload: { domain: shop } }))).status,
    ).toBe(200);
    expect((await db.schedule.findFirstOrThrow({ where: { shop } })).enabled).toBe(false);
    expect((await db.job.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe("cancelled");
  });

  it("rejects a GET with 405 and records nothing", async () => {
    const shop = await installedShop();
    const response = await call(
      uninstalled,
      new Request("http://127.0.0.1:3999/webhooks/app/uninstalled", { method: "GET" }),
    );
    expect(response.status).toBe(405);
    expect(await db.webhookDelivery.count({ where: { shop } })).toBe(0);
  });
});
