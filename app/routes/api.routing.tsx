import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { routingSettings, saveRoutingSettings } from "../settings/api.server";

// GET /api/routing — which system gives stock and prices, receives orders, and receives stock.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await routingSettings(caller.shop));
});

// PUT /api/routing — { stockSource, priceSource, orderDestination, stockDestinations: [] }, checked like
// Settings → Where your data goes (422 naming each part otherwise).
export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "PUT") return methodNotAllowed("GET, PUT");
  const caller = await authenticateApi(request);
  return json(await saveRoutingSettings(caller.shop, await readJsonObjectBody(request, { maxBytes: 8 * KiB })));
});
