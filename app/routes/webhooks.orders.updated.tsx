import { webhookAction, webhookLoader } from "../webhooks/receive.server";

// Records the delivery and answers at once; the webhook processor runs its use-case.
export const action = webhookAction("orders/updated");
export const loader = webhookLoader;
