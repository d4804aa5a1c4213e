// Hiboutik's refusals: JSON { error, error_description, details? } with the documented statuses
// (401 credentials, 403 rights, 404, 422 semantic errors with details per field, 429 call limit).
// The status codes are Hiboutik's published ones; the error codes and wordings are plausible, not
// confirmed — a client should go by the status.

export class HiboutikError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    description: string,
    readonly details?: Record<string, string>,
  ) {
    super(description);
  }

  body(): Record<string, unknown> {
    return { error: this.code, error_description: this.message, ...(this.details ? { details: this.details } : {}) };
  }

  static unauthorized(): HiboutikError {
    return new HiboutikError(401, "unauthorized", "API access is not granted or the credentials are incorrect.");
  }

  static quotaExceeded(limit: number, period: string): HiboutikError {
    return new HiboutikError(
      429,
      "too_many_requests",
      `API call limit reached (${limit} calls per ${period}); no more calls until the next ${period}.`,
    );
  }

  static notFound(description = "Resource not found."): HiboutikError {
    return new HiboutikError(404, "not_found", description);
  }

  static unprocessable(details: Record<string, string>): HiboutikError {
    return new HiboutikError(422, "unprocessable_entity", "The request contains semantic errors.", details);
  }

  static badRequest(description: string): HiboutikError {
    return new HiboutikError(400, "bad_request", description);
  }
}

export function faultBody(status: number): Record<string, unknown> {
  if (status === 429) return HiboutikError.quotaExceeded(0, "day").body();
  return new HiboutikError(status, status >= 500 ? "internal_error" : "error", `HTTP ${status}`).body();
}
