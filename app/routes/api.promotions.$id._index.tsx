import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";
import { promotionView } from "../promotions/api.server";

// GET /api/promotions/<id> — one promotion with its variants' prices before and during it.
export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await promotionView(caller.shop, params.id ?? ""));
});

export const action = () => methodNotAllowed("GET");
