import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { apiItems, apiSetItems, apiUnmappedVariants } from "../pos/api.server";

// GET /api/pos/accounts/<id>/items[?status=suggested|confirmed|ignored|unmapped] — the item mapping;
// ?side=shopify lists the Shopify variants no confirmed item points at.
export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  const url = new URL(request.url);
  if (url.searchParams.get("side") === "shopify") return json(await apiUnmappedVariants(caller.shop, params.id ?? ""));
  return json(await apiItems(caller.shop, params.id ?? "", url.searchParams.get("status")));
});

// POST /api/pos/accounts/<id>/items — { refresh: true } (read the POS items, suggest), { confirmAll: true },
// or one item by posItemId or posName: { variantId | sku } to map, { confirm: true }, { ignore: true }.
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("GET, POST");
  const caller = await authenticateApi(request);
  const body = await readJsonObjectBody(request, { maxBytes: 16 * KiB });
  return json(await apiSetItems(caller.shop, params.id ?? "", body));
});
