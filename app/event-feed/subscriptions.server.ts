// Shopify subscriptions for the event feed on installs without the Shopify CLI: shopify.app.toml
// declares the feed's topics app-wide when the app is deployed with `shopify app deploy`; an app
// installed otherwise (its configuration not deployed) subscribes each shop through the Admin API at
// install (afterAuth, when SHOPIFY_SUBSCRIBE_AT_INSTALL=on). Only missing subscriptions are created,
// so reinstalling or opening the app again adds nothing; Shopify removes them at uninstall.
import { errorMessage } from "../lib/errors";
import { logger } from "../lib/logger.server";
import { ShopifyAdminClient, assertNoUserErrors } from "../shopify/admin-client.server";
import {
  WEBHOOK_SUBSCRIPTIONS,
  WEBHOOK_SUBSCRIPTION_CREATE,
  type WebhookSubscriptionsPage,
} from "../shopify/operations/webhooks";
import { FEED_TOPICS } from "./topics";

/** "fulfillments/update" → "FULFILLMENTS_UPDATE" (Shopify's WebhookSubscriptionTopic). */
export const topicEnum = (topic: string) => topic.replace("/", "_").toUpperCase();

export interface SubscribeResult {
  created: string[];
  alreadySubscribed: string[];
}

/** Subscribes the shop to every topic an endpoint can take, at `<appUrl>/webhooks/<topic>`. */
export async function subscribeFeedTopics(
  client: Pick<ShopifyAdminClient, "request">,
  appUrl: string,
): Promise<SubscribeResult> {
  const base = appUrl.replace(/\/+$/, "");
  const existing = new Set<string>();
  let after: string | null = null;
  do {
    const { data }: { data: WebhookSubscriptionsPage } = await client.request(WEBHOOK_SUBSCRIPTIONS, {
      topics: FEED_TOPICS.map(topicEnum),
      first: 50,
      after,
    });
    for (const node of data.webhookSubscriptions.nodes) existing.add(`${node.topic} ${node.uri}`);
    after = data.webhookSubscriptions.pageInfo.hasNextPage ? data.webhookSubscriptions.pageInfo.endCursor : null;
  } while (after);
  const result: SubscribeResult = { created: [], alreadySubscribed: [] };
  for (const topic of FEED_TOPICS) {
    const uri = `${base}/webhooks/${topic}`;
    if (existing.has(`${topicEnum(topic)} ${uri}`)) {
      result.alreadySubscribed.push(topic);
      continue;
    }
    const { data } = await client.request(WEBHOOK_SUBSCRIPTION_CREATE, { topic: topicEnum(topic), uri });
    assertNoUserErrors(WEBHOOK_SUBSCRIPTION_CREATE.name, data.webhookSubscriptionCreate ?? { userErrors: [] });
    result.created.push(topic);
  }
  return result;
}

/**
 * At install, for an app whose shopify.app.toml is not deployed: never fails the install (a warning
 * in the log; the next install or opening of the app tries again).
 */
export async function subscribeAtInstall(
  session: { shop: string; accessToken?: string },
  appUrl: string,
): Promise<SubscribeResult | null> {
  try {
    const client = new ShopifyAdminClient({ shop: session.shop, accessToken: session.accessToken ?? "" });
    const result = await subscribeFeedTopics(client, appUrl);
    if (result.created.length > 0) logger.info("event feed topics subscribed", { shop: session.shop, ...result });
    return result;
  } catch (error) {
    logger.warn("event feed topics could not be subscribed", { shop: session.shop, error: errorMessage(error) });
    return null;
  }
}
