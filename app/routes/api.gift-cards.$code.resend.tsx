import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";
import { resendGiftCard } from "../sync/gift-cards/screen.server";

// POST /api/gift-cards/<code>/resend — the seed's mail-giftcard: plans a new mail, now, to the card's
// last recipient (201); 404 when the card never had one.
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await authenticateApi(request);
  return json(await resendGiftCard(caller.shop, params.code ?? ""), { status: 201 });
});
