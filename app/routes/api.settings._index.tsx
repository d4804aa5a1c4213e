import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";
import { settingsOverview } from "../settings/api.server";

// GET /api/settings — every system the shop can connect, its state and stored settings (secrets by
// name only), and the routing in plain words.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await settingsOverview(caller.shop));
});

export const action = () => methodNotAllowed("GET");
