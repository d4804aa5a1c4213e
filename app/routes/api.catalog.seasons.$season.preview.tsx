import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";
import { previewSeason } from "../sync/catalog/screens.server";

// GET /api/catalog/seasons/<season>/preview — a dry run of the season's import: each product with what
// would happen to it (create, update, unchanged, refused, gone) and why; nothing is written.
export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await previewSeason(caller.shop, params.season ?? ""));
});

export const action = () => methodNotAllowed("GET");
