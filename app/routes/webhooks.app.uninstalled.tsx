import type { ActionFunctionArgs } from "@remix-run/node";
import { handleAppUninstalled } from "../shops/lifecycle.server";
import { receiveWebhook } from "../webhooks/receive.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook(request, ({ shop }) => handleAppUninstalled(shop));
