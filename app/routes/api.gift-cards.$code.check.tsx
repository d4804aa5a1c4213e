import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";
import { checkGiftCardNow } from "../sync/gift-cards/screen.server";

// POST /api/gift-cards/<code>/check — the seed's check-giftcard: the ERP card must exist (404) and be
// activated; Shopify gets the card once. { kind: "created" | "linked" | "unchanged" | "not-activated", … }
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await authenticateApi(request);
  return json(await checkGiftCardNow(caller.shop, params.code));
});
