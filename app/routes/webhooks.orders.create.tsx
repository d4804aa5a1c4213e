import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "../db.server";
import { receiveOrderCreated, type OrderCreatedPayload } from "../sync/orders/orders.server";
import { receiveWebhook } from "../webhooks/receive.server";

// Records the order and queues its export (a job): answers Shopify within milliseconds.
export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook<OrderCreatedPayload>(request, async ({ shop, payload }) => {
    await receiveOrderCreated(db, shop, payload);
  });
