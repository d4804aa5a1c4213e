import { describe, expect, it } from "vitest";
import { trackSkybillEnvelope } from "../../connectors/chronopost/client.server";
import { trackingByConsignmentEnvelope } from "../../connectors/tnt/client.server";
import { orderDraftFrom, OrderNotExportableError, paymentCodeOf, type ShopifyOrderForExport } from "./draft";

const money = (amount: string) => ({ shopMoney: { amount } });

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
    },
    metafield: null,
    ...overrides,
  };
}

describe("orderDraftFrom", () => {
  it("maps lines, discounts, shipping, payment and the delivery address", () => {
    const { draft, customer } = orderDraftFrom(order());
    expect(draft).toMatchObject({
      shopifyOrderId: "gid://shopify/Order/1",
      email: "a@example.fr",
      shippingCost: 4.9,
      paymentCode: "CB",
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
        },
      }),
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
      },
    });
    expect(() => orderDraftFrom(bad)).toThrow(OrderNotExportableError);
    expect(() => orderDraftFrom(bad)).toThrow(/no complete shipping address.*SKU "IPOD"/);
  });

  it("chooses the payment code of the part not paid by gift card", () => {
    expect(paymentCodeOf(["gift_card", "paypal"])).toBe("PAYPAL");
    expect(paymentCodeOf(["gift_card"])).toBe("CADEAU");
    expect(paymentCodeOf(["shopify_payments"])).toBe("CB");
  });
});

describe("carrier envelopes", () => {
  it("escape the values they carry", () => {
    expect(trackSkybillEnvelope("<x>&")).toContain("<skybillNumber>&lt;x&gt;&amp;</skybillNumber>");
    const tnt = trackingByConsignmentEnvelope("1", { username: "u", password: 'p"<' });
    expect(tnt).toContain("p&quot;&lt;</wsse:Password>");
  });
});
