import type { ActionFunctionArgs } from "@remix-run/node";
import { handleScopesUpdate } from "../shops/lifecycle.server";
import { receiveWebhook } from "../webhooks/receive.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook<{ current?: string[] }>(request, ({ shop, payload }) =>
    handleScopesUpdate(shop, payload.current ?? []),
  );
