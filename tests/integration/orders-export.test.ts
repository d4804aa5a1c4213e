// Orders into Fastmag exactly once: through the orders/create route and the export job, against the
// Shopify and Fastmag emulators. One test per way it could go twice (webhook delivered twice, crash
// between Fastmag's OK and our write, two exporters racing), malformed orders kept with a reason and
// retried after the fix, and the reconciliation of orders whose webhook never came.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCustomerData } from "~/compliance/customer-data.server";
import { handleCustomerRedact, handleShopRedact } from "~/compliance/compliance.server";
import { db } from "~/db.server";
import { storedText } from "~/i18n/stored-words";
import "~/sync/orders/compliance.server";
import { ORDER_FOR_EXPORT } from "~/shopify/operations/orders";
import { deliveryAddressName, orderDraftFrom } from "~/sync/orders/draft";
import { CLAIM_TTL_MS, exportOrder, OrderExportBusyError } from "~/sync/orders/export.server";
import { reconcileOrders, retryOrderExport } from "~/sync/orders/orders.server";
import { orderPorts } from "~/sync/orders/providers.server";
import { recordShopifyOrder } from "~/sync/orders/records.server";
import { shopifyClientForShop } from "~/sync/orders/shopify-client.server";
import { SKU, startOrdersWorld, type OrdersWorld } from "./orders-harness";

let world: OrdersWorld;

beforeAll(async () => {
  world = await startOrdersWorld("orders");
  // Every exported order moves its items web → general: enough web stock for all the tests' orders.
  world.fastmag.db.prepare("UPDATE stocks SET stock_web = 100 WHERE reference = 'BOXE20BEWARE'").run();
});

afterAll(async () => {
  await world?.close();
});

async function exporter(now: () => Date = () => new Date(), onErpOrderCreated?: (id: string) => void) {
  const [{ destination, destinationName }, shopify] = await Promise.all([
    orderPorts(world.shop),
    shopifyClientForShop(world.shop),
  ]);
  return { db, destination, destinationName, shopify, now, onErpOrderCreated };
}

async function recorded(order: { id: string; name: string }) {
  await recordShopifyOrder(
    db,
    { shop: world.shop, shopifyOrderId: order.id, shopifyOrderName: order.name, payload: {}, source: "test" },
    new Date(),
  );
}

describe("order export", () => {
  it("exports an order received by webhook: customer, address, lines, shipping; Fastmag id on our row and on the Shopify order", async () => {
    const order = await world.createOrder({
      email: "nouvelle.cliente@example.fr",
      lineItems: [
        { sku: SKU, title: "Boxer Beware", quantity: 2, price: 29.9, discount: 5 },
        { sku: null, title: "Carte cadeau 50 €", quantity: 1, price: 50, giftCard: true },
      ],
      paymentGateways: ["gift_card", "paypal"],
    });
    const response = await world.deliverOrderCreated(order.legacyId);
    expect(response.status).toBe(200);
    expect((await world.exportRow(order.id)).status).toBe("pending");

    await world.runJobs(["orders.export"]);

    const row = await world.exportRow(order.id);
    expect(row).toMatchObject({ status: "exported", lastError: null, email: "nouvelle.cliente@example.fr" });
    const inFastmag = world.fastmagOrdersFor(order.id);
    expect(inFastmag).toHaveLength(1);
    expect(row.erpOrderId).toBe(String(inFastmag[0]!.order_id));
    const header = world.fastmag.db
      .prepare(
        "SELECT total, quantity, payment_code, shipping_cost, comment, shopify_order_name FROM orders WHERE order_id = ?",
      )
      .get(inFastmag[0]!.order_id);
    expect(header).toMatchObject({
      total: 59.7,
      quantity: 2,
      payment_code: "PAYPAL",
      shipping_cost: 4.9,
      shopify_order_name: order.name,
    });
    expect((header as { comment: string }).comment).toContain("Carte cadeau 50 €");
    const lines = world.fastmag.db
      .prepare("SELECT reference, color, size, quantity, discount, total FROM order_lines WHERE order_id = ?")
      .all(inFastmag[0]!.order_id);
    expect(lines).toEqual([
      { reference: "BOXE20BEWARE", color: "MARINE/GRIS CHINE", size: "S", quantity: 2, discount: 5, total: 54.8 },
    ]);
    expect(
      world.fastmag.db.prepare("SELECT email FROM customers WHERE email = ?").get("nouvelle.cliente@example.fr"),
    ).toBeTruthy();
    expect(
      world.fastmag.db
        .prepare(
          "SELECT a.city FROM customer_addresses a JOIN customers c USING (customer_id) WHERE c.email = ? AND a.name = ?",
        )
        .get("nouvelle.cliente@example.fr", deliveryAddressName(order.id)),
    ).toEqual({ city: "Lyon" });
    expect((await world.orderSnapshot(order.id)).metafields["passerelle.fastmag_order_id"]).toBe(row.erpOrderId);
    const events = await db.orderEvent.findMany({ where: { orderExportId: row.id }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.kind)).toEqual(["received", "exported", "stock"]);
    expect(row.stockTransferredAt).not.toBeNull();
  });

  it("a webhook delivered twice (same id, then a new id) makes one Fastmag order, and the second delivery does no Fastmag work", async () => {
    const order = await world.createOrder();
    expect((await world.deliverOrderCreated(order.legacyId, "wh-dup-1")).status).toBe(200);
    const duplicate = await world.deliverOrderCreated(order.legacyId, "wh-dup-1");
    expect(duplicate.headers.get("x-passerelle-duplicate")).toBe("1");
    await world.runJobs(["orders.export"]);
    const callsAfterFirst = world.fastmag.calls.length;

    // Shopify re-sends an order it thinks we missed under a new webhook id.
    expect((await world.deliverOrderCreated(order.legacyId, "wh-dup-2")).status).toBe(200);
    const ran = await world.runJobs(["orders.export"]);
    expect(ran).toHaveLength(1);
    const job = await db.job.findUniqueOrThrow({ where: { id: ran[0] } });
    expect(JSON.parse(job.resultJson ?? "{}")).toMatchObject({ kind: "already-exported" });

    expect(world.fastmagOrdersFor(order.id)).toHaveLength(1);
    expect(world.fastmag.calls.length).toBe(callsAfterFirst);
  });

  it("a crash between Fastmag's OK and our write: the rerun finds the order in Fastmag instead of creating it again", async () => {
    const order = await world.createOrder();
    await recorded(order);
    let created: string | undefined;
    const crashing = await exporter(undefined, (id) => {
      created = id;
      throw new Error("process killed");
    });
    await expect(exportOrder(crashing, { shop: world.shop, shopifyOrderId: order.id })).rejects.toThrow(
      "process killed",
    );
    expect(world.fastmagOrdersFor(order.id)).toHaveLength(1);
    // A real crash leaves the claim behind; make this row look like that (the failure handler released it).
    await db.orderExport.update({
      where: { shop_shopifyOrderId: { shop: world.shop, shopifyOrderId: order.id } },
      data: { status: "exporting", claimedAt: new Date(), claimedBy: "dead-process" },
    });

    // While the dead claim is fresh nobody takes it (a transient "busy": the job retries once the claim
    // expired, it never reports success); once it expired the next exporter does.
    const busy = await exportOrder(await exporter(), { shop: world.shop, shopifyOrderId: order.id }).catch((e) => e);
    expect(busy).toBeInstanceOf(OrderExportBusyError);
    expect(busy.retryAfterMs).toBeGreaterThan(CLAIM_TTL_MS - 10_000);
    const later = await exporter(() => new Date(Date.now() + CLAIM_TTL_MS + 1_000));
    const outcome = await exportOrder(later, { shop: world.shop, shopifyOrderId: order.id });
    expect(outcome).toEqual({ kind: "exported", erpOrderId: created, created: false });
    expect(world.fastmagOrdersFor(order.id)).toHaveLength(1);
    expect((await world.exportRow(order.id)).erpOrderId).toBe(created);
  });

  it("two exporters racing on the same order: one exports, the other does nothing", async () => {
    const order = await world.createOrder();
    await recorded(order);
    world.fastmag.setFaults({ latencyMs: 150 }); // widens the window in which both would create
    try {
      const outcomes = await Promise.allSettled([
        exportOrder(await exporter(), { shop: world.shop, shopifyOrderId: order.id }),
        exportOrder(await exporter(), { shop: world.shop, shopifyOrderId: order.id }),
      ]);
      const kinds = outcomes.map((o) =>
        o.status === "fulfilled" ? o.value.kind : o.reason instanceof OrderExportBusyError ? "busy" : String(o.reason),
      );
      expect(kinds.sort()).toEqual(["busy", "exported"]);
    } finally {
      world.fastmag.setFaults({});
    }
    expect(world.fastmagOrdersFor(order.id)).toHaveLength(1);
  });
});

describe("an export a crashed run left claimed", () => {
  /** What a process killed after its claim leaves behind: the row exporting, claimed by nobody alive. */
  async function leftClaimed(claimedAt: Date) {
    const order = await world.createOrder();
    await recorded(order);
    await db.orderExport.update({
      where: { shop_shopifyOrderId: { shop: world.shop, shopifyOrderId: order.id } },
      data: { status: "exporting", claimedBy: "dead-process", claimedAt },
    });
    return order;
  }

  it("its job run is queued again for when the claim expires, never ends 'succeeded'", async () => {
    const order = await leftClaimed(new Date());
    const job = await db.job.create({
      data: {
        shop: world.shop,
        type: "orders.export",
        trigger: "webhook",
        paramsJson: JSON.stringify({ shopifyOrderId: order.id }),
        runAfter: new Date(),
        maxAttempts: 6,
      },
    });
    await world.runJobs(["orders.export"]);
    const after = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(after.status).toBe("queued");
    expect(after.errorMessage).toContain("being sent by another run");
    expect(after.runAfter.getTime()).toBeGreaterThan(Date.now() + CLAIM_TTL_MS - 10_000);
    expect(world.fastmagOrdersFor(order.id)).toHaveLength(0);
  });

  it("Retry is refused while the claim is fresh and works once it expired", async () => {
    const fresh = await leftClaimed(new Date());
    await expect(retryOrderExport(db, world.shop, (await world.exportRow(fresh.id)).id)).rejects.toThrow(
      "being sent right now",
    );
    const expired = await leftClaimed(new Date(Date.now() - CLAIM_TTL_MS - 1_000));
    await retryOrderExport(db, world.shop, (await world.exportRow(expired.id)).id);
    await world.runJobs(["orders.export"]);
    expect(await world.exportRow(expired.id)).toMatchObject({ status: "exported", claimedBy: null });
    expect(world.fastmagOrdersFor(expired.id)).toHaveLength(1);
  });

  it("the reconciliation queues expired claims again (the order is looked up in Fastmag first), not fresh ones", async () => {
    const fresh = await leftClaimed(new Date());
    const expired = await leftClaimed(new Date(Date.now() - CLAIM_TTL_MS - 1_000));
    // The crashed run had got as far as Fastmag's OK.
    const { destination } = await orderPorts(world.shop);
    const shopify = await shopifyClientForShop(world.shop);
    const { data } = await shopify.request(ORDER_FOR_EXPORT, {
      id: expired.id,
      metafieldNamespace: "passerelle",
      metafieldKey: destination.orderIdMetafieldKey,
    });
    const { draft, customer } = orderDraftFrom(data.order!, destination);
    const made = await destination.createOrder(draft, customer);

    const result = await reconcileOrders({ db, shopify, now: () => new Date() }, world.shop, { days: 0 });
    expect(result.queued).toBe(1);
    await world.runJobs(["orders.export"]);
    expect(await world.exportRow(expired.id)).toMatchObject({ status: "exported", erpOrderId: made.orderId });
    expect(world.fastmagOrdersFor(expired.id)).toHaveLength(1);
    expect(await world.exportRow(fresh.id)).toMatchObject({ status: "exporting", claimedBy: "dead-process" });
    // Nothing is left unfinished but the fresh claim: a second reconciliation queues nothing.
    expect((await reconcileOrders({ db, shopify, now: () => new Date() }, world.shop, { days: 0 })).queued).toBe(0);
  });
});

describe("malformed orders", () => {
  it("keeps an order with an unknown SKU or no address with a clear error, exports the others, and exports it after the fix", async () => {
    const badSku = await world.createOrder({
      lineItems: [{ sku: "IPOD2008PINK", title: "IPod Nano - 8GB", quantity: 1, price: 199 }],
    });
    const unknownInFastmag = await world.createOrder({
      lineItems: [{ sku: "NOUVEAU24|NOIR|M", title: "Nouveau", quantity: 1, price: 10 }],
    });
    const noAddress = await world.createOrder({ shippingAddress: null });
    const good = await world.createOrder();
    for (const o of [badSku, unknownInFastmag, noAddress, good])
      expect((await world.deliverOrderCreated(o.legacyId)).status).toBe(200);
    await world.runJobs(["orders.export"]);

    expect(await world.exportRow(badSku.id)).toMatchObject({
      status: "failed",
      lastError: expect.stringContaining('SKU "IPOD2008PINK", not a Fastmag SKU'),
    });
    expect(await world.exportRow(noAddress.id)).toMatchObject({
      status: "failed",
      lastError: expect.stringContaining("no complete shipping address"),
    });
    // Stored with its words: the order's screen says it in French for a French admin, the English unchanged.
    const badRow = await world.exportRow(badSku.id);
    expect(badRow.lastError).toBe(
      `Order ${badSku.name} cannot be sent: line "IPod Nano - 8GB" has SKU "IPOD2008PINK", not a Fastmag SKU (REFERENCE|COLOR|SIZE).`,
    );
    expect(storedText(badRow.lastError!, badRow.lastErrorWords, "fr")).toBe(
      `La commande ${badSku.name} ne peut pas être envoyée : la ligne « IPod Nano - 8GB » a le SKU « IPOD2008PINK » : ce n'est pas un SKU Fastmag (RÉFÉRENCE|COULEUR|TAILLE).`,
    );
    const noAddressRow = await world.exportRow(noAddress.id);
    expect(storedText(noAddressRow.lastError!, noAddressRow.lastErrorWords, "fr")).toMatch(
      /^La commande .+ ne peut pas être envoyée : la commande n'a pas d'adresse de livraison complète \(rue, code postal, ville\)\.$/,
    );
    expect(await world.exportRow(unknownInFastmag.id)).toMatchObject({
      status: "failed",
      lastError: expect.stringContaining("Fastmag does not know the article"),
      lastErrorDetail: expect.stringContaining("Article inconnu"),
    });
    expect(await world.exportRow(good.id)).toMatchObject({ status: "exported" });
    for (const o of [badSku, unknownInFastmag, noAddress]) expect(world.fastmagOrdersFor(o.id)).toHaveLength(0);

    // The merchant adds the address in Shopify, and the product appears in Fastmag; then Retry.
    await fetch(`${world.shopify.url}/_emulator/shops/${world.shop}/orders/${noAddress.legacyId}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        shippingAddress: {
          firstName: "Léa",
          lastName: "Roux",
          address1: "3 quai Saint-Antoine",
          zip: "69002",
          city: "Lyon",
        },
      }),
    });
    world.fastmag.db
      .prepare(
        "INSERT INTO products (reference, designation, color, size, gencod, season, family, brand, price, active, last_modified) VALUES ('NOUVEAU24', 'Nouveau', 'NOIR', 'M', '3700000099999', 'E24', 'HAUTS', 'DEMO', 10, 1, '2026-01-01 00:00:00')",
      )
      .run();
    world.fastmag.db
      .prepare(
        "INSERT INTO stocks (reference, color, size, stock_general, stock_web, last_modified) VALUES ('NOUVEAU24', 'NOIR', 'M', 0, 5, '2026-01-01 00:00:00')",
      )
      .run();
    for (const o of [noAddress, unknownInFastmag])
      await retryOrderExport(db, world.shop, (await world.exportRow(o.id)).id);
    await world.runJobs(["orders.export"]);
    expect(await world.exportRow(noAddress.id)).toMatchObject({ status: "exported", lastError: null });
    expect(await world.exportRow(unknownInFastmag.id)).toMatchObject({ status: "exported", lastError: null });
    expect(world.fastmagOrdersFor(noAddress.id)).toHaveLength(1);
    await expect(retryOrderExport(db, world.shop, (await world.exportRow(good.id)).id)).rejects.toThrow(
      "already in Fastmag",
    );
  });
});

describe("reconciliation", () => {
  it("finds a paid order whose webhook never came and exports it; unpaid orders are left alone", async () => {
    const lost = await world.createOrder();
    const unpaid = await world.createOrder({ financialStatus: "PENDING" });
    const run = await db.job.create({
      data: {
        shop: world.shop,
        type: "orders.reconcile",
        trigger: "manual",
        paramsJson: "{}",
        runAfter: new Date(),
        maxAttempts: 1,
      },
    });
    await world.runJobs(["orders.reconcile"]);
    expect((await db.job.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("succeeded");
    await world.runJobs(["orders.export"]);
    expect(await world.exportRow(lost.id)).toMatchObject({ status: "exported" });
    expect(world.fastmagOrdersFor(lost.id)).toHaveLength(1);
    expect(
      await db.orderExport.findUnique({
        where: { shop_shopifyOrderId: { shop: world.shop, shopifyOrderId: unpaid.id } },
      }),
    ).toBeNull();
  });
});

describe("customer data", () => {
  it("data requests find order records, customers/redact anonymises them, shop/redact erases them", async () => {
    const order = await world.createOrder({ email: "effacer.moi@example.fr" });
    await world.deliverOrderCreated(order.legacyId);
    await world.runJobs(["orders.export"]);
    const query = { shop: world.shop, customer: { email: "effacer.moi@example.fr" }, orderIds: [] };
    expect((await findCustomerData(query)).orderExports).toEqual([
      expect.objectContaining({ order: order.name, email: "effacer.moi@example.fr" }),
    ]);
    expect(
      (
        await handleCustomerRedact(world.shop, {
          shop_domain: world.shop,
          customer: {},
          orders_to_redact: [order.legacyId],
        })
      ).orderExports,
    ).toBe(1);
    expect(await world.exportRow(order.id)).toMatchObject({
      email: null,
      payloadJson: JSON.stringify({ redacted: true }),
    });
    await handleShopRedact(world.shop);
    expect(await db.orderExport.count({ where: { shop: world.shop } })).toBe(0);
    expect(await db.orderEvent.count({ where: { shop: world.shop } })).toBe(0);
  });
});
