// A zod refusal as the field errors a merchant or an API caller reads: one message per field, and a
// field the form does not have named as such (never silently dropped).
import type { z } from "zod";

export function fieldErrorsFromZod(error: z.ZodError, unknownField: string, root = "form"): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") for (const key of issue.keys) fieldErrors[key] = unknownField;
    else fieldErrors[issue.path.join(".") || root] ??= issue.message;
  }
  return fieldErrors;
}
