// Who started a run, in the admin's language. English shows the stored trigger as it is.
import { defineWords } from "../i18n/define";
import type { JobTrigger } from "./queue.server";

export const TRIGGER_WORDS = defineWords<Record<JobTrigger, string>>({
  en: { schedule: "schedule", manual: "manual", webhook: "webhook", api: "api", retry: "retry" },
  fr: { schedule: "planification", manual: "manuel", webhook: "webhook", api: "API", retry: "nouvel essai" },
});
