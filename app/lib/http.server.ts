// Shapes responses for routes from the typed errors use-cases throw.
import { json } from "@remix-run/node";
import { AppError, ValidationError, errorMessage } from "./errors";

export interface ActionFailure {
  ok: false;
  message: string;
  fieldErrors: Record<string, string>;
}

/** For form actions: a validation problem becomes data the form shows; anything else propagates. */
export function actionFailure(error: unknown): ActionFailure {
  if (error instanceof ValidationError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof AppError && !error.transient) return { ok: false, message: error.message, fieldErrors: {} };
  throw error;
}

/** For JSON endpoints: typed errors become 4xx with a message, the rest a 503/500 with a short one. */
export function jsonError(error: unknown): Response {
  if (error instanceof Response) return error;
  if (error instanceof ValidationError)
    return json({ error: error.message, fieldErrors: error.fieldErrors }, { status: 422 });
  if (error instanceof AppError && error.name === "NotFoundError")
    return json({ error: error.message }, { status: 404 });
  if (error instanceof AppError) return json({ error: error.message }, { status: error.transient ? 503 : 400 });
  return json({ error: `internal error: ${errorMessage(error)}` }, { status: 500 });
}
