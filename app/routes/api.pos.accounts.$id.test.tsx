import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { apiTestAccount } from "../pos/api.server";

// POST /api/pos/accounts/<id>/test — "Test connection": the fields sent (not saved), or the saved account
// with an empty body; <id> "new" tests an account not saved yet. { ok, message, locations }.
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await authenticateApi(request);
  const body = await readJsonObjectBody(request, { maxBytes: 32 * KiB, optional: true });
  const id = params.id === "new" ? undefined : params.id;
  return json(await apiTestAccount(caller.shop, id, body));
});

export const loader = () => methodNotAllowed("POST");
