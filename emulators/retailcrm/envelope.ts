// RetailCRM's answer shapes: { success: true, ... } or { success: false, errorMsg, errors? } with the
// HTTP status that goes with the error, and the pagination block of list methods.
// Messages: "\"apiKey\" is missing.", "Wrong \"apiKey\" value.", "Parameter 'x' is missing",
// "Errors in the entity format" and "Not found" are the ones public clients test against; the rate-limit,
// batch-limit and partial-upload wordings are plausible, not confirmed.

export type ErrorList = Record<string, string> | string[];

export class RetailCrmError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: ErrorList,
    /** Extra fields of the envelope (e.g. processedOffersCount of a partly applied upload). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return {
      success: false,
      errorMsg: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }

  static missingKey(): RetailCrmError {
    return new RetailCrmError(401, '"apiKey" is missing.');
  }

  static wrongKey(): RetailCrmError {
    return new RetailCrmError(403, 'Wrong "apiKey" value.');
  }

  static rateLimited(): RetailCrmError {
    return new RetailCrmError(503, "Rate limit exceeded: no more than 10 requests per second per API key.");
  }

  static notFound(message = "Not found"): RetailCrmError {
    return new RetailCrmError(404, message);
  }

  static methodNotFound(): RetailCrmError {
    return new RetailCrmError(404, "API method not found");
  }

  static methodNotAllowed(): RetailCrmError {
    return new RetailCrmError(405, "Method Not Allowed");
  }

  static missingParameter(name: string): RetailCrmError {
    return new RetailCrmError(400, `Parameter '${name}' is missing`);
  }

  static validation(errors: ErrorList): RetailCrmError {
    return new RetailCrmError(400, "Errors in the entity format", errors);
  }

  static inputParameters(errors: ErrorList): RetailCrmError {
    return new RetailCrmError(400, "Errors in the input parameters", errors);
  }
}

export const PAGE_LIMITS = [20, 50, 100] as const;

export interface Page {
  limit: number;
  page: number;
}

/** limit ∈ {20, 50, 100} (default 20) and page ≥ 1 (default 1), else RetailCRM's input-parameter error. */
export function pageOf(limitParam: unknown, pageParam: unknown): Page {
  const errors: Record<string, string> = {};
  const limit = limitParam === undefined || limitParam === "" ? 20 : Number(limitParam);
  if (!(PAGE_LIMITS as readonly number[]).includes(limit))
    errors.limit = "The value you selected is not a valid choice.";
  const page = pageParam === undefined || pageParam === "" ? 1 : Number(pageParam);
  if (!Number.isInteger(page) || page < 1) errors.page = "This value should be greater than or equal to 1.";
  if (Object.keys(errors).length) throw RetailCrmError.inputParameters(errors);
  return { limit, page };
}

export function paginate<T>(items: T[], { limit, page }: Page) {
  return {
    items: items.slice((page - 1) * limit, page * limit),
    pagination: {
      limit,
      totalCount: items.length,
      currentPage: page,
      totalPageCount: Math.ceil(items.length / limit),
    },
  };
}
