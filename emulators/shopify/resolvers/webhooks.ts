// Webhook subscriptions made through the API (shop-specific). Subscriptions declared in
// shopify.app.toml are app-wide and, as on Shopify, not listed here; both receive deliveries.
import { connection, type ConnectionArgs } from "../graphql/connection";
import {
  gid,
  idOf,
  notImplemented,
  userError,
  type DomainModule,
  type ResolverContext,
  type View,
} from "../graphql/context";
import type { WebhookSubscriptionRecord } from "../store";

export function webhookSubscriptionView(ctx: ResolverContext, subscription: WebhookSubscriptionRecord): View {
  const isHttp = /^https?:\/\//.test(subscription.uri);
  return {
    __typename: "WebhookSubscription",
    id: gid("WebhookSubscription", subscription.id),
    legacyResourceId: String(subscription.id),
    topic: subscription.topic,
    uri: subscription.uri,
    callbackUrl: isHttp ? subscription.uri : null,
    endpoint: isHttp ? { __typename: "WebhookHttpEndpoint", callbackUrl: subscription.uri } : null,
    format: subscription.format,
    filter: subscription.filter,
    includeFields: subscription.includeFields,
    metafieldNamespaces: [],
    metafields: [],
    name: null,
    apiVersion: {
      __typename: "ApiVersion",
      handle: subscription.apiVersion,
      displayName: subscription.apiVersion,
      supported: true,
    },
    createdAt: subscription.createdAt,
    updatedAt: subscription.updatedAt,
  };
}

interface SubscriptionInput {
  uri?: string | null;
  callbackUrl?: string | null;
  format?: "JSON" | "XML" | null;
  filter?: string | null;
  includeFields?: string[] | null;
  metafieldNamespaces?: string[] | null;
  metafields?: unknown[] | null;
}

export const webhooksModule: DomainModule = {
  query: {
    webhookSubscriptions: (
      args: ConnectionArgs & {
        topics?: string[];
        uri?: string;
        callbackUrl?: string;
        format?: string;
        query?: string;
        sortKey?: string;
      },
      ctx,
    ) => {
      if (args.query) throw notImplemented("webhookSubscriptions(query:)");
      if (args.sortKey && args.sortKey !== "ID" && args.sortKey !== "CREATED_AT")
        throw notImplemented(`webhookSubscriptions(sortKey: ${args.sortKey})`);
      const uri = args.uri ?? args.callbackUrl;
      const all = [...ctx.shop.webhookSubscriptions.values()].filter(
        (s) =>
          (!args.topics?.length || args.topics.includes(s.topic)) &&
          (!uri || s.uri === uri) &&
          (!args.format || s.format === args.format),
      );
      return connection(
        "WebhookSubscriptionConnection",
        all,
        args,
        (s) => s.id,
        (s) => webhookSubscriptionView(ctx, s),
      );
    },
    webhookSubscription: (args: { id: string }, ctx) => {
      const subscription = ctx.shop.webhookSubscriptions.get(idOf(args.id, "WebhookSubscription") ?? -1);
      return subscription ? webhookSubscriptionView(ctx, subscription) : null;
    },
  },
  mutation: {
    webhookSubscriptionCreate: (args: { topic: string; webhookSubscription: SubscriptionInput }, ctx) => {
      const input = args.webhookSubscription;
      if (input.metafields?.length || input.metafieldNamespaces?.length)
        throw notImplemented("webhookSubscriptionCreate metafields");
      const payload = (subscription: WebhookSubscriptionRecord | null, errors: View[]) => ({
        __typename: "WebhookSubscriptionCreatePayload",
        webhookSubscription: subscription ? webhookSubscriptionView(ctx, subscription) : null,
        userErrors: errors,
      });
      const uri = input.uri ?? input.callbackUrl;
      if (!uri)
        return payload(null, [userError("UserError", ["webhookSubscription", "uri"], "Address can't be blank")]);
      if (!/^(https?:\/\/|pubsub:\/\/|arn:aws:events:)/.test(uri)) {
        return payload(null, [userError("UserError", ["webhookSubscription", "uri"], "Address is invalid")]);
      }
      const duplicate = [...ctx.shop.webhookSubscriptions.values()].some(
        (s) => s.topic === args.topic && s.uri === uri,
      );
      if (duplicate)
        return payload(null, [
          userError("UserError", ["webhookSubscription", "uri"], "Address for this topic has already been taken"),
        ]);
      const now = ctx.store.timestamp();
      const subscription: WebhookSubscriptionRecord = {
        id: ctx.store.nextId(),
        topic: args.topic,
        uri,
        format: input.format ?? "JSON",
        filter: input.filter ?? null,
        includeFields: input.includeFields ?? [],
        apiVersion: ctx.apiVersion,
        createdAt: now,
        updatedAt: now,
      };
      ctx.shop.webhookSubscriptions.set(subscription.id, subscription);
      return payload(subscription, []);
    },
    webhookSubscriptionDelete: (args: { id: string }, ctx) => {
      const id = idOf(args.id, "WebhookSubscription");
      if (id === undefined || !ctx.shop.webhookSubscriptions.delete(id)) {
        return {
          __typename: "WebhookSubscriptionDeletePayload",
          deletedWebhookSubscriptionId: null,
          userErrors: [userError("UserError", ["id"], "Webhook subscription does not exist")],
        };
      }
      return { __typename: "WebhookSubscriptionDeletePayload", deletedWebhookSubscriptionId: args.id, userErrors: [] };
    },
  },
  nodes: {
    WebhookSubscription: (ctx, id) => {
      const subscription = ctx.shop.webhookSubscriptions.get(id);
      return subscription ? webhookSubscriptionView(ctx, subscription) : null;
    },
  },
};
