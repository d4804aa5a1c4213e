import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { DEMO_SHOP } from "../../emulators/shopify/seed";
import type { Stack } from "../../scripts/stack";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let stack: Stack;
let page: Page;

beforeAll(async () => {
  session = await startE2eSession("dashboard");
  ({ stack, page } = session);
});

afterAll(async () => {
  await session?.close();
});

describe("the embedded Dashboard", () => {
  it("opens inside the emulated Shopify admin, authenticated by session token", async () => {
    await page.goto(stack.adminUrl);
    const app = page.frameLocator("iframe");
    await expect
      .poll(() => app.getByRole("heading", { name: "Dashboard" }).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await app
      .getByText(DEMO_SHOP.name ?? "")
      .first()
      .waitFor();
    await app.getByText(stack.shop).first().waitFor();
    await app.getByText("Europe/Paris").first().waitFor();
    await app.getByText("No back-office system connected yet").waitFor();
    // Schedules are on from the install; the Dashboard says what they wait for and where to set it up.
    await app.getByText("Set up Fastmag to start syncing").waitFor();
    await app.getByText(/These syncs wait until Fastmag is set up.*Stock \(changes only\)/).waitFor();
    expect(await app.getByRole("link", { name: "Set up Fastmag" }).first().getAttribute("href")).toContain(
      "/app/settings/fastmag",
    );
    await screenshot(page, "dashboard-first-visit");

    // The first visit exchanged the session token for an offline token and recorded the shop.
    const db = createPrismaClient(stack.databaseUrl);
    try {
      const shop = await db.shop.findUniqueOrThrow({ where: { domain: stack.shop } });
      expect(shop.ianaTimezone).toBe("Europe/Paris");
      expect(await db.session.count({ where: { shop: stack.shop } })).toBe(1);
    } finally {
      await db.$disconnect();
    }
  });

  it("shows a configured connector's connection state", async () => {
    const db = createPrismaClient(stack.databaseUrl);
    try {
      await db.connectorSetting.create({
        data: {
          shop: stack.shop,
          connector: "fastmag",
          configJson: "{}",
          lastCheckAt: new Date(),
          lastCheckOk: false,
          lastCheckMessage: "KO|Utilisateur inconnu",
        },
      });
      // Carrier settings are the orders feature's, not a connection: the list must not show them.
      await db.carrierSettings.create({ data: { shop: stack.shop, configJson: '{"notifyCustomer":true}' } });
    } finally {
      await db.$disconnect();
    }
    await page.reload();
    const app = page.frameLocator("iframe");
    await app.getByText("Connection failing").waitFor({ timeout: 30_000 });
    await app.getByText("KO|Utilisateur inconnu", { exact: false }).waitFor();
    expect(await app.getByText("Connector", { exact: true }).count()).toBe(0);
    await screenshot(page, "dashboard-connection-failing");
  });

  it("navigates with the admin's app menu", async () => {
    const app = page.frameLocator("iframe");
    await openFromAdminMenu(page, app, "Logs");
    await app.getByText("Webhooks received").waitFor({ timeout: 30_000 });
    await screenshot(page, "logs");
  });

  it("receives Shopify's signed webhooks over HTTP, a duplicate processed once, and lists them in Logs", async () => {
    const attempts = await stack.shopify.deliverWebhook({
      shop: stack.shop,
      topic: "app/scopes_update",
      payload: { id: 1, previous: ["read_products"], current: ["read_products", "write_inventory"] },
      duplicates: 1,
    });
    expect(attempts.map((a) => a.status)).toEqual([200, 200]);
    expect(new Set(attempts.map((a) => a.webhookId)).size).toBe(1);

    const db = createPrismaClient(stack.databaseUrl);
    try {
      // The app answers once the delivery is recorded; its webhook processor runs the use-case right after.
      const processed = async () => {
        for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
          const rows = await db.webhookDelivery.findMany({ where: { shop: stack.shop, topic: "app/scopes_update" } });
          if (rows.every((d) => d.status === "processed")) return rows;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return db.webhookDelivery.findMany({ where: { shop: stack.shop, topic: "app/scopes_update" } });
      };
      const deliveries = await processed();
      expect(deliveries.map((d) => d.status)).toEqual(["processed"]);
      expect(deliveries[0]!.attempts).toBe(1);
      expect((await db.shop.findUniqueOrThrow({ where: { domain: stack.shop } })).scopes).toBe(
        "read_products,write_inventory",
      );
    } finally {
      await db.$disconnect();
    }

    const app = page.frameLocator("iframe");
    await openFromAdminMenu(page, app, "Logs");
    await app.getByText("app/scopes_update").first().waitFor({ timeout: 30_000 });
    await app.getByRole("cell", { name: "processed" }).first().waitFor();
    await screenshot(page, "logs-webhook-received");
  });
});
