import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { saveMailSettingsForm } from "../mail/screen.server";
import { loadMailSettings } from "../mail/settings.server";

// GET /api/mail/settings — the SMTP settings; the password never leaves the server (`passwordSet`).
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await loadMailSettings(caller.shop));
});

// PUT /api/mail/settings — { host, port, tls, user?, password?, from, replyTo?, trustedCertificate?,
// clearPassword? }; 422 naming each field otherwise, nothing saved.
export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "PUT") return methodNotAllowed("GET, PUT");
  const caller = await authenticateApi(request);
  return json(await saveMailSettingsForm(caller.shop, await readJsonObjectBody(request, { maxBytes: 32 * KiB })));
});
