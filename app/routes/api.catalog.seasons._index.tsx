import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";
import { catalogOverview } from "../sync/catalog/screens.server";

// GET /api/catalog/seasons — the catalog source's seasons with their counts (the seed's products-by-season
// overview): in the source, in Shopify, changed since the last import.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await catalogOverview(caller.shop));
});

export const action = () => methodNotAllowed("GET");
