import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { apiAccount, apiRemoveAccount, apiSaveAccount } from "../pos/api.server";

// GET /api/pos/accounts/<id> — the account and its location mapping.
export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await apiAccount(caller.shop, params.id ?? ""));
});

// PUT /api/pos/accounts/<id> — saves the fields sent (absent secrets keep their value); DELETE removes it.
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  const caller = await authenticateApi(request);
  if (request.method === "DELETE") {
    await apiRemoveAccount(caller.shop, params.id ?? "");
    return json({ removed: true });
  }
  if (request.method !== "PUT") return methodNotAllowed("GET, PUT, DELETE");
  const body = await readJsonObjectBody(request, { maxBytes: 32 * KiB });
  return json({ account: await apiSaveAccount(caller.shop, body, params.id ?? "") });
});
