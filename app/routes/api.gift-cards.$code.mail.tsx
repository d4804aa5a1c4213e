import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { postGiftCardMail } from "../sync/gift-cards/screen.server";

// POST /api/gift-cards/<code>/mail — the seed's post-giftcard: { recipientEmail, recipientName?,
// senderName?, message?, sendAt?, locale? } plans the recipient's mail (201); 422 by field; 404 if the
// card was never checked.
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await authenticateApi(request);
  const body = await readJsonObjectBody(request, { maxBytes: 8 * KiB });
  return json(await postGiftCardMail(caller.shop, params.code ?? "", body), { status: 201 });
});
