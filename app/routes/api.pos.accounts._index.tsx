import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { apiListAccounts, apiSaveAccount } from "../pos/api.server";

// GET /api/pos/accounts — the shop's POS accounts (secrets named, never shown) and the systems it can add.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await apiListAccounts(caller.shop));
});

// POST /api/pos/accounts — { system, name, settings, secrets, cron? } adds an account (422 naming fields).
export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("GET, POST");
  const caller = await authenticateApi(request);
  const body = await readJsonObjectBody(request, { maxBytes: 32 * KiB });
  return json({ account: await apiSaveAccount(caller.shop, body) }, { status: 201 });
});
