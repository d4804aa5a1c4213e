// A zod refusal as the field errors a merchant or an API caller reads: one message per field, and a
// field the form does not have named as such (never silently dropped).
import type { z } from "zod";

export function fieldErrorsFromZod(error: z.ZodError, unknownField: string, root = "form"): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const at = issue.path.join(".");
    if (issue.code === "unrecognized_keys")
      for (const key of issue.keys) fieldErrors[at ? `${at}.${key}` : key] = unknownField;
    else fieldErrors[at || root] ??= issue.message;
  }
  return fieldErrors;
}
