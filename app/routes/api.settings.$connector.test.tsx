import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { testConnectionOf } from "../settings/api.server";

const MAX_BODY_BYTES = 64 * KiB;

// POST /api/settings/<system>/test — "Test connection": { ok, message } in the merchant's words. A body
// with the fields of the system's screen tests those, unsaved (a blank secret means the stored one);
// no body tests the saved settings.
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await authenticateApi(request);
  const fields = await readJsonObjectBody(request, { maxBytes: MAX_BODY_BYTES, optional: true });
  return json(await testConnectionOf(caller.shop, params.connector ?? "", fields));
});

export const loader = () => methodNotAllowed("POST");
