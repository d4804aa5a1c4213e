// The storefront's job application (POST /proxy/job-application, through Shopify's app proxy) against
// the real database and the SMTP emulator (a real SMTP server): the proxy signature (good, tampered,
// stale), file types told by content, the size limits (413), the hourly limit per visitor (429), the
// honeypot, field errors (422), and the mail with its attachments as the SMTP server received it,
// retried after a refusal, with nothing of the applicant left afterwards but time, position and status.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { handleCustomerDataRequest, handleCustomerRedact, handleShopRedact } from "~/compliance/compliance.server";
import { db } from "~/db.server";
import { storedText } from "~/i18n/stored-words";
import { SUBMISSIONS_PER_HOUR, submitJobApplication } from "~/job-applications/applications.server";
import { sendJobApplication } from "~/job-applications/send.server";
import { saveJobApplicationRecipient } from "~/job-applications/settings.server";
import { manualClock } from "~/jobs/clock";
import { runDueJobs } from "~/jobs/worker.server";
import { saveMailSettingsForm } from "~/mail/screen.server";
import { registerModules } from "~/modules.server";
import { action as mailAction, loader as mailLoader } from "~/routes/app.mail";
import { action as proxyAction } from "~/routes/proxy.job-application";
import { signAppProxyUrl } from "~/storefront/app-proxy.server";
import { DEMO_SMTP_USER, startSmtpEmulator, type SmtpEmulator } from "../../../emulators/smtp/index";
import { adminRequest, installShop } from "../../support/admin-request";
import { uniqueShop } from "../../support/shops";

const SECRET = process.env.SHOPIFY_API_SECRET!;
const MB = 1024 * 1024;
const JOB = "storefront.job-applications";
let smtp: SmtpEmulator;
let uploads: string;
let visitor = 0;

beforeAll(async () => {
  registerModules();
  smtp = await startSmtpEmulator();
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), "job-applications-test-"));
});
afterAll(async () => {
  await smtp.close();
  fs.rmSync(uploads, { recursive: true, force: true });
});
beforeEach(() => smtp.reset());

const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n%âãÏÓ\n"), Buffer.alloc(300_000, 0x41), Buffer.from("\n%%EOF\n")]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5000, 7)]);
const EXE = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00"), Buffer.alloc(4000, 1)]);

async function openShop(prefix: string): Promise<string> {
  const shop = uniqueShop(prefix);
  await installShop(shop, { name: "Maison Démo" });
  await saveMailSettingsForm(shop, {
    host: smtp.host,
    port: String(smtp.port),
    tls: smtp.tls,
    user: DEMO_SMTP_USER.username,
    password: DEMO_SMTP_USER.password,
    from: '"Maison Démo" <boutique@maison-demo.test>',
    trustedCertificate: smtp.certificate,
  });
  await saveJobApplicationRecipient(shop, `jobs@${shop.replace(".myshopify.com", "")}.test`);
  return shop;
}

interface Submission {
  fields?: Record<string, string>;
  files?: { name: string; content: Buffer; type?: string }[];
  ip?: string;
  timestamp?: number;
  tamper?: (url: URL) => void;
  headers?: Record<string, string>;
}

/** The request as Shopify's proxy forwards it: the visitor's form, the query signed with the app's secret. */
function proxied(shop: string, submission: Submission = {}): Request {
  const url = signAppProxyUrl(new URL(`${process.env.SHOPIFY_APP_URL}/proxy/job-application`), SECRET, {
    shop,
    pathPrefix: "/apps/passerelle",
    timestamp: submission.timestamp,
  });
  submission.tamper?.(url);
  const form = new FormData();
  const fields = submission.fields ?? {
    name: "Camille Martin",
    email: "camille@example.test",
    phone: "+33 6 12 34 56 78",
    position: "Vendeuse — Lyon",
    message: "Bonjour,\nvoici ma candidature.",
    website: "",
  };
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of submission.files ?? [])
    form.append(
      "files",
      new Blob([new Uint8Array(file.content)], { type: file.type ?? "application/octet-stream" }),
      file.name,
    );
  return new Request(url, {
    method: "POST",
    body: form,
    headers: { "x-forwarded-for": submission.ip ?? `203.0.113.${++visitor}`, ...submission.headers },
  });
}

const submit = (request: Request) => submitJobApplication(request, { db, now: () => new Date(), uploadsRoot: uploads });
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const pendingFolders = () => fs.readdirSync(uploads);

describe("job application through the app proxy", { timeout: 60_000 }, () => {
  it("takes a signed request, refuses an unsigned, tampered or stale one with 401 JSON", async () => {
    const shop = await openShop("jobs-sig");
    const good = await proxyAction({ request: proxied(shop), params: {}, context: {} });
    expect(good.status).toBe(202);
    expect(await good.json()).toEqual({ ok: true, message: "Thank you: your application was sent." });

    const unsigned = await submit(proxied(shop, { tamper: (u) => u.searchParams.delete("signature") }));
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ error: "The request is not signed by Shopify." });
    const tampered = await submit(
      proxied(shop, { tamper: (u) => u.searchParams.set("shop", "someone-else.myshopify.com") }),
    );
    expect(tampered.status).toBe(401);
    const stale = await submit(proxied(shop, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 }));
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { error: string }).error).toMatch(/too old/);
    expect(await db.jobApplication.count({ where: { shop } })).toBe(1);
  });

  it("answers 422 with one message per field, and tells files by their content, not their name", async () => {
    const shop = await openShop("jobs-fields");
    const empty = await submit(
      proxied(shop, { fields: { name: "", email: "not-an-address", phone: "call me", position: "" } }),
    );
    expect(empty.status).toBe(422);
    expect(await empty.json()).toEqual({
      error: "Some fields need fixing.",
      fieldErrors: {
        name: "Enter your name.",
        email: "Enter your e-mail address, e.g. name@example.com.",
        phone: "Enter a phone number: digits, spaces and + ( ) - only.",
        position: "Enter the position you are applying for.",
      },
    });

    // A program named like a PDF is refused; a PDF named like a text file is taken (as a PDF).
    const disguised = await submit(
      proxied(shop, { files: [{ name: "cv.pdf", content: EXE, type: "application/pdf" }] }),
    );
    expect(disguised.status).toBe(422);
    expect(await disguised.json()).toMatchObject({
      fieldErrors: { files: "“cv.pdf” is not a PDF, Word (DOC, DOCX), JPEG or PNG file." },
    });
    const tooMany = await submit(
      proxied(shop, { files: [1, 2, 3, 4].map((i) => ({ name: `cv-${i}.pdf`, content: PDF })) }),
    );
    expect(tooMany.status).toBe(422);
    expect(await tooMany.json()).toMatchObject({ fieldErrors: { files: "Attach at most 3 files." } });
    const renamed = await submit(proxied(shop, { files: [{ name: "cv.txt", content: PDF, type: "text/plain" }] }));
    expect(renamed.status).toBe(202);
    // Refused forms leave nothing on disk; the accepted one waits for its mail.
    expect(pendingFolders()).toHaveLength(1);
    await runDueJobs({ db, types: [JOB] });
    const [mail] = smtp.messages({ to: `jobs@${shop.replace(".myshopify.com", "")}.test` });
    expect(mail!.attachments).toMatchObject([{ filename: "cv.txt", contentType: "application/pdf", size: PDF.length }]);
    expect(pendingFolders()).toHaveLength(0);
  });

  it("refuses a file over 10 MB and files over 20 MB in all with 413, keeping nothing", async () => {
    const shop = await openShop("jobs-size");
    const big = Buffer.concat([PDF.subarray(0, 20), Buffer.alloc(10 * MB + 1, 0x20)]);
    const oneTooBig = await submit(proxied(shop, { files: [{ name: "portfolio.pdf", content: big }] }));
    expect(oneTooBig.status).toBe(413);
    expect(await oneTooBig.json()).toEqual({
      error: "“portfolio.pdf” is larger than 10 MB; each file may be up to that.",
    });
    const eight = Buffer.concat([PDF.subarray(0, 20), Buffer.alloc(8 * MB, 0x20)]);
    const together = await submit(
      proxied(shop, { files: [1, 2, 3].map((i) => ({ name: `part-${i}.pdf`, content: eight })) }),
    );
    expect(together.status).toBe(413);
    expect(await together.json()).toEqual({ error: "The files together are larger than 20 MB." });
    // Announced too long: refused before a byte is read.
    const announced = await submit(proxied(shop, { headers: { "content-length": String(25 * MB) } }));
    expect(announced.status).toBe(413);
    expect(pendingFolders()).toHaveLength(0);
    expect(await db.jobApplication.count({ where: { shop } })).toBe(0);
  });

  it(`takes ${SUBMISSIONS_PER_HOUR} applications an hour from one visitor, then answers 429`, async () => {
    const shop = await openShop("jobs-rate");
    for (let i = 0; i < SUBMISSIONS_PER_HOUR; i++)
      expect((await submit(proxied(shop, { ip: "198.51.100.7" }))).status).toBe(202);
    const refused = await submit(proxied(shop, { ip: "198.51.100.7" }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("3600");
    expect(((await refused.json()) as { error: string }).error).toMatch(/try again later/);
    // Another visitor is not held back.
    expect((await submit(proxied(shop, { ip: "198.51.100.8" }))).status).toBe(202);
    // The visitor's address is not kept: only a keyed hash.
    const rows = await db.jobApplication.findMany({ where: { shop } });
    expect(JSON.stringify(rows)).not.toContain("198.51.100.7");
    await runDueJobs({ db, types: [JOB] });
  });

  it("accepts a filled honeypot like a success and sends nothing", async () => {
    const shop = await openShop("jobs-honeypot");
    const robot = await submit(
      proxied(shop, {
        fields: { name: "Bot", email: "bot@example.test", position: "Any", website: "http://spam.example" },
        files: [{ name: "cv.pdf", content: PDF }],
      }),
    );
    expect(robot.status).toBe(202);
    expect(await robot.json()).toEqual({ ok: true, message: "Thank you: your application was sent." });
    await runDueJobs({ db, types: [JOB] });
    expect(smtp.messages()).toHaveLength(0);
    expect(pendingFolders()).toHaveLength(0);
    expect(await db.jobApplication.findMany({ where: { shop }, select: { status: true, position: true } })).toEqual([
      { status: "discarded", position: "" },
    ]);
  });

  it("mails the application with its files to the shop's address, retries after a refusal, then keeps only time, position and status", async () => {
    const shop = await openShop("jobs-mail");
    const to = `jobs@${shop.replace(".myshopify.com", "")}.test`;
    smtp.faults.add({ route: "DATA *", kind: "status", status: 451, body: "Mailbox busy", count: 1 });
    const accepted = await submit(
      proxied(shop, {
        files: [
          { name: "CV Camille.pdf", content: PDF },
          { name: "photo.png", content: PNG },
        ],
      }),
    );
    expect(accepted.status).toBe(202);
    const clock = manualClock(new Date());
    await runDueJobs({ db, types: [JOB], clock });
    expect(smtp.messages({ to })).toHaveLength(0);
    const waiting = await db.jobApplication.findFirstOrThrow({ where: { shop } });
    expect(waiting.status).toBe("pending");
    expect(fs.existsSync(waiting.filesDir!)).toBe(true); // kept until sent
    const failedLog = await db.mailLog.findFirstOrThrow({ where: { shop, template: "job-application" } });
    expect(failedLog).toMatchObject({ status: "failed", to });
    expect(failedLog.error).toMatch(/451 Mailbox busy/);
    // The retry note reads French on a French screen, the mail server's answer inside it; English unchanged.
    const retry = await db.jobLogEntry.findFirstOrThrow({
      where: { shop, message: { contains: "The application's mail was not sent yet" } },
    });
    expect(retry.message).toMatch(
      /^Attempt 1 of \d+ failed: The application's mail was not sent yet: .*451 Mailbox busy/,
    );
    const french = storedText(retry.message, retry.words, "fr");
    expect(french).toMatch(/^Tentative 1 sur \d+ échouée : L'e-mail de la candidature n'est pas encore parti : /);
    expect(french).toContain("451 Mailbox busy");
    expect(french).not.toContain("was not sent yet");

    clock.advance(60 * 60_000);
    await runDueJobs({ db, types: [JOB], clock });
    const [mail] = smtp.messages({ to });
    expect(mail!.subject).toBe("Candidature : Vendeuse — Lyon");
    expect(mail!.replyTo).toEqual(["camille@example.test"]);
    expect(mail!.text).toContain("Camille Martin");
    expect(mail!.text).toContain("+33 6 12 34 56 78");
    expect(mail!.html).toContain("voici ma candidature.");
    expect(mail!.attachments.map((a) => [a.filename, a.contentType, a.size, a.sha256])).toEqual([
      ["CV Camille.pdf", "application/pdf", PDF.length, sha256(PDF)],
      ["photo.png", "image/png", PNG.length, sha256(PNG)],
    ]);

    const done = await db.jobApplication.findFirstOrThrow({ where: { shop } });
    expect(done).toMatchObject({
      status: "sent",
      answersCiphertext: null,
      filesDir: null,
      position: "Vendeuse — Lyon",
    });
    expect(fs.existsSync(waiting.filesDir!)).toBe(false);
    const logs = await db.mailLog.findMany({
      where: { shop, template: "job-application" },
      orderBy: { createdAt: "asc" },
    });
    expect(logs.map((l) => l.status)).toEqual(["failed", "sent"]);
    expect(logs[1]!.about).toBe(`job-application:${done.id}`);
  });

  it("a run after a crash between the row's update and the files' removal sends nothing more and erases the files", async () => {
    const shop = await openShop("jobs-crash");
    expect((await submit(proxied(shop, { files: [{ name: "cv.pdf", content: PDF }] }))).status).toBe(202);
    const row = await db.jobApplication.findFirstOrThrow({ where: { shop } });
    const folder = row.filesDir!;
    // As if the process died right after marking it sent: status says sent, files still there.
    await db.jobApplication.update({ where: { id: row.id }, data: { status: "sent", answersCiphertext: null } });
    const result = await sendJobApplication(db, shop, row.id, { now: () => new Date(), lastAttempt: false });
    expect(result).toBe("already-done");
    expect(fs.existsSync(folder)).toBe(false);
    expect((await db.jobApplication.findUniqueOrThrow({ where: { id: row.id } })).filesDir).toBeNull();
    await runDueJobs({ db, types: [JOB] }); // the queued run too
    expect(smtp.messages()).toHaveLength(0);
  });

  it("the Mail screen sets the address (checked), lists applications by time, position and status, and an empty address closes the form", async () => {
    const shop = await openShop("jobs-screen");
    const post = (value: string) =>
      mailAction({
        request: adminRequest(shop, "/app/mail", { form: { intent: "job-applications", jobApplicationsTo: value } }),
        params: {},
        context: {},
      });
    expect(await post("not an address")).toMatchObject({
      ok: false,
      fieldErrors: { jobApplicationsTo: "Enter one e-mail address, e.g. jobs@your-shop.com." },
    });
    expect(await post(" rh@maison-demo.test ")).toEqual({
      ok: true,
      message: "Job applications will be mailed to rh@maison-demo.test",
    });
    expect((await submit(proxied(shop))).status).toBe(202);
    const screen = await mailLoader({ request: adminRequest(shop, "/app/mail"), params: {}, context: {} });
    expect(screen.jobApplications).toMatchObject({
      recipient: "rh@maison-demo.test",
      applications: { items: [{ position: "Vendeuse — Lyon", status: "pending" }], total: 1 },
    });
    await runDueJobs({ db, types: [JOB] });
    expect(smtp.messages({ to: "rh@maison-demo.test" })).toHaveLength(1);

    await post("");
    const closed = await submit(proxied(shop));
    expect(closed.status).toBe(503);
    expect(await closed.json()).toEqual({ error: "This shop does not take job applications online yet." });
  });

  it("an application whose mail failed says why on the Mail screen in the admin's language, English unchanged", async () => {
    const shop = await openShop("jobs-failed");
    expect((await submit(proxied(shop))).status).toBe(202);
    // The address removed before the mail went: it cannot be sent.
    await mailAction({
      request: adminRequest(shop, "/app/mail", { form: { intent: "job-applications", jobApplicationsTo: "" } }),
      params: {},
      context: {},
    });
    const row = await db.jobApplication.findFirstOrThrow({ where: { shop } });
    expect(await sendJobApplication(db, shop, row.id, { now: () => new Date(), lastAttempt: true })).toBe("failed");
    const screen = (locale: string) =>
      mailLoader({ request: adminRequest(shop, `/app/mail?locale=${locale}`), params: {}, context: {} });
    expect((await screen("en")).jobApplications.applications.items).toMatchObject([
      { status: "failed", error: "No address is set for job applications." },
    ]);
    expect((await screen("fr")).jobApplications.applications.items).toMatchObject([
      { status: "failed", error: "Aucune adresse n'est définie pour les candidatures." },
    ]);
  });

  it("GDPR: data_request lists an applicant's applications by e-mail, customers/redact and shop/redact delete them", async () => {
    const shop = await openShop("jobs-gdpr");
    expect((await submit(proxied(shop, { files: [{ name: "cv.pdf", content: PDF }] }))).status).toBe(202);
    const customer = { email: "Camille@Example.test" };
    const requestId = await handleCustomerDataRequest(shop, { shop_domain: shop, customer });
    const request = await db.complianceRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(JSON.parse(request.resultJson).found.jobApplications).toMatchObject([
      { position: "Vendeuse — Lyon", status: "pending" },
    ]);
    const folder = (await db.jobApplication.findFirstOrThrow({ where: { shop } })).filesDir!;
    expect(await handleCustomerRedact(shop, { shop_domain: shop, customer })).toMatchObject({ jobApplications: 1 });
    expect(fs.existsSync(folder)).toBe(false);
    expect(await db.jobApplication.count({ where: { shop } })).toBe(0);
    await runDueJobs({ db, types: [JOB] }); // the queued send finds nothing to send
    expect(smtp.messages()).toHaveLength(0);

    expect((await submit(proxied(shop))).status).toBe(202);
    await handleShopRedact(shop);
    expect(await db.jobApplication.count({ where: { shop } })).toBe(0);
    expect(await db.jobApplicationSettings.count({ where: { shop } })).toBe(0);
    await runDueJobs({ db, types: [JOB] });
  });
});
