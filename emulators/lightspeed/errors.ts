// Lightspeed Retail (R-Series) refusals. The API answers { httpCode, httpMessage, message, errorClass }
// (codes as strings); the OAuth token endpoint answers RFC 6749's { error, error_description }.
// The shapes are Lightspeed's; the message texts are plausible, not confirmed.

const HTTP_MESSAGES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export class LightspeedError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorClass = "Exception",
  ) {
    super(message);
  }

  body(): Record<string, string> {
    return {
      httpCode: String(this.status),
      httpMessage: HTTP_MESSAGES[this.status] ?? "Error",
      message: this.message,
      errorClass: this.errorClass,
    };
  }

  static invalidToken(): LightspeedError {
    return new LightspeedError(401, "Invalid access token.");
  }

  static expiredToken(): LightspeedError {
    return new LightspeedError(401, "Expired access token.");
  }

  static forbidden(accountId: string): LightspeedError {
    return new LightspeedError(403, `Access denied to account ${accountId}.`);
  }

  static notFound(message: string): LightspeedError {
    return new LightspeedError(404, message, "NotFoundException");
  }

  static badRequest(message: string): LightspeedError {
    return new LightspeedError(400, message, "InvalidArgumentException");
  }
}

/** An OAuth token endpoint refusal (RFC 6749 §5.2). */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type",
    description: string,
  ) {
    super(description);
  }

  body(): Record<string, string> {
    return { error: this.code, error_description: this.message };
  }
}

export function faultBody(status: number): Record<string, string> {
  return new LightspeedError(status, `HTTP ${status}`).body();
}
