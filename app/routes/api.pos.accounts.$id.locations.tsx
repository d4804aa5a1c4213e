import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { apiAccount, apiSaveLocations } from "../pos/api.server";

// GET /api/pos/accounts/<id>/locations — { sumLocations, mappings }.
export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json((await apiAccount(caller.shop, params.id ?? "")).locations);
});

// PUT /api/pos/accounts/<id>/locations — { sumLocations?, mappings: [{ posLocationId, shopifyLocationId }] }.
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "PUT") return methodNotAllowed("GET, PUT");
  const caller = await authenticateApi(request);
  const body = await readJsonObjectBody(request, { maxBytes: 32 * KiB });
  return json(await apiSaveLocations(caller.shop, params.id ?? "", body));
});
