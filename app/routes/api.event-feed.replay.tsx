import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { feedApi } from "../event-feed/api.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";

// POST /api/event-feed/replay — { deliveryId } | { endpointId, failed: true } | { from, to, endpointId? }:
// those deliveries go again from their first attempt; answers { queued }.
export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await authenticateApi(request);
  return json(await feedApi.replay(caller.shop, await readJsonObjectBody(request, { maxBytes: 4 * KiB })));
});

export const loader = () => methodNotAllowed("POST");
