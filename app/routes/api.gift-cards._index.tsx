import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { searchGiftCards } from "../sync/gift-cards/screen.server";

// GET /api/gift-cards?q=<code or e-mail> — checked gift cards with their ERP, Shopify and mail status.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json({ giftCards: await searchGiftCards(caller.shop, new URL(request.url).searchParams.get("q") ?? "") });
});
