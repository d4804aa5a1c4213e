// Mailing an accepted application (job `storefront.job-applications`, one run per application): its answers
// and files go to the shop's job application address through the mail module, which records the mail.
// A send the SMTP server turned away for now is retried by the job with backoff; once sent (or given
// up) the answers and files are erased and only the time, position and status remain. Idempotent: a
// run that finds the application no longer pending only finishes erasing its files.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db.server";
import { decryptSecret } from "../lib/crypto.server";
import { TransientError } from "../lib/errors";
import { sendMail } from "../mail/send.server";
import { jobApplicationTemplate } from "../mail/templates/job-application";
import { defineJobType, type JobTypeDefinition } from "../jobs/registry.server";
import { fromWordsJson, said, wordsJson } from "../i18n/stored-words";
import { JOB_APPLICATION_SEND_JOB, type ApplicationAnswers } from "./applications.server";

const NO_RECIPIENT = said("words5.jobApplication.noRecipient");

export const SEND_MAX_ATTEMPTS = 6;

export type SendResult = "sent" | "already-done" | "failed" | "missing";

export async function sendJobApplication(
  db: Db,
  shop: string,
  applicationId: string,
  options: { now: () => Date; lastAttempt: boolean },
): Promise<SendResult> {
  const application = await db.jobApplication.findFirst({ where: { id: applicationId, shop } });
  if (!application) return "missing";
  if (application.status !== "pending" || !application.answersCiphertext) {
    await eraseFiles(db, application.id, application.filesDir);
    return "already-done";
  }
  const answers = JSON.parse(decryptSecret(application.answersCiphertext)) as ApplicationAnswers;
  const settings = await db.jobApplicationSettings.findUnique({ where: { shop } });
  // Streamed from disk by nodemailer: a file is never read whole into memory.
  const streams = answers.files.map((file) => fs.createReadStream(path.join(application.filesDir!, file.stored)));
  const outcome = settings
    ? await sendMail(shop, {
        to: settings.recipient,
        template: jobApplicationTemplate,
        data: {
          name: answers.name,
          email: answers.email,
          phone: answers.phone,
          position: answers.position,
          message: answers.message,
          files: answers.files.map((f) => f.filename),
          receivedAt: application.createdAt.toISOString(),
        },
        locale: "fr",
        about: `job-application:${application.id}`,
        replyTo: answers.email,
        attachments: answers.files.map((file, i) => ({
          filename: file.filename,
          contentType: file.contentType,
          content: streams[i]!,
        })),
      })
    : ({
        status: "failed",
        error: NO_RECIPIENT.text,
        errorWords: wordsJson(NO_RECIPIENT),
        transient: false,
      } as const);
  // A send that failed early never read them: close their files now, not when collected.
  for (const stream of streams) stream.destroy();
  if (outcome.status === "failed" && outcome.transient && !options.lastAttempt)
    throw new TransientError(
      said("words6.jobApplication.notSentYet", {
        message: fromWordsJson(outcome.errorWords, outcome.error) ?? outcome.error,
      }),
    );
  const sent = outcome.status === "sent";
  // The status first (files still named), then the files, then the folder's name: a crash in between
  // leaves a row that says where the files are, and the next run erases them.
  await db.jobApplication.update({
    where: { id: application.id },
    data: {
      status: sent ? "sent" : "failed",
      sentAt: sent ? options.now() : null,
      error: sent ? null : outcome.error,
      errorWords: sent ? null : outcome.errorWords,
      answersCiphertext: null,
    },
  });
  await eraseFiles(db, application.id, application.filesDir);
  return sent ? "sent" : "failed";
}

async function eraseFiles(db: Db, id: string, dir: string | null): Promise<void> {
  if (!dir) return;
  await fs.promises.rm(dir, { recursive: true, force: true });
  await db.jobApplication.update({ where: { id }, data: { filesDir: null } });
}

export const jobApplicationJobTypes: JobTypeDefinition[] = [
  defineJobType<{ applicationId: string }>({
    type: JOB_APPLICATION_SEND_JOB,
    title: "Job application mails",
    description:
      "Mails each job application sent from the storefront, with its files, to the address set on the Mail screen; tried again later when the mail server is unavailable.",
    fr: {
      title: "E-mails de candidature",
      description:
        "Envoie par e-mail chaque candidature reçue depuis la boutique en ligne, avec ses fichiers, à l'adresse définie sur l'écran E-mails ; nouvel essai plus tard si le serveur de messagerie est indisponible.",
    },
    retry: { maxAttempts: SEND_MAX_ATTEMPTS, baseDelayMs: 60_000, capDelayMs: 30 * 60_000 },
    concurrency: { key: (params) => params.applicationId },
    parseParams: (raw) => {
      const id = (raw as { applicationId?: unknown }).applicationId;
      if (typeof id !== "string" || !id)
        throw new Error("this runs by itself for each application sent from the storefront");
      return { applicationId: id };
    },
    handler: async (ctx) => {
      const result = await sendJobApplication(ctx.db, ctx.shop, ctx.params.applicationId, {
        now: () => ctx.now(),
        lastAttempt: ctx.attempt >= SEND_MAX_ATTEMPTS,
      });
      ctx.count({ seen: 1, changed: result === "sent" ? 1 : 0, failed: result === "failed" ? 1 : 0 });
      return { result };
    },
  }),
];
