import { defineOperation, type UserError } from "../operation";

export interface WebhookSubscriptionsPage {
  webhookSubscriptions: {
    nodes: { id: string; topic: string; uri: string }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** The shop's own subscriptions (made through the API) for some topics; the toml's are not listed. */
export const WEBHOOK_SUBSCRIPTIONS = defineOperation<
  WebhookSubscriptionsPage,
  { topics: string[]; first: number; after?: string | null }
>({
  name: "WebhookSubscriptions",
  expectedCost: ({ first }) => 2 + first,
  document: /* GraphQL */ `
    #graphql
    query WebhookSubscriptions($topics: [WebhookSubscriptionTopic!], $first: Int!, $after: String) {
      webhookSubscriptions(topics: $topics, first: $first, after: $after) {
        nodes {
          id
          topic
          uri
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
});

export interface WebhookSubscriptionCreated {
  webhookSubscriptionCreate: {
    webhookSubscription: { id: string; topic: string; uri: string } | null;
    userErrors: UserError[];
  } | null;
}

export const WEBHOOK_SUBSCRIPTION_CREATE = defineOperation<WebhookSubscriptionCreated, { topic: string; uri: string }>({
  name: "WebhookSubscriptionCreate",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $uri: String!) {
      webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
        webhookSubscription {
          id
          topic
          uri
        }
        userErrors {
          field
          message
        }
      }
    }
  `,
});
