import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";
import { apiOperation } from "../pos/api.server";

// POST /api/pos/accounts/<id>/run | pause | resume — the account's stock poll: Run now (202, the job),
// pause or resume its schedule.
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await authenticateApi(request);
  const result = await apiOperation(caller.shop, params.id ?? "", params.operation ?? "");
  return json(result, { status: params.operation === "run" ? 202 : 200 });
});

export const loader = () => methodNotAllowed("POST");
