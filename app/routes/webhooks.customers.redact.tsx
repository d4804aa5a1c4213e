import type { ActionFunctionArgs } from "@remix-run/node";
import { handleCustomerRedact, type CustomerRedactPayload } from "../compliance/compliance.server";
import { receiveWebhook } from "../webhooks/receive.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook<CustomerRedactPayload>(request, async ({ shop, payload }) => {
    await handleCustomerRedact(shop, payload);
  });
