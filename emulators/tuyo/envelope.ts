// Tuyo's answer shape: { status, response } with the HTTP status repeated in the body, for successes
// and refusals alike. The texts the seed shows are kept verbatim (leading spaces included).

export type TuyoBody = { status: number; response: string } & Record<string, unknown>;

export class TuyoError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  body(): TuyoBody {
    return { status: this.status, response: this.message };
  }

  /** Missing or unknown x-api-token. */
  static unauthorized(): TuyoError {
    return new TuyoError(401, "Unauthorized");
  }

  /** Missing, malformed, stale or future timestamp. */
  static expired(): TuyoError {
    return new TuyoError(401, "Request is expired");
  }

  static forbidden(message: string): TuyoError {
    return new TuyoError(403, message);
  }

  /** A request the server cannot act on: malformed body, impossible action. */
  static bad(message: string): TuyoError {
    return new TuyoError(400, message);
  }

  static notFound(message = "Product not found"): TuyoError {
    return new TuyoError(404, message);
  }

  /** Data missing from what was sent ("Status is missing", "Discount is missing"). */
  static conflict(message: string): TuyoError {
    return new TuyoError(409, message);
  }
}

export function ok(response: string, extra: Record<string, unknown> = {}): TuyoBody {
  return { status: 200, response, ...extra };
}

export const INTERNAL_ERROR: TuyoBody = { status: 500, response: "Internal Server Error" };
