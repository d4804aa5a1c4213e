import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { recordTuyoOrder, tuyoOrdersScreen } from "../settings/tuyo.server";

// GET /api/tuyo/orders — the Tuyo sales recorded and the status last reported to Tuyo.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await tuyoOrdersScreen(caller.shop));
});

// POST { code, items: [{ sku, quantity }], shopifyOrderId? } — records a Tuyo sale and, unless it names
// its Shopify order, creates that order in Shopify (201); 422 naming each wrong field (an unknown SKU,
// stock Shopify does not have, a code already recorded).
export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("GET, POST");
  const caller = await authenticateApi(request);
  const body = await readJsonObjectBody(request, { maxBytes: 16 * KiB });
  return json(await recordTuyoOrder(caller.shop, body), { status: 201 });
});
