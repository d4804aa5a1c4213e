import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { sendTestMail } from "../mail/screen.server";

// POST /api/mail/test — { to, locale?, settings? }: sends the test mail with `settings` (SMTP settings
// as PUT /api/mail/settings takes them, tested unsaved) or else the saved ones; 200 with
// { status: "sent" | "failed", error? } either way (the mail log keeps it too).
export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await authenticateApi(request);
  const body = await readJsonObjectBody(request, { maxBytes: 4 * KiB });
  const settings =
    body.settings && typeof body.settings === "object" && !Array.isArray(body.settings)
      ? (body.settings as Record<string, unknown>)
      : undefined;
  const outcome = await sendTestMail(caller.shop, body.to, body.locale, "en", settings);
  // The API answers in English (ADR 0021): the failure's stored words stay on the server.
  return json(outcome.status === "failed" ? { ...outcome, errorWords: undefined } : outcome);
});
