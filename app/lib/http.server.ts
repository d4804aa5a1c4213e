// Shapes form actions' answers from the typed errors use-cases throw (JSON routes and callbacks use
// app/lib/http-errors.server.ts).
import { AppError, DatabaseBusyError, ValidationError } from "./errors";
import { isDatabaseBusy } from "./http-errors.server";

export interface ActionFailure {
  ok: false;
  message: string;
  fieldErrors: Record<string, string>;
}

/** For form actions: a validation problem becomes data the form shows; anything else propagates. */
export function actionFailure(error: unknown): ActionFailure {
  if (error instanceof ValidationError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof AppError && !error.transient) return { ok: false, message: error.message, fieldErrors: {} };
  // The form stays as typed; the merchant can save again in a moment.
  if (isDatabaseBusy(error)) return { ok: false, message: new DatabaseBusyError().message, fieldErrors: {} };
  throw error;
}

/**
 * Runs a form action's work: its result, or the failure the form shows (`actionFailure`). The one
 * place form actions turn errors into answers; anything unexpected propagates to the error boundary.
 */
export async function formResult<T>(work: () => Promise<T>): Promise<T | ActionFailure> {
  try {
    return await work();
  } catch (error) {
    return actionFailure(error);
  }
}

/** A form posted an intent the action does not know. */
export function unknownIntent(): ActionFailure {
  return { ok: false, message: "Unknown action.", fieldErrors: {} };
}
