// POST /proxy/job-application — the storefront's job application form, forwarded by Shopify's app
// proxy. In order: Shopify's signature (401), the shop takes applications (503), the visitor's
// submissions this hour (429), the body read as it streams to a folder of its own (413 past the
// limits), the fields (422 with one message per field), the honeypot (accepted, nothing sent). An
// accepted application is stored with its answers encrypted and mailed by a job
// (`storefront.job-applications`); its files stay on disk only until then.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { json } from "@remix-run/node";
import { db as appDb, type Db } from "../db.server";
import { env } from "../env.server";
import { encryptSecret } from "../lib/crypto.server";
import { jsonRefusal } from "../lib/request-body.server";
import { enqueue } from "../jobs/queue.server";
import { announceQueuedJob } from "../jobs/wakeup.server";
import { verifyAppProxyRequest } from "../storefront/app-proxy.server";
import { FILE_KINDS } from "./file-kinds";
import { receiveApplicationForm, type ReceivedFile, type ReceivedForm } from "./intake.server";
import { jobApplicationRecipient } from "./settings.server";

export const JOB_APPLICATION_SEND_JOB = "storefront.job-applications";
/** Accepted submissions per visitor (IP) and shop in an hour. */
export const SUBMISSIONS_PER_HOUR = 5;
const HOUR_MS = 60 * 60_000;

/** What an application holds until its mail is sent (encrypted in `answersCiphertext`). */
export interface ApplicationAnswers {
  name: string;
  email: string;
  phone: string | null;
  position: string;
  message: string | null;
  files: { filename: string; stored: string; contentType: string; bytes: number }[];
}

export interface SubmitDeps {
  db: Db;
  now: () => Date;
  /** The folder holding each pending application's folder. */
  uploadsRoot?: string;
}

export function uploadsRoot(): string {
  return env().UPLOADS_DIR ?? path.join(os.tmpdir(), "passerelle-uploads");
}

/** A keyed hash: lets us match an address or IP again without keeping it. */
export function pseudonym(kind: "email" | "ip", value: string): string {
  return createHmac("sha256", Buffer.from(env().APP_ENCRYPTION_KEY, "base64"))
    .update(`${kind}:${value.trim().toLowerCase()}`)
    .digest("hex")
    .slice(0, 40);
}

/** The visitor's address as Shopify's proxy passes it on (the first X-Forwarded-For entry). */
function visitorAddress(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}

export async function submitJobApplication(
  request: Request,
  deps: SubmitDeps = { db: appDb, now: () => new Date() },
): Promise<Response> {
  const { db } = deps;
  const proxy = verifyAppProxyRequest(new URL(request.url), env().SHOPIFY_API_SECRET, deps.now().getTime());
  if (!proxy.ok) return jsonRefusal(proxy.status, proxy.error);
  const shop = proxy.shop;
  const recipient = await jobApplicationRecipient(shop);
  if (!recipient) return jsonRefusal(503, "This shop does not take job applications online yet.");

  const clientKey = pseudonym("ip", visitorAddress(request));
  const hourAgo = new Date(deps.now().getTime() - HOUR_MS);
  // Only the last hour's submissions are counted: older rows forget the visitor.
  await db.jobApplication.updateMany({
    where: { shop, clientKey: { not: null }, createdAt: { lt: hourAgo } },
    data: { clientKey: null },
  });
  const recent = await db.jobApplication.count({ where: { shop, clientKey, createdAt: { gte: hourAgo } } });
  if (recent >= SUBMISSIONS_PER_HOUR)
    return jsonRefusal(429, "You have sent several applications in the last hour; please try again later.", {
      "Retry-After": "3600",
    });

  const root = deps.uploadsRoot ?? uploadsRoot();
  await fs.promises.mkdir(root, { recursive: true, mode: 0o700 });
  const dir = await fs.promises.mkdtemp(path.join(root, "job-application-"));
  let keepFiles = false;
  try {
    let form: ReceivedForm;
    try {
      form = await receiveApplicationForm(request, dir);
    } catch (error) {
      if (error instanceof Response) return error;
      throw error;
    }
    const thanks = json({ ok: true, message: "Thank you: your application was sent." }, { status: 202 });
    if (form.fields.website?.trim()) {
      // The honeypot: a person never sees the field, a robot fills it. Answered like a success.
      await db.jobApplication.create({ data: { shop, position: "", status: "discarded", clientKey } });
      return thanks;
    }
    const checked = checkAnswers(form);
    if ("fieldErrors" in checked)
      return json({ error: "Some fields need fixing.", fieldErrors: checked.fieldErrors }, { status: 422 });
    const answers: ApplicationAnswers = { ...checked.answers, files: form.files.map(describeFile) };
    // The row and its job in one transaction: a crash leaves both or neither, never an application
    // that no job will send.
    await db.$transaction(async (tx) => {
      const application = await tx.jobApplication.create({
        data: {
          shop,
          position: answers.position,
          status: "pending",
          applicantKey: pseudonym("email", answers.email),
          clientKey,
          answersCiphertext: encryptSecret(JSON.stringify(answers)),
          filesDir: dir,
        },
      });
      await enqueue(tx as unknown as Db, {
        shop,
        type: JOB_APPLICATION_SEND_JOB,
        trigger: "api",
        params: { applicationId: application.id },
        dedupeKey: `job-application:${application.id}`,
      });
    });
    keepFiles = true;
    announceQueuedJob(); // again, now that the job is committed and a worker can see it
    return thanks;
  } finally {
    if (!keepFiles) await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

function describeFile(file: ReceivedFile): ApplicationAnswers["files"][number] {
  return {
    filename: file.filename,
    stored: file.stored,
    contentType: FILE_KINDS[file.kind].contentType,
    bytes: file.bytes,
  };
}

const EMAIL = /^[^\s<>@,;"]+@[^\s<>@,;"]+\.[^\s<>@,;"]+$/;
const PHONE = /^\+?[0-9 ().\-/]{6,30}$/;

/** The answers, or one message per field that needs fixing (in the form's words). */
export function checkAnswers(
  form: ReceivedForm,
): { answers: Omit<ApplicationAnswers, "files"> } | { fieldErrors: Record<string, string> } {
  const errors: Record<string, string> = { ...form.errors };
  const value = (field: keyof ReceivedForm["fields"]) => form.fields[field]?.trim() ?? "";
  const name = value("name");
  const email = value("email");
  const phone = value("phone");
  const position = value("position");
  const message = value("message");
  if (!name) errors.name ??= "Enter your name.";
  else if (name.length > 200) errors.name ??= "At most 200 characters.";
  if (!EMAIL.test(email) || email.length > 320) errors.email ??= "Enter your e-mail address, e.g. name@example.com.";
  if (phone && !PHONE.test(phone)) errors.phone ??= "Enter a phone number: digits, spaces and + ( ) - only.";
  if (!position) errors.position ??= "Enter the position you are applying for.";
  else if (position.length > 200) errors.position ??= "At most 200 characters.";
  if (message.length > 5000) errors.message ??= "At most 5,000 characters.";
  if (Object.keys(errors).length) return { fieldErrors: errors };
  return { answers: { name, email, phone: phone || null, position, message: message || null } };
}
