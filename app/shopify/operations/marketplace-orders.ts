// Orders sold on a marketplace, recorded in Shopify: find the variants by SKU, look for an order already
// recorded (by its tag), create it with the stock taken, and read where it stands.
import { defineOperation, type UserError } from "../operation";

export const VARIANTS_BY_SKU = defineOperation<
  { productVariants: { nodes: { id: string; sku: string | null; price: string }[] } },
  { query: string }
>({
  name: "VariantsBySku",
  expectedCost: 7,
  document: /* GraphQL */ `
    #graphql
    query VariantsBySku($query: String!) {
      productVariants(first: 5, query: $query) {
        nodes {
          id
          sku
          price
        }
      }
    }
  `,
});

export const ORDERS_BY_TAG = defineOperation<
  { orders: { nodes: { id: string; name: string; tags: string[] }[] } },
  { query: string }
>({
  name: "OrdersByTag",
  expectedCost: 3,
  document: /* GraphQL */ `
    #graphql
    query OrdersByTag($query: String!) {
      orders(first: 1, query: $query) {
        nodes {
          id
          name
          tags
        }
      }
    }
  `,
});

export interface OrderCreateOrderInput {
  lineItems: {
    variantId: string;
    quantity: number;
    priceSet?: { shopMoney: { amount: string; currencyCode: string } };
  }[];
  tags: string[];
  note: string;
  sourceName: string;
  sourceIdentifier: string;
  financialStatus: "PAID" | "PENDING";
}

export const ORDER_CREATE = defineOperation<
  { orderCreate: { order: { id: string; name: string } | null; userErrors: UserError[] } },
  { order: OrderCreateOrderInput; options: { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" } }
>({
  name: "MarketplaceOrderCreate",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation MarketplaceOrderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
      orderCreate(order: $order, options: $options) {
        order {
          id
          name
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
});
