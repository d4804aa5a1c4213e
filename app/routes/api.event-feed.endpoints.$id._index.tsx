import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { feedApi } from "../event-feed/api.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";

// GET /api/event-feed/endpoints/<id>
export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await feedApi.get(caller.shop, params.id ?? ""));
});

// PATCH /api/event-feed/endpoints/<id> — any of { name, url, topics, headers, enabled }; DELETE removes it
// with its deliveries.
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  const caller = await authenticateApi(request);
  if (request.method === "DELETE") {
    await feedApi.remove(caller.shop, params.id ?? "");
    return new Response(null, { status: 204 });
  }
  if (request.method !== "PATCH") return methodNotAllowed("GET, PATCH, DELETE");
  const fields = await readJsonObjectBody(request, { maxBytes: 16 * KiB });
  return json(await feedApi.change(caller.shop, params.id ?? "", fields));
});
