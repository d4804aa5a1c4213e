// Use-cases behind the Fastmag explorer: the screen (?operation=…&q=…&page=…) and the JSON API
// (GET /api/fastmag/<operation>). Fastmag's failures become typed errors in the merchant's words, so
// the API answers through the shared mapping (app/lib/http-errors.server.ts) and the screen shows them.
import { FastmagProtocolError, FastmagRefusedError, FastmagUnavailableError } from "../connectors/fastmag/errors";
import { API_PARAMETER, EXPLORER_OPERATIONS, explorerOperation } from "../connectors/fastmag/explorer-operations";
import {
  ExplorerNotFoundError,
  exploreFastmag,
  type ExplorerRequest,
  type ExplorerResult,
} from "../connectors/fastmag/explorer.server";
import { describeFastmagFailure, FastmagNotConfiguredError } from "../connectors/fastmag/settings.server";
import { ExternalSystemError, NotFoundError, TransientError, ValidationError } from "../lib/errors";

export type { ExplorerResult, ExplorerValue } from "../connectors/fastmag/explorer.server";

/** How long an API caller should wait after Fastmag did not answer. */
const FASTMAG_RETRY_AFTER_MS = 30_000;

/** GET /api/fastmag/operations: what the API can look up, and the query parameter each one takes. */
export function explorerApiOperations() {
  return EXPLORER_OPERATIONS.map((op) => ({
    id: op.id,
    label: op.label,
    path: `/api/fastmag/${op.id}`,
    parameter: API_PARAMETER[op.input],
    paginated: op.paginated,
  }));
}

/** GET /api/fastmag/<operation>?<parameter>=…&page=&pageSize= */
export async function exploreFastmagApi(
  shop: string,
  operationId: string,
  search: URLSearchParams,
): Promise<ExplorerResult> {
  const operation = explorerOperation(operationId);
  if (!operation)
    throw new NotFoundError(`Unknown operation "${operationId}". GET /api/fastmag/operations lists them.`);
  const parameter = API_PARAMETER[operation.input];
  try {
    return await exploreFastmag(shop, {
      operation: operation.id,
      query: parameter ? (search.get(parameter) ?? "") : "",
      page: numberParam(search, "page"),
      pageSize: numberParam(search, "pageSize"),
    });
  } catch (error) {
    throw inMerchantWords(error);
  }
}

export interface ExplorerScreen {
  result: ExplorerResult | null;
  /** A lookup that found nothing. */
  notice: string | null;
  /** `setup`: the failure is that Fastmag is not set up (the screen links to its settings). */
  error: { message: string; fieldErrors: Record<string, string>; setup: boolean } | null;
}

/** The explorer screen: a search's result, or what to tell the merchant instead. */
export async function exploreFastmagScreen(shop: string, request: ExplorerRequest): Promise<ExplorerScreen> {
  const answer: ExplorerScreen = { result: null, notice: null, error: null };
  if (!request.operation) return answer;
  try {
    return { ...answer, result: await exploreFastmag(shop, request) };
  } catch (error) {
    if (error instanceof ExplorerNotFoundError) return { ...answer, notice: error.message };
    if (error instanceof ValidationError)
      return { ...answer, error: { message: error.message, fieldErrors: error.fieldErrors, setup: false } };
    return {
      ...answer,
      error: {
        message: describeFastmagFailure(error),
        fieldErrors: {},
        setup: error instanceof FastmagNotConfiguredError,
      },
    };
  }
}

function inMerchantWords(error: unknown): unknown {
  if (error instanceof FastmagUnavailableError)
    return new TransientError(describeFastmagFailure(error), { cause: error, retryAfterMs: FASTMAG_RETRY_AFTER_MS });
  if (error instanceof FastmagRefusedError || error instanceof FastmagProtocolError)
    return new ExternalSystemError(describeFastmagFailure(error), { cause: error });
  return error;
}

function numberParam(search: URLSearchParams, name: string): number | undefined {
  const value = search.get(name);
  return value === null || value === "" ? undefined : Number(value);
}
