import { describe, expect, it } from "vitest";
import { sayIn } from "../../i18n/stored-words";
import { merchantMessageOf } from "../../lib/errors";
import {
  customerRecord,
  deliveryAddressRecord,
  orderRecords,
  orderStatusRecord,
  transferRecords,
} from "./records.server";

describe("transaction records", () => {
  it("writes a CLIENT line in the documented field order, free text escaped", () => {
    const line = customerRecord({
      email: "zoe@example.fr",
      firstName: "Zoé",
      lastName: "Cœur",
      civility: "MADAME",
      notes: "VIP|fidèle\nappelle",
      address: { address1: "1 rue", zip: "75001", city: "Paris", country: "FR" },
    });
    const fields = line.split("|");
    expect(fields.slice(0, 11)).toEqual([
      "CLIENT",
      "WEB",
      "zoe@example.fr",
      "Cœur",
      "Zoé",
      "MADAME",
      "1 rue",
      "",
      "75001",
      "Paris",
      "FR",
    ]);
    expect(fields[17]).toBe("SHOPIFY");
    expect(fields[18]).toBe("VIP{PIPE}fidèle{CR}{LF}appelle");
    expect(fields).toHaveLength(22);
  });

  it("writes the delivery address", () => {
    expect(
      deliveryAddressRecord("a@b.fr", { name: "MAISON", address1: "2 av", zip: "69001", city: "Lyon", country: "FR" }),
    ).toBe("ADRESSECLIENT|a@b.fr|MAISON||||2 av||69001|Lyon|FR|");
  });

  it("writes an order as ENTETE with totals and the Shopify id, then one LIGNE per line", () => {
    const records = orderRecords("WEB", {
      shopifyOrderId: "gid://shopify/Order/7",
      shopifyOrderName: "#1007",
      email: "a@b.fr",
      paymentMethods: ["card" as const],
      shippingCost: 4.9,
      lines: [
        { sku: "BOXE20|MARINE/GRIS CHINE|S", title: "Boxer", unitPrice: 20, quantity: 2, discount: 5 },
        { sku: "PULL|NOIR|M", title: "Pull côtelé", unitPrice: 59.9, quantity: 1 },
      ],
    });
    expect(records).toEqual([
      "ENTETE|WEB|99.8|3|COMMANDE|WEB|a@b.fr||||CB|gid://shopify/Order/7|#1007|4.9",
      "LIGNE|BOXE20|S|MARINE/GRIS CHINE|Boxer|20|2|5|35|||",
      "LIGNE|PULL|M|NOIR|Pull côtelé|59.9|1|0|59.9|||",
    ]);
  });

  it("refuses orders without lines and SKUs that are not REF|COLOR|SIZE", () => {
    const base = { shopifyOrderId: "1", shopifyOrderName: "#1", email: "a@b.fr", paymentMethods: ["card" as const] };
    expect(() => orderRecords("WEB", { ...base, lines: [] })).toThrow("has no lines");
    expect(() =>
      orderRecords("WEB", { ...base, lines: [{ sku: "JUSTAREF", title: "x", unitPrice: 1, quantity: 1 }] }),
    ).toThrow("not a Fastmag SKU");
  });

  it("says a SKU that is not REF|COLOR|SIZE with its words: French reads French, the English unchanged", () => {
    const base = { shopifyOrderId: "1", shopifyOrderName: "#1", email: "a@b.fr", paymentMethods: ["card" as const] };
    let error: unknown;
    try {
      orderRecords("WEB", { ...base, lines: [{ sku: "JUSTAREF", title: "x", unitPrice: 1, quantity: 1 }] });
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toBe('"JUSTAREF" is not a Fastmag SKU (REFERENCE|COLOR|SIZE)');
    expect(sayIn(merchantMessageOf(error)!, "fr")).toBe(
      "« JUSTAREF » n'est pas un SKU Fastmag (RÉFÉRENCE|COULEUR|TAILLE)",
    );
  });

  it("writes transfers between the general (A) and web (B) stocks", () => {
    expect(transferRecords([{ sku: "R|C|S", quantity: 2, from: "A", to: "B" }], "Commande #1007")).toEqual([
      "TRANSFER|R|C|S|2|GENERAL|WEB|Commande #1007",
    ]);
    expect(() => transferRecords([{ sku: "R|C|S", quantity: 0, from: "A", to: "B" }], "x")).toThrow(
      "cannot transfer 0",
    );
    expect(() => transferRecords([{ sku: "R|C|S", quantity: 1, from: "B", to: "B" }], "x")).toThrow("same stock");
  });

  it("writes the web status with carrier and tracking number", () => {
    expect(orderStatusRecord("42", 300, "COLISSIMO", "6A1")).toBe("VSHOPSTATUS|42|300|COLISSIMO|6A1");
  });
});
