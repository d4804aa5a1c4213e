// Every mail template the app can send, by id. A feature adds its template file here.
import type { MailTemplate } from "../render";
import { alertTemplate } from "./alert";
import { giftCardTemplate } from "./gift-card";
import { jobApplicationTemplate } from "./job-application";
import { testMailTemplate } from "./test-mail";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each template types its own data
export const MAIL_TEMPLATES: readonly MailTemplate<any>[] = [
  testMailTemplate,
  giftCardTemplate,
  jobApplicationTemplate,
  alertTemplate,
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each template types its own data
export function mailTemplate(id: string): MailTemplate<any> | undefined {
  return MAIL_TEMPLATES.find((t) => t.id === id);
}
