import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { FastmagProtocolError, FastmagRefusedError, FastmagUnavailableError } from "../connectors/fastmag/errors";
import { API_PARAMETER, EXPLORER_OPERATIONS, explorerOperation } from "../connectors/fastmag/explorer-operations";
import { ExplorerNotFoundError, exploreFastmag } from "../connectors/fastmag/explorer.server";
import { describeFastmagFailure, FastmagNotConfiguredError } from "../connectors/fastmag/settings.server";
import { ValidationError, errorMessage } from "../lib/errors";
import { logger } from "../lib/logger.server";

// GET /api/fastmag/<operation>?<parameter>=…&page=&pageSize= — the ERP explorer's lookups as JSON
// for an ERP or a script (API token) or the embedded app (session token). GET /api/fastmag/operations
// lists them. 400 bad input, 401 no credentials, 404 not found, 409 Fastmag not set up, 502 Fastmag
// refused or answered nonsense, 503 Fastmag unavailable.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  try {
    const caller = await authenticateApi(request);
    if (params.operation === "operations") return json({ operations: EXPLORER_OPERATIONS.map(describe) });
    const operation = explorerOperation(params.operation ?? "");
    if (!operation)
      return json(
        { error: `Unknown operation "${params.operation}". GET /api/fastmag/operations lists them.` },
        { status: 404 },
      );
    const url = new URL(request.url);
    const parameter = API_PARAMETER[operation.input];
    const result = await exploreFastmag(caller.shop, {
      operation: operation.id,
      query: parameter ? (url.searchParams.get(parameter) ?? "") : "",
      page: numberParam(url, "page"),
      pageSize: numberParam(url, "pageSize"),
    });
    return json(result);
  } catch (error) {
    return fastmagJsonError(error);
  }
};

function describe(op: (typeof EXPLORER_OPERATIONS)[number]) {
  const parameter = API_PARAMETER[op.input];
  return { id: op.id, label: op.label, path: `/api/fastmag/${op.id}`, parameter, paginated: op.paginated };
}

function numberParam(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name);
  return value === null || value === "" ? undefined : Number(value);
}

function fastmagJsonError(error: unknown): Response {
  if (error instanceof Response) return error;
  if (error instanceof ValidationError)
    return json({ error: error.message, fieldErrors: error.fieldErrors }, { status: 400 });
  if (error instanceof ExplorerNotFoundError) return json({ error: error.message }, { status: 404 });
  if (error instanceof FastmagNotConfiguredError) return json({ error: error.message }, { status: 409 });
  if (error instanceof FastmagUnavailableError)
    return json({ error: describeFastmagFailure(error) }, { status: 503, headers: { "Retry-After": "30" } });
  if (error instanceof FastmagRefusedError || error instanceof FastmagProtocolError)
    return json({ error: describeFastmagFailure(error) }, { status: 502 });
  logger.error("fastmag API call failed", { error: errorMessage(error) });
  return json({ error: "internal error" }, { status: 500 });
}
