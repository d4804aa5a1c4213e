import { defineOperation, type UserError } from "../operation";

export interface FulfillmentServiceFields {
  id: string;
  serviceName: string;
  callbackUrl: string | null;
  inventoryManagement: boolean;
  trackingSupport: boolean;
  location: { id: string } | null;
}

export const FULFILLMENT_SERVICES = defineOperation<{ shop: { fulfillmentServices: FulfillmentServiceFields[] } }>({
  name: "FulfillmentServices",
  expectedCost: 3,
  document: /* GraphQL */ `
    #graphql
    query FulfillmentServices {
      shop {
        fulfillmentServices {
          id
          serviceName
          callbackUrl
          inventoryManagement
          trackingSupport
          location {
            id
          }
        }
      }
    }
  `,
});

export const FULFILLMENT_SERVICE_CREATE = defineOperation<
  { fulfillmentServiceCreate: { fulfillmentService: FulfillmentServiceFields | null; userErrors: UserError[] } | null },
  { name: string; callbackUrl: string }
>({
  name: "FulfillmentServiceCreate",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation FulfillmentServiceCreate($name: String!, $callbackUrl: URL!) {
      fulfillmentServiceCreate(
        name: $name
        callbackUrl: $callbackUrl
        inventoryManagement: true
        trackingSupport: true
        requiresShippingMethod: true
      ) {
        fulfillmentService {
          id
          serviceName
          callbackUrl
          inventoryManagement
          trackingSupport
          location {
            id
          }
        }
        userErrors {
          field
          message
        }
      }
    }
  `,
});
