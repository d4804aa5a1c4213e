import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";
import { endByTag } from "../promotions/api.server";

// DELETE /api/promo/<tag> — the seed's /promo/:tag: ends the running or scheduled promotion with this tag
// (tags removed, prices put back or the discount deactivated). 202 with the end's job.
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "DELETE") return methodNotAllowed("DELETE");
  const caller = await authenticateApi(request);
  const { promotion, jobId } = await endByTag(caller.shop, params.tag ?? "");
  return json({ promotion, jobId, statusUrl: jobId ? `/api/jobs/${jobId}` : null }, { status: jobId ? 202 : 200 });
});

export const loader = () => methodNotAllowed("DELETE");
