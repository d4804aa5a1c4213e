// Square's error body: { errors: [{ category, code, detail, field? }] } with the HTTP status that goes
// with the category. Codes used here (UNAUTHORIZED, ACCESS_TOKEN_REVOKED, RATE_LIMITED, NOT_FOUND,
// MISSING_REQUIRED_PARAMETER, INVALID_VALUE, IDEMPOTENCY_KEY_REUSED, INVALID_CURSOR…) are Square's
// published error codes; the detail texts are ours.

export type SquareCategory =
  | "API_ERROR"
  | "AUTHENTICATION_ERROR"
  | "INVALID_REQUEST_ERROR"
  | "RATE_LIMIT_ERROR"
  | "PAYMENT_METHOD_ERROR"
  | "REFUND_ERROR";

export interface SquareErrorEntry {
  category: SquareCategory;
  code: string;
  detail: string;
  field?: string;
}

export class SquareError extends Error {
  readonly entries: SquareErrorEntry[];

  constructor(
    readonly status: number,
    entries: SquareErrorEntry | SquareErrorEntry[],
  ) {
    const list = Array.isArray(entries) ? entries : [entries];
    super(list[0]?.detail ?? "error");
    this.entries = list;
  }

  body(): { errors: SquareErrorEntry[] } {
    return { errors: this.entries };
  }

  static unauthorized(detail = "This request could not be authorized."): SquareError {
    return new SquareError(401, { category: "AUTHENTICATION_ERROR", code: "UNAUTHORIZED", detail });
  }

  static tokenRevoked(): SquareError {
    return new SquareError(401, {
      category: "AUTHENTICATION_ERROR",
      code: "ACCESS_TOKEN_REVOKED",
      detail: "The access token has been revoked.",
    });
  }

  static rateLimited(): SquareError {
    return new SquareError(429, { category: "RATE_LIMIT_ERROR", code: "RATE_LIMITED", detail: "Rate limited." });
  }

  static notFound(detail: string): SquareError {
    return new SquareError(404, { category: "INVALID_REQUEST_ERROR", code: "NOT_FOUND", detail });
  }

  static methodNotAllowed(): SquareError {
    return new SquareError(405, {
      category: "INVALID_REQUEST_ERROR",
      code: "METHOD_NOT_ALLOWED",
      detail: "This endpoint does not accept this HTTP method.",
    });
  }

  static badRequest(code: string, detail: string, field?: string): SquareError {
    return new SquareError(400, { category: "INVALID_REQUEST_ERROR", code, detail, ...(field ? { field } : {}) });
  }

  static missing(field: string): SquareError {
    return SquareError.badRequest("MISSING_REQUIRED_PARAMETER", `Field must be set`, field);
  }

  static invalid(field: string, detail: string): SquareError {
    return SquareError.badRequest("INVALID_VALUE", detail, field);
  }
}

/** The body of an injected fault, in Square's shape. */
export function faultBody(status: number): { errors: SquareErrorEntry[] } {
  if (status === 429) return SquareError.rateLimited().body();
  if (status === 401) return SquareError.unauthorized().body();
  return {
    errors: [
      {
        category: status >= 500 ? "API_ERROR" : "INVALID_REQUEST_ERROR",
        code: status === 503 ? "SERVICE_UNAVAILABLE" : status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST",
        detail: `HTTP ${status}`,
      },
    ],
  };
}
