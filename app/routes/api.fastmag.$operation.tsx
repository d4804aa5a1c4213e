import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { exploreFastmagApi, explorerApiOperations } from "../explorer/fastmag.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";

// GET /api/fastmag/<operation>?<parameter>=…&page=&pageSize= — the ERP explorer's lookups as JSON
// for an ERP or a script (API token) or the embedded app (session token). GET /api/fastmag/operations
// lists them. 401 no credentials, 404 not found, 409 Fastmag not set up, 422 bad input, 502 Fastmag
// refused or answered nonsense, 503 Fastmag unavailable.
export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  if (params.operation === "operations") return json({ operations: explorerApiOperations() });
  return json(await exploreFastmagApi(caller.shop, params.operation ?? "", new URL(request.url).searchParams));
});

export const action = () => methodNotAllowed("GET");
