import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { deleteTuyoCategoryRule, saveTuyoCategoryRule, tuyoCategoriesScreen } from "../settings/tuyo.server";

// GET /api/tuyo/categories[?refresh=1] — Tuyo's categories (refreshed daily), the shop's mapping rules
// and the product types.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  const refresh = new URL(request.url).searchParams.get("refresh") === "1";
  return json(await tuyoCategoriesScreen(caller.shop, { refresh }));
});

// PUT { kind: "productType"|"collection", value, categoryId, subcategoryId, productTypeId } saves a rule
// (422 naming the field otherwise); DELETE { kind, value } removes one (404 when there is none).
export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "PUT" && request.method !== "DELETE") return methodNotAllowed("GET, PUT, DELETE");
  const caller = await authenticateApi(request);
  const body = await readJsonObjectBody(request, { maxBytes: 4 * KiB });
  if (request.method === "DELETE") return json(await deleteTuyoCategoryRule(caller.shop, body));
  return json({ rule: await saveTuyoCategoryRule(caller.shop, body) });
});
