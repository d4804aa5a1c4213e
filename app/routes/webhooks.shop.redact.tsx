import type { ActionFunctionArgs } from "@remix-run/node";
import { handleShopRedact } from "../compliance/compliance.server";
import { receiveWebhook } from "../webhooks/receive.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook(request, ({ shop }) => handleShopRedact(shop));
