import type { ActionFunctionArgs } from "@remix-run/node";
import { handleCustomerDataRequest, type CustomerDataRequestPayload } from "../compliance/compliance.server";
import { receiveWebhook } from "../webhooks/receive.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook<CustomerDataRequestPayload>(request, async ({ shop, payload }) => {
    await handleCustomerDataRequest(shop, payload);
  });
