// What an order leaves in Fastmag, field by field: each order's delivery address is its own record, and
// text Fastmag's code page (windows-1252) cannot hold is never sent changed: names and addresses are
// transliterated by the documented rule, identities (e-mail) that would change are refused with a reason
// the merchant can read, and protocol escapes typed by a customer stay text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fastmagConnectorForShop } from "~/connectors/fastmag/settings.server";
import { storedText } from "~/i18n/stored-words";
import { startOrdersWorld, type OrdersWorld } from "./orders-harness";

let world: OrdersWorld;

beforeAll(async () => {
  world = await startOrdersWorld("orders-text");
});

afterAll(async () => {
  await world?.close();
});

async function exportThroughWebhook(input: Parameters<OrdersWorld["createOrder"]>[0]) {
  const order = await world.createOrder(input);
  expect((await world.deliverOrderCreated(order.legacyId)).status).toBe(200);
  await world.runJobs(["orders.export"]);
  return order;
}

/** The delivery address Fastmag holds for the order: the customer's address named in its header. */
function deliveryAddressOf(gid: string) {
  return world.fastmag.db
    .prepare(
      `SELECT a.name, a.firstname, a.lastname, a.address1, a.address2, a.city FROM orders o
       JOIN customer_addresses a ON a.customer_id = o.customer_id AND a.name = o.address_name
       WHERE o.shopify_order_id = ?`,
    )
    .all(gid) as {
    name: string;
    firstname: string;
    lastname: string;
    address1: string;
    address2: string;
    city: string;
  }[];
}

describe("delivery addresses", () => {
  it("a customer's second order gets its own delivery address; the first order keeps its own", async () => {
    const email = "deux.commandes@example.fr";
    const first = await exportThroughWebhook({
      email,
      shippingAddress: {
        firstName: "Léa",
        lastName: "Roux",
        address1: "3 quai Saint-Antoine",
        zip: "69002",
        city: "Lyon",
      },
    });
    const second = await exportThroughWebhook({
      email,
      shippingAddress: {
        firstName: "Léa",
        lastName: "Roux",
        address1: "12 rue Nationale",
        zip: "59000",
        city: "Lille",
      },
    });
    expect((await world.exportRow(first.id)).status).toBe("exported");
    expect((await world.exportRow(second.id)).status).toBe("exported");

    expect(deliveryAddressOf(first.id)).toEqual([
      expect.objectContaining({ address1: "3 quai Saint-Antoine", city: "Lyon" }),
    ]);
    expect(deliveryAddressOf(second.id)).toEqual([
      expect.objectContaining({ address1: "12 rue Nationale", city: "Lille" }),
    ]);
    expect(deliveryAddressOf(first.id)[0]!.name).not.toBe(deliveryAddressOf(second.id)[0]!.name);
  });
});

describe("text outside Fastmag's code page", () => {
  it("Greek e-mails that windows-1252 cannot hold are refused with a plain reason, never merged into one customer", async () => {
    const alpha = await exportThroughWebhook({ email: "αλφα@example.gr" });
    const beta = await exportThroughWebhook({ email: "βητα@example.gr" });
    for (const order of [alpha, beta]) {
      const row = await world.exportRow(order.id);
      expect(row.status).toBe("failed");
      expect(row.lastError).toMatch(/e-mail "[αβ]...@example\.gr".*cannot/);
      expect(row.lastError).not.toMatch(/Error|at \w+ \(/);
      expect(world.fastmagOrdersFor(order.id)).toHaveLength(0);
    }
    const mangled = world.fastmag.db.prepare("SELECT email FROM customers WHERE email LIKE '%?%'").all();
    expect(mangled).toEqual([]);
    // The run says why too, in the merchant's words.
    const job = await world.lastExportJob(alpha.id);
    expect(job).toMatchObject({ status: "failed" });
    expect(job.error).toContain("cannot");
  });

  it("customer matching uses the value as it is: a Greek e-mail never finds the customer an old export left as ????", async () => {
    world.fastmag.db
      .prepare(
        "INSERT INTO customers (email, lastname, created_at) VALUES ('????@example.gr', 'Merged', '2026-01-01 00:00:00')",
      )
      .run();
    const { fastmag } = await fastmagConnectorForShop(world.shop);
    expect(await fastmag.customers.customerByEmail("ζητα@example.gr")).toBeNull();
    expect(await fastmag.customers.customerByEmail("????@example.gr")).toMatchObject({ lastName: "Merged" });
  });

  it("Greek and Cyrillic names and addresses are transliterated, emoji removed, typographic quotes made plain", async () => {
    const greek = await exportThroughWebhook({
      email: "alexandros@example.gr",
      customer: { firstName: "Αλέξανδρος", lastName: "Παπαδόπουλος" },
      shippingAddress: {
        firstName: "Αλέξανδρος",
        lastName: "Παπαδόπουλος",
        address1: "Οδός Ερμού 12",
        zip: "10563",
        city: "Αθήνα",
        countryCode: "GR",
      },
      note: "Merci 🙏 pour le “cadeau” 🎁 !",
    });
    const cyrillic = await exportThroughWebhook({
      email: "dmitri@example.ru",
      customer: { firstName: "Дмитрий", lastName: "Иванов" },
      shippingAddress: {
        firstName: "Дмитрий",
        lastName: "Иванов",
        address1: "ул. Щорса 5",
        zip: "125009",
        city: "Москва",
        countryCode: "RU",
      },
    });
    expect((await world.exportRow(greek.id)).status).toBe("exported");
    expect((await world.exportRow(cyrillic.id)).status).toBe("exported");

    expect(deliveryAddressOf(greek.id)).toEqual([
      expect.objectContaining({
        firstname: "Alexandros",
        lastname: "Papadopoulos",
        address1: "Odos Ermou 12",
        city: "Athina",
      }),
    ]);
    expect(deliveryAddressOf(cyrillic.id)).toEqual([
      expect.objectContaining({ firstname: "Dmitriy", lastname: "Ivanov", address1: "ul. Shchorsa 5", city: "Moskva" }),
    ]);
    expect(
      world.fastmag.db
        .prepare("SELECT firstname, lastname FROM customers WHERE email = ?")
        .get("alexandros@example.gr"),
    ).toEqual({ firstname: "Alexandros", lastname: "Papadopoulos" });
    const comment = world.fastmag.db.prepare("SELECT comment FROM orders WHERE shopify_order_id = ?").get(greek.id);
    expect(comment).toEqual({ comment: 'Merci pour le "cadeau" !' });
  });

  it("an address with no Latin form (Chinese) is refused with the characters named; nothing reaches Fastmag", async () => {
    const email = "chinese.address@example.cn";
    const order = await exportThroughWebhook({
      email,
      shippingAddress: { firstName: "Wei", lastName: "Zhang", address1: "南京路 100号", zip: "200001", city: "上海" },
    });
    const row = await world.exportRow(order.id);
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain("南");
    expect(row.lastError).toMatch(/Latin/);
    // Stored with its words: the Orders screen of a French admin says it in French, the field named in French.
    expect(storedText(row.lastError!, row.lastErrorWords, "fr")).toBe(
      "Adresse de livraison « 南京路 100号 » : Fastmag ne peut pas stocker certains caractères, qui n'ont pas de forme latine (南 京 路 号). Écrivez ce texte en lettres latines dans Shopify, puis cliquez sur Relancer.",
    );
    expect(world.fastmagOrdersFor(order.id)).toHaveLength(0);
    expect(world.fastmag.db.prepare("SELECT 1 FROM customers WHERE email = ?").get(email)).toBeUndefined();
  });

  it("{PIPE} and {CR}{LF} typed by a customer stay text: no field is shifted, no line is added", async () => {
    const order = await exportThroughWebhook({
      email: "litteral@example.fr",
      paymentGateways: ["paypal"],
      note: "Code {PIPE} 1234{CR}{LF}2e étage | interphone",
      shippingAddress: {
        firstName: "Jean",
        lastName: "Dupont",
        address1: "5 rue des Lilas",
        address2: "Bât. B{PIPE}C{CR}{LF}",
        zip: "75011",
        city: "Paris",
      },
    });
    expect((await world.exportRow(order.id)).status).toBe("exported");
    const header = world.fastmag.db
      .prepare("SELECT comment, payment_code, shopify_order_name FROM orders WHERE shopify_order_id = ?")
      .get(order.id) as { comment: string; payment_code: string; shopify_order_name: string };
    expect(header.payment_code).toBe("PAYPAL");
    expect(header.shopify_order_name).toBe(order.name);
    // The real pipe the customer typed is kept (escaped on the wire); the literal escapes are not decoded.
    expect(header.comment).toBe("Code (PIPE) 1234(CR)(LF)2e étage | interphone");
    expect(deliveryAddressOf(order.id)).toEqual([
      expect.objectContaining({ address1: "5 rue des Lilas", address2: "Bât. B(PIPE)C(CR)(LF)", city: "Paris" }),
    ]);
  });
});
