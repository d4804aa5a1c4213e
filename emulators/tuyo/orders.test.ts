// Contract of the Tuyo emulator over real HTTP: sales, update_order, change_order, and the control API.
import { beforeEach, describe, expect, it } from "vitest";
import { api, createOrder, seedBoth, stocks, tuyo, uniqueProduct, withTuyoEmulator } from "./test-kit";

withTuyoEmulator();

describe("orders", () => {
  beforeEach(() => seedBoth());

  it("records a sale through the control API, taking the stock", async () => {
    const unique = await createOrder({ items: [{ sku: "32G4HJ32G4" }] });
    expect(unique).toMatchObject({
      status: 201,
      body: { kind: "unique", status: "Pendiente", items: [{ sku: "32G4HJ32G4", quantity: 1, price: 85.99 }] },
    });
    expect(stocks("32G4HJ32G4")).toEqual([[0]]);
    const variants = await createOrder({ code: "E08833", items: [{ sku: "ZAP-01-N", quantity: 6 }] });
    expect(variants.body).toMatchObject({ code: "E08833", kind: "variants" });
    expect(stocks("ZAP-01")).toEqual([[0, 1], [3]]);
    expect((await createOrder({ items: [{ sku: "32G4HJ32G4" }] })).status).toBe(409);
    expect((await fetch(`${tuyo.url}/_emulator/orders/E08833`)).status).toBe(200);
  });

  it("moves a unique product's order with update_order/{sku}: Empaque, then Ruta, never back", async () => {
    const { body: order } = await createOrder({ items: [{ sku: "32G4HJ32G4" }] });
    expect(await api("PATCH", "/api/update_order/32G4HJ32G4", { body: { status: "Empaque" } })).toEqual({
      status: 200,
      body: { status: 200, response: " Order updated!" },
    });
    expect((await api("PATCH", "/api/update_order/32G4HJ32G4", { body: { status: "Ruta" } })).status).toBe(200);
    expect((await api("PATCH", "/api/update_order/32G4HJ32G4", { body: { status: "Empaque" } })).body).toEqual({
      status: 400,
      response: `Order ${order.code} is already in status Ruta`,
    });
    const [saved] = tuyo.orders();
    expect(saved.status).toBe("Ruta");
    expect(saved.history.map((h) => [h.status, h.via])).toEqual([
      ["Empaque", "update_order"],
      ["Ruta", "update_order"],
    ]);
  });

  it("refuses update_order for an order with variants, an unknown SKU, or a bad status", async () => {
    await createOrder({ code: "E1", items: [{ sku: "ZAP-01-B" }] });
    expect((await api("PATCH", "/api/update_order/ZAP-01-B", { body: { status: "Empaque" } })).body).toEqual({
      status: 400,
      response: "Order E1 has products with variants: use change_order",
    });
    expect((await api("PATCH", "/api/update_order/NOPE", { body: { status: "Empaque" } })).body).toEqual({
      status: 404,
      response: "Order not found",
    });
    await createOrder({ items: [{ sku: "32G4HJ32G4" }] });
    expect((await api("PATCH", "/api/update_order/32G4HJ32G4", { body: { status: "Enviada" } })).body).toEqual({
      status: 400,
      response: "Status must be one of Empaque, Ruta, Cancelada",
    });
    expect((await api("PATCH", "/api/update_order/32G4HJ32G4", { body: {} })).body).toEqual({
      status: 400,
      response: "Status is missing",
    });
    expect(tuyo.orders().every((o) => o.status === "Pendiente")).toBe(true);
  });

  it("moves a variant order with change_order/{code}; Cancelada gives the stock back and closes it", async () => {
    await createOrder({ code: "E08833", items: [{ sku: "ZAP-01-N", quantity: 2 }] });
    expect(stocks("ZAP-01")).toEqual([[3, 2], [3]]);
    expect((await api("PATCH", "/api/change_order/E08833", { body: { status: "Empaque" } })).body).toEqual({
      status: 200,
      response: " Order updated!",
    });
    expect((await api("PATCH", "/api/change_order/E08833", { body: { status: "Cancelada" } })).status).toBe(200);
    expect(stocks("ZAP-01")).toEqual([[5, 2], [3]]);
    expect((await api("PATCH", "/api/change_order/E08833", { body: { status: "Ruta" } })).body).toEqual({
      status: 400,
      response: "Order E08833 is cancelled",
    });
    expect(tuyo.orders()[0].history.map((h) => [h.status, h.via])).toEqual([
      ["Empaque", "change_order"],
      ["Cancelada", "change_order"],
    ]);
  });

  it("refuses change_order for an order of unique products or an unknown code", async () => {
    const { body: order } = await createOrder({ items: [{ sku: "32G4HJ32G4" }] });
    expect((await api("PATCH", `/api/change_order/${order.code}`, { body: { status: "Ruta" } })).body).toEqual({
      status: 400,
      response: `Order ${order.code} has only unique products: use update_order`,
    });
    expect((await api("PATCH", "/api/change_order/E99999", { body: { status: "Ruta" } })).body).toEqual({
      status: 404,
      response: "Order not found",
    });
  });
});

describe("control API", () => {
  it("shows products and orders, refuses a bad seed, and resets to the categories", async () => {
    const bad = await fetch(`${tuyo.url}/_emulator/seed`, {
      method: "POST",
      body: JSON.stringify({ products: [uniqueProduct({ sku: "A".repeat(21) })] }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "products[0].sku must be at most 20 characters" });
    seedBoth();
    await createOrder({ items: [{ sku: "32G4HJ32G4" }] });
    const products = await (await fetch(`${tuyo.url}/_emulator/products?mode=production`)).json();
    expect(products.products.map((p: { sku: string }) => p.sku)).toEqual(["32G4HJ32G4", "ZAP-01"]);
    const orders = await (await fetch(`${tuyo.url}/_emulator/orders`)).json();
    expect(orders.orders).toHaveLength(1);
    expect((await fetch(`${tuyo.url}/_emulator/products?mode=staging`)).status).toBe(400);
    await fetch(`${tuyo.url}/_emulator/reset`, { method: "POST" });
    expect(tuyo.products()).toEqual([]);
    expect(tuyo.state().categories.length).toBeGreaterThan(0);
  });
});
