import { webhookAction, webhookLoader } from "../webhooks/receive.server";

// Records the delivery and answers at once; the webhook processor queues it for the event feed.
export const action = webhookAction("fulfillments/create");
export const loader = webhookLoader;
