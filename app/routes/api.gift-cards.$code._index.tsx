import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { giftCardDetail } from "../sync/gift-cards/screen.server";

// GET /api/gift-cards/<code> — one checked card and its mail history; 404 if never checked.
export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await giftCardDetail(caller.shop, params.code ?? ""));
});
