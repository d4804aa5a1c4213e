import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { feedApi } from "../event-feed/api.server";
import { withErrorResponses } from "../lib/http-errors.server";

// GET /api/event-feed/deliveries?endpoint=&topic=&status=&resource=&from=&to=&limit= — the delivery log,
// newest first, each with its attempts (status, latency, first bytes of the answer).
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json({ deliveries: await feedApi.deliveries(caller.shop, new URL(request.url).searchParams) });
});
