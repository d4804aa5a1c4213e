// Orders and fulfillments: what the order export, the status sync and the delivery sync send to Shopify.
import { defineOperation, type UserError } from "../operation";

type Money = { shopMoney: { amount: string } };

export interface OrderForExport {
  order: {
    id: string;
    name: string;
    email: string | null;
    displayFinancialStatus: string | null;
    cancelledAt: string | null;
    paymentGatewayNames: string[];
    note: string | null;
    shippingAddress: {
      firstName: string | null;
      lastName: string | null;
      company: string | null;
      address1: string | null;
      address2: string | null;
      zip: string | null;
      city: string | null;
      countryCodeV2: string | null;
      phone: string | null;
    } | null;
    customer: { firstName: string | null; lastName: string | null; phone: string | null } | null;
    totalShippingPriceSet: Money;
    lineItems: {
      nodes: {
        id: string;
        sku: string | null;
        name: string;
        quantity: number;
        isGiftCard: boolean;
        originalUnitPriceSet: Money;
        totalDiscountSet: Money;
      }[];
      pageInfo: { hasNextPage: boolean };
    };
    metafield: { value: string } | null;
  } | null;
}

export const ORDER_FOR_EXPORT = defineOperation<
  OrderForExport,
  /** The metafield holding the order's id where it was sent: namespace and the destination's key. */
  { id: string; metafieldNamespace: string; metafieldKey: string }
>({
  name: "OrderForExport",
  // What Shopify requests up front for 100 lines (5 points each) before refunding the unused part: it
  // refuses the query unless that much is available. The client books it while the call is out and its
  // answer gives the refund back at once (app/shopify/cost-bucket.ts).
  expectedCost: 508,
  document: /* GraphQL */ `
    #graphql
    query OrderForExport($id: ID!, $metafieldNamespace: String!, $metafieldKey: String!) {
      order(id: $id) {
        id
        name
        email
        displayFinancialStatus
        cancelledAt
        paymentGatewayNames
        note
        shippingAddress {
          firstName
          lastName
          company
          address1
          address2
          zip
          city
          countryCodeV2
          phone
        }
        customer {
          firstName
          lastName
          phone
        }
        totalShippingPriceSet {
          shopMoney {
            amount
          }
        }
        lineItems(first: 100) {
          nodes {
            id
            sku
            name
            quantity
            isGiftCard
            originalUnitPriceSet {
              shopMoney {
                amount
              }
            }
            totalDiscountSet {
              shopMoney {
                amount
              }
            }
          }
          pageInfo {
            hasNextPage
          }
        }
        metafield(namespace: $metafieldNamespace, key: $metafieldKey) {
          value
        }
      }
    }
  `,
});

export interface OrdersPage {
  orders: {
    nodes: {
      id: string;
      name: string;
      email: string | null;
      createdAt: string;
      displayFinancialStatus: string | null;
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

export const ORDERS_MATCHING = defineOperation<OrdersPage, { first: number; after?: string | null; query: string }>({
  name: "OrdersMatching",
  expectedCost: ({ first }) => 2 + first,
  document: /* GraphQL */ `
    #graphql
    query OrdersMatching($first: Int!, $after: String, $query: String!) {
      orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
        nodes {
          id
          name
          email
          createdAt
          displayFinancialStatus
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
});

export interface MetafieldsSetResult {
  metafieldsSet: { metafields: { key: string; value: string }[] | null; userErrors: UserError[] } | null;
}

export const SET_ORDER_METAFIELDS = defineOperation<
  MetafieldsSetResult,
  { metafields: { ownerId: string; namespace: string; key: string; type: string; value: string }[] }
>({
  name: "SetOrderMetafields",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation SetOrderMetafields($metafields: [MetafieldsSetInput!]!) {
      metafieldsSet(metafields: $metafields) {
        metafields {
          key
          value
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

export interface TagsAddResult {
  tagsAdd: { userErrors: UserError[] } | null;
}

export const ADD_ORDER_TAGS = defineOperation<TagsAddResult, { id: string; tags: string[] }>({
  name: "AddOrderTags",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation AddOrderTags($id: ID!, $tags: [String!]!) {
      tagsAdd(id: $id, tags: $tags) {
        userErrors {
          field
          message
        }
      }
    }
  `,
});

export interface OrderFulfillmentState {
  order: {
    id: string;
    name: string;
    fulfillmentOrders: {
      nodes: {
        id: string;
        status: string;
        requestStatus: string;
        assignedLocation: { location: { id: string } | null };
        lineItems: { nodes: { id: string; remainingQuantity: number; sku: string | null }[] };
      }[];
    };
    fulfillments: { id: string; status: string; trackingInfo: { number: string | null; company: string | null }[] }[];
  } | null;
}

export const ORDER_FULFILLMENT_STATE = defineOperation<OrderFulfillmentState, { id: string }>({
  name: "OrderFulfillmentState",
  expectedCost: 30,
  document: /* GraphQL */ `
    #graphql
    query OrderFulfillmentState($id: ID!) {
      order(id: $id) {
        id
        name
        fulfillmentOrders(first: 10) {
          nodes {
            id
            status
            requestStatus
            assignedLocation {
              location {
                id
              }
            }
            lineItems(first: 50) {
              nodes {
                id
                remainingQuantity
                sku
              }
            }
          }
        }
        fulfillments(first: 20) {
          id
          status
          trackingInfo(first: 5) {
            number
            company
          }
        }
      }
    }
  `,
});

export interface AcceptFulfillmentRequestResult {
  fulfillmentOrderAcceptFulfillmentRequest: {
    fulfillmentOrder: { id: string; status: string } | null;
    userErrors: UserError[];
  } | null;
}

export const ACCEPT_FULFILLMENT_REQUEST = defineOperation<
  AcceptFulfillmentRequestResult,
  { id: string; message?: string }
>({
  name: "AcceptFulfillmentRequest",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation AcceptFulfillmentRequest($id: ID!, $message: String) {
      fulfillmentOrderAcceptFulfillmentRequest(id: $id, message: $message) {
        fulfillmentOrder {
          id
          status
        }
        userErrors {
          field
          message
        }
      }
    }
  `,
});

export interface FulfillmentInputVariables {
  fulfillment: {
    lineItemsByFulfillmentOrder: {
      fulfillmentOrderId: string;
      fulfillmentOrderLineItems?: { id: string; quantity: number }[];
    }[];
    trackingInfo: { company: string; number: string; url?: string };
    notifyCustomer: boolean;
  };
}

export interface FulfillmentCreateResult {
  fulfillmentCreate: { fulfillment: { id: string; status: string } | null; userErrors: UserError[] } | null;
}

export const CREATE_FULFILLMENT = defineOperation<FulfillmentCreateResult, FulfillmentInputVariables>({
  name: "CreateFulfillment",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation CreateFulfillment($fulfillment: FulfillmentInput!) {
      fulfillmentCreate(fulfillment: $fulfillment) {
        fulfillment {
          id
          status
        }
        userErrors {
          field
          message
        }
      }
    }
  `,
});

export interface FulfillmentEventCreateResult {
  fulfillmentEventCreate: { fulfillmentEvent: { id: string; status: string } | null; userErrors: UserError[] } | null;
}

export const CREATE_FULFILLMENT_EVENT = defineOperation<
  FulfillmentEventCreateResult,
  { fulfillmentEvent: { fulfillmentId: string; status: string; happenedAt?: string; message?: string } }
>({
  name: "CreateFulfillmentEvent",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation CreateFulfillmentEvent($fulfillmentEvent: FulfillmentEventInput!) {
      fulfillmentEventCreate(fulfillmentEvent: $fulfillmentEvent) {
        fulfillmentEvent {
          id
          status
        }
        userErrors {
          field
          message
        }
      }
    }
  `,
});

export interface OrderLineLocations {
  order: {
    id: string;
    name: string;
    fulfillmentOrders: {
      nodes: {
        assignedLocation: { location: { id: string } | null };
        lineItems: { nodes: { totalQuantity: number; lineItem: { id: string } }[] };
      }[];
    };
  } | null;
}

/** Which Shopify location each order line is assigned to (POS sale dispatch). */
export const ORDER_LINE_LOCATIONS = defineOperation<OrderLineLocations, { id: string }>({
  name: "OrderLineLocations",
  expectedCost: 25,
  document: /* GraphQL */ `
    #graphql
    query OrderLineLocations($id: ID!) {
      order(id: $id) {
        id
        name
        fulfillmentOrders(first: 5) {
          nodes {
            assignedLocation {
              location {
                id
              }
            }
            lineItems(first: 25) {
              nodes {
                totalQuantity
                lineItem {
                  id
                }
              }
            }
          }
        }
      }
    }
  `,
});
