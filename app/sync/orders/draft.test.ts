import { describe, expect, it } from "vitest";
import { trackSkybillEnvelope } from "../../connectors/chronopost/client.server";
import { trackingByConsignmentEnvelope } from "../../connectors/tnt/client.server";
import { orderDraftFrom, OrderNotExportableError, paymentMethodsOf, type ShopifyOrderForExport } from "./draft";

const money = (amount: string) => ({ shopMoney: { amount } });

/** A destination taking SKUs as REF|COLOR|SIZE, as some ERPs do. */
const destination = { skuProblem: (sku: string) => (sku.split("|").length === 3 ? null : "not a REF|COLOR|SIZE SKU") };

function order(overrides: Partial<ShopifyOrderForExport> = {}): ShopifyOrderForExport {
  return {
    id: "gid://shopify/Order/1",
    name: "#1001",
    email: "a@example.fr",
    displayFinancialStatus: "PAID",
    cancelledAt: null,
    paymentGatewayNames: ["shopify_payments"],
    note: null,
    shippingAddress: {
      firstName: "Léa",
      lastName: "Roux",
      company: null,
      address1: "3 quai",
      address2: null,
      zip: "69002",
      city: "Lyon",
      countryCodeV2: "FR",
      phone: null,
    },
    customer: { firstName: "Léa", lastName: "Roux", phone: null },
    totalShippingPriceSet: money("4.90"),
    lineItems: {
      nodes: [
        {
          id: "l1",
          sku: "REF|NOIR|M",
          name: "T-shirt",
          quantity: 2,
          isGiftCard: false,
          originalUnitPriceSet: money("19.90"),
          totalDiscountSet: money("3.00"),
        },
      ],
      pageInfo: { hasNextPage: false },
    },
    metafield: null,
    ...overrides,
  };
}

describe("orderDraftFrom", () => {
  it("holds an order with more lines than one query reads instead of sending part of it", () => {
    const base = order();
    expect(() =>
      orderDraftFrom(order({ lineItems: { ...base.lineItems, pageInfo: { hasNextPage: true } } }), destination),
    ).toThrow(/more than 100 lines/);
  });

  it("maps lines, discounts, shipping, payment and the delivery address", () => {
    const { draft, customer } = orderDraftFrom(order(), destination);
    expect(draft).toMatchObject({
      shopifyOrderId: "gid://shopify/Order/1",
      email: "a@example.fr",
      shippingCost: 4.9,
      paymentMethods: ["card"],
      lines: [{ sku: "REF|NOIR|M", unitPrice: 19.9, quantity: 2, discount: 3 }],
    });
    expect(draft.shippingAddress).toMatchObject({ address1: "3 quai", zip: "69002", city: "Lyon", country: "FR" });
    expect(customer).toMatchObject({ email: "a@example.fr", firstName: "Léa", externalId: "gid://shopify/Order/1" });
  });

  it("keeps gift cards out of the lines and says so in the comment", () => {
    const base = order();
    const { draft } = orderDraftFrom(
      order({
        lineItems: {
          nodes: [
            ...base.lineItems.nodes,
            {
              id: "g",
              sku: null,
              name: "Carte cadeau",
              quantity: 1,
              isGiftCard: true,
              originalUnitPriceSet: money("50"),
              totalDiscountSet: money("0"),
            },
          ],
          pageInfo: { hasNextPage: false },
        },
      }),
      destination,
    );
    expect(draft.lines).toHaveLength(1);
    expect(draft.comment).toBe("Gift cards: 1 × Carte cadeau (50.00)");
  });

  it("names every problem of a malformed order at once", () => {
    const bad = order({
      shippingAddress: null,
      lineItems: {
        nodes: [
          {
            id: "l",
            sku: "IPOD",
            name: "IPod",
            quantity: 1,
            isGiftCard: false,
            originalUnitPriceSet: money("1"),
            totalDiscountSet: money("0"),
          },
        ],
        pageInfo: { hasNextPage: false },
      },
    });
    expect(() => orderDraftFrom(bad, destination)).toThrow(OrderNotExportableError);
    expect(() => orderDraftFrom(bad, destination)).toThrow(/no complete shipping address.*SKU "IPOD"/);
  });

  it("names each order's delivery address after the order, so a customer's orders never share one", () => {
    const first = orderDraftFrom(order({ id: "gid://shopify/Order/1" }), destination).draft.shippingAddress!;
    const second = orderDraftFrom(order({ id: "gid://shopify/Order/2" }), destination).draft.shippingAddress!;
    expect(first.name).toBe("SHOPIFY-1");
    expect(second.name).toBe("SHOPIFY-2");
  });

  it("names each payment in neutral words, in Shopify's order, whatever the gateway's case", () => {
    expect(paymentMethodsOf(["gift_card", "PayPal"])).toEqual(["gift-card", "paypal"]);
    expect(paymentMethodsOf(["shopify_payments", "manual", "bank_deposit", "cash_on_delivery"])).toEqual([
      "card",
      "bank-transfer",
      "bank-transfer",
      "cash-on-delivery",
    ]);
    expect(paymentMethodsOf(["stripe"])).toEqual(["other"]);
  });
});

describe("carrier envelopes", () => {
  it("escape the values they carry", () => {
    expect(trackSkybillEnvelope("<x>&")).toContain("<skybillNumber>&lt;x&gt;&amp;</skybillNumber>");
    const tnt = trackingByConsignmentEnvelope("1", { username: "u", password: 'p"<' });
    expect(tnt).toContain("p&quot;&lt;</wsse:Password>");
  });
});
