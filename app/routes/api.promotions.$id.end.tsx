import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";
import { endNow } from "../promotions/api.server";

// POST /api/promotions/<id>/end — End now: 202 with the end's job (null when it had already ended).
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await authenticateApi(request);
  const { promotion, jobId } = await endNow(caller.shop, params.id ?? "");
  return json({ promotion, jobId, statusUrl: jobId ? `/api/jobs/${jobId}` : null }, { status: jobId ? 202 : 200 });
});

export const loader = () => methodNotAllowed("POST");
