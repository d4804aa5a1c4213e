import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { feedApi } from "../event-feed/api.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";

// GET /api/event-feed/endpoints — the shop's endpoints with their health (no secret, header names only).
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json({ endpoints: await feedApi.list(caller.shop) });
});

// POST /api/event-feed/endpoints — { name, url, topics, headers?, enabled? }: 201 with the endpoint and its
// signing secret, shown this once.
export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("GET, POST");
  const caller = await authenticateApi(request);
  const created = await feedApi.add(caller.shop, await readJsonObjectBody(request, { maxBytes: 16 * KiB }));
  return json(created, { status: 201 });
});
