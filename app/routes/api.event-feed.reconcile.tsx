import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { feedApi } from "../event-feed/api.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";

// POST /api/event-feed/reconcile — queues the catch-up now; answers 202 { jobId, status: "queued" }
// (GET /api/jobs/<jobId> shows what it found).
export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await authenticateApi(request);
  return json(await feedApi.reconcile(caller.shop), { status: 202 });
});

export const loader = () => methodNotAllowed("POST");
