import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { loadAlertSettings, saveAlertSettings } from "../alerts/settings.server";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";

// GET /api/alerts/settings — who gets alerts and how (docs/api.md).
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await loadAlertSettings(caller.shop));
});

// PUT /api/alerts/settings — { recipients?, webhookUrl?, events?, digest?, quietMinutes?, locale?,
// rotateWebhookSecret? }; fields not sent keep their value; 422 naming each field otherwise, nothing saved.
export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "PUT") return methodNotAllowed("GET, PUT");
  const caller = await authenticateApi(request);
  return json(await saveAlertSettings(caller.shop, await readJsonObjectBody(request, { maxBytes: 16 * KiB })));
});
