import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { readSettings, saveSettings } from "../sync/catalog/screens.server";

// GET /api/catalog/settings — { archiveGone }. PUT — { "archiveGone": true } archives, on every season
// import (the nightly one too), the Shopify products whose every variant left their season; false only
// reports them. docs/api.md.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await readSettings(caller.shop));
});

export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  const caller = await authenticateApi(request);
  if (request.method !== "PUT") return methodNotAllowed("GET, PUT");
  return json(await saveSettings(caller.shop, await readJsonObjectBody(request, { maxBytes: 4 * KiB })));
});
