import { webhookAction, webhookLoader } from "../webhooks/receive.server";

// Records the delivery and answers at once; the webhook processor tells RetailCRM the order shipped.
export const action = webhookAction("orders/fulfilled");
export const loader = webhookLoader;
