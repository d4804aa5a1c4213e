// Contract: every transaction the connector sends (customer, delivery address, order, transfer,
// web status) is applied by the emulator and read back through the connector's queries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FastmagRefusedError } from "~/connectors/fastmag/index.server";
import type { ErpOrderDraft } from "~/domain/orders";
import { startFastmag } from "./fastmag-harness";

let ctx: Awaited<ReturnType<typeof startFastmag>>;
beforeAll(async () => {
  ctx = await startFastmag({ seed: { variants: 200 } });
});
afterAll(() => ctx.emulator.close());

const BOXER = "BOXE20BEWARE|MARINE/GRIS CHINE|S";
const draft = (n: number, overrides: Partial<ErpOrderDraft> = {}): ErpOrderDraft => ({
  shopifyOrderId: `gid://shopify/Order/${n}`,
  shopifyOrderName: `#${n}`,
  email: `client${n}@example.fr`,
  paymentMethods: ["card"],
  comment: "Code porte 12|34\nSonner fort",
  shippingAddress: {
    name: "MAISON",
    firstName: "Zoé",
    lastName: "Cœur",
    address1: "1 rue du Château",
    zip: "75001",
    city: "Paris",
    country: "FR",
  },
  lines: [{ sku: BOXER, title: "Boxer façon œillet", unitPrice: 25, quantity: 1, discount: 5 }],
  shippingCost: 4.9,
  ...overrides,
});

describe("customers", () => {
  it("creates a customer and finds it by email", async () => {
    const { customerId } = await ctx.fastmag.customers.createCustomer({
      email: "leo.francais@example.fr",
      firstName: "Léo",
      lastName: "Français",
      civility: "MONSIEUR",
      externalId: "gid://shopify/Customer/5",
    });
    expect(customerId).toMatch(/^\d+$/);
    expect(await ctx.fastmag.customers.customerByEmail("leo.francais@example.fr")).toMatchObject({
      id: customerId,
      firstName: "Léo",
      lastName: "Français",
      externalId: "gid://shopify/Customer/5",
    });
  });

  it("adds a delivery address, and reports an unknown customer", async () => {
    await ctx.fastmag.customers.addDeliveryAddress("leo.francais@example.fr", {
      name: "BUREAU",
      address1: "5 place d'Italie",
      zip: "75013",
      city: "Paris",
      country: "FR",
    });
    expect(
      ctx.emulator.db
        .prepare(
          "SELECT a.city FROM customer_addresses a JOIN customers c USING (customer_id) WHERE c.email = ? AND a.name = 'BUREAU'",
        )
        .get("leo.francais@example.fr"),
    ).toEqual({ city: "Paris" });
    const error = await ctx.fastmag.customers
      .addDeliveryAddress("ghost@example.fr", { address1: "x", zip: "1", city: "y", country: "FR" })
      .catch((e) => e);
    expect(error).toBeInstanceOf(FastmagRefusedError);
    expect(error.message).toBe("Fastmag refused ADRESSECLIENT: “Client inconnu : ghost@example.fr”");
    expect(error.transient).toBe(false);
  });

  it("reports a customer Fastmag refuses", async () => {
    await expect(
      ctx.fastmag.customers.createCustomer({ email: "not an email", firstName: "A", lastName: "B" }),
    ).rejects.toThrow('Fastmag refused CLIENT: “Email invalide : "not an email"”');
  });
});

describe("orders", () => {
  it("creates customer, address and order; the order carries the Shopify id and free text intact", async () => {
    const { orderId } = await ctx.fastmag.orders.createOrder(draft(3001));
    const order = await ctx.fastmag.orders.orderByShopifyId("gid://shopify/Order/3001");
    expect(order).toMatchObject({ id: orderId, shopifyOrderName: "#3001", status: 100, shipped: false, total: 24.9 });
    expect(await ctx.fastmag.customers.customerByEmail("client3001@example.fr")).toMatchObject({
      firstName: "Zoé",
      lastName: "Cœur",
    });
    const stored = ctx.emulator.db.prepare("SELECT comment, address_name FROM orders WHERE order_id = ?").get(orderId);
    expect(stored).toEqual({ comment: "Code porte 12|34\r\nSonner fort", address_name: "MAISON" });
    const lines = ctx.emulator.db
      .prepare(
        "SELECT reference, color, size, designation, quantity, discount, total FROM order_lines WHERE order_id = ?",
      )
      .all(orderId);
    expect(lines).toEqual([
      {
        reference: "BOXE20BEWARE",
        color: "MARINE/GRIS CHINE",
        size: "S",
        designation: "Boxer façon œillet",
        quantity: 1,
        discount: 5,
        total: 20,
      },
    ]);
  });

  it("reports an unknown product and creates nothing", async () => {
    const before = ctx.emulator.db.prepare("SELECT COUNT(*) AS n FROM orders").get();
    const error = await ctx.fastmag.orders
      .createOrder(draft(3002, { lines: [{ sku: "GHOST|NOIR|M", title: "?", unitPrice: 10, quantity: 1 }] }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(FastmagRefusedError);
    expect(error.message).toBe("Fastmag refused ENTETE+LIGNE: “Article inconnu : GHOST NOIR M”");
    expect(ctx.emulator.db.prepare("SELECT COUNT(*) AS n FROM orders").get()).toEqual(before);
    expect(await ctx.fastmag.orders.orderByShopifyId("gid://shopify/Order/3002")).toBeNull();
  });

  it("sets the web status, after which the order reads as shipped with its tracking number", async () => {
    const { orderId } = await ctx.fastmag.orders.createOrder(draft(3003));
    await ctx.fastmag.orders.setWebStatus(orderId, 300, "COLISSIMO", "6A000000001");
    expect(await ctx.fastmag.orders.orderById(orderId)).toMatchObject({
      status: 300,
      statusLabel: "Expédiée",
      shipped: true,
      carrier: "COLISSIMO",
      trackingNumber: "6A000000001",
    });
    await expect(ctx.fastmag.orders.setWebStatus("999999", 300)).rejects.toThrow("Commande inconnue : 999999");
  });
});

describe("stock transfers", () => {
  it("moves stock from the general to the web stock and shows up in the differential read", async () => {
    const before = (await ctx.fastmag.inventory.stockOf(BOXER))!;
    const since = new Date(Date.now() - 2000);
    await ctx.fastmag.inventory.transfer([{ sku: BOXER, quantity: 2, from: "A", to: "B" }], "Commande #3001");
    expect(await ctx.fastmag.inventory.stockOf(BOXER)).toMatchObject({
      stockA: before.stockA - 2,
      stockB: before.stockB + 2,
    });
    expect((await ctx.fastmag.inventory.changedSince(since)).items.map((i) => i.sku)).toContain(BOXER);
  });

  it("refuses a transfer larger than the stock, without moving anything", async () => {
    const before = await ctx.fastmag.inventory.stockOf(BOXER);
    await expect(
      ctx.fastmag.inventory.transfer(
        [
          { sku: BOXER, quantity: 1, from: "B", to: "A" },
          { sku: BOXER, quantity: 10_000, from: "A", to: "B" },
        ],
        "trop",
      ),
    ).rejects.toThrow(/Stock GENERAL insuffisant/);
    expect(await ctx.fastmag.inventory.stockOf(BOXER)).toEqual(before);
  });
});
