import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { promotionSettings, savePromotionSettings } from "../promotions/api.server";

// GET/PUT /api/promotions/settings — the shop's rounding rule for promotion prices: { rounding: "cent" | "x9" }.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await promotionSettings(caller.shop));
});

export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "PUT") return methodNotAllowed("GET, PUT");
  const caller = await authenticateApi(request);
  return json(await savePromotionSettings(caller.shop, await readJsonObjectBody(request, { maxBytes: 4 * KiB })));
});
