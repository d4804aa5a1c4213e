import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";
import { testConnectionOf } from "../settings/api.server";

// POST /api/settings/<system>/test — "Test connection": { ok, message } in the merchant's words.
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await authenticateApi(request);
  return json(await testConnectionOf(caller.shop, params.connector ?? ""));
});

export const loader = () => methodNotAllowed("POST");
