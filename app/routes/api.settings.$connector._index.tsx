import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { connectionSettings, saveConnectionSettings } from "../settings/api.server";

/** A system's settings are a few fields plus, for Fastmag, a few SQL query overrides. */
const MAX_BODY_BYTES = 64 * KiB;

// GET /api/settings/<system> — its state and stored settings.
export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await connectionSettings(caller.shop, params.connector ?? ""));
});

// PUT /api/settings/<system> — the fields of its settings screen, checked by the same rules, saved all or
// nothing (422 naming each field otherwise). Secrets are write-only: an absent one keeps the stored value.
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "PUT") return methodNotAllowed("GET, PUT");
  const caller = await authenticateApi(request);
  const fields = await readJsonObjectBody(request, { maxBytes: MAX_BODY_BYTES });
  return json(await saveConnectionSettings(caller.shop, params.connector ?? "", fields));
});
