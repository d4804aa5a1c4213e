// The storefront's job application, as a visitor and the merchant see it: the merchant sets up mail
// and the job application address on the Mail screen; a visitor opens the shop's page with the "Job
// application form" block (served by the Shopify emulator on the shop's own host name), sees the form's
// field errors, sends the form with a PDF through the app proxy, and the mail arrives in the SMTP
// emulator with the PDF attached; the Mail screen then lists the application as sent.
import { createHash } from "node:crypto";
import http from "node:http";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../scripts/stack";
import { DEMO_SMTP_USER, type SmtpEmulator } from "../../emulators/smtp/index";
import { launchBrowser, openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let stack: Stack;
let page: Page;
let app: FrameLocator;
let smtp: SmtpEmulator;
let visitorBrowser: Browser;

const PDF = Buffer.concat([
  Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"),
  Buffer.alloc(50_000, 0x20),
  Buffer.from("\n%%EOF\n"),
]);

beforeAll(async () => {
  session = await startE2eSession("job-application");
  ({ stack, page, app } = session);
  smtp = stack.emulators.smtp!;
  // The visitor's browser sends the shop's host name to the emulator, as DNS sends it to Shopify.
  visitorBrowser = await launchBrowser(["--host-resolver-rules=MAP *.myshopify.com 127.0.0.1"]);
});

afterAll(async () => {
  await visitorBrowser?.close();
  await session?.close();
});

describe("job application", () => {
  it("a visitor sends the storefront form with a PDF; the shop's address gets the mail with the PDF attached", async () => {
    await page.goto(stack.adminUrl);
    await app.getByText(stack.shop).first().waitFor({ timeout: 30_000 });
    await openFromAdminMenu(page, app, "Mail");
    await app.getByLabel("Host").waitFor({ timeout: 30_000 });
    await app.getByLabel("Host").fill(smtp.host);
    await app.getByLabel("Port").fill(String(smtp.port));
    await app.getByLabel("User").fill(DEMO_SMTP_USER.username);
    await app.getByLabel("Password").fill(DEMO_SMTP_USER.password);
    await app.getByLabel("From").fill('"Maison Démo" <boutique@maison-demo.test>');
    await app.getByLabel("Certificate to trust (PEM, optional)").fill(smtp.certificate);
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("Mail settings saved").waitFor({ timeout: 30_000 });
    await app.getByLabel("Send job applications to").fill("recrutement@maison-demo.test");
    await app.getByRole("button", { name: "Save address" }).click();
    await app.getByText("Job applications will be mailed to recrutement@maison-demo.test").waitFor({ timeout: 30_000 });

    const visitor = await visitorBrowser.newPage({ viewport: { width: 1000, height: 1200 } });
    const storefront = `http://${stack.shop}:${new URL(stack.shopify.url).port}`;
    await visitor.goto(`${storefront}/pages/job-application`);
    await visitor.getByRole("heading", { name: "Join our team" }).waitFor({ timeout: 30_000 });

    // Sent empty: the app's messages appear under the fields.
    await visitor.getByRole("button", { name: "Send my application" }).click();
    await visitor.getByText("Enter your name.").waitFor({ timeout: 30_000 });
    await visitor.getByText("Enter the position you are applying for.").waitFor();
    expect(await visitor.getByLabel("E-mail").getAttribute("aria-invalid")).toBe("true");
    await screenshot(visitor, "job-application-field-errors");

    await visitor.getByLabel("Name").fill("Camille Martin");
    await visitor.getByLabel("E-mail").fill("camille@example.test");
    await visitor.getByLabel("Phone (optional)").fill("+33 6 12 34 56 78");
    await visitor.getByLabel("Position").fill("Vendeuse — boutique de Lyon");
    await visitor.getByLabel("Message (optional)").fill("Bonjour,\nje vous propose ma candidature.");
    await visitor
      .getByLabel(/CV and other files/)
      .setInputFiles({ name: "CV Camille Martin.pdf", mimeType: "application/pdf", buffer: PDF });
    await visitor.getByRole("button", { name: "Send my application" }).click();
    await visitor.getByText("Thank you: your application was sent.").waitFor({ timeout: 30_000 });
    await screenshot(visitor, "job-application-sent");

    await expect
      .poll(() => smtp.messages({ to: "recrutement@maison-demo.test" }).length, { timeout: 30_000, interval: 250 })
      .toBe(1);
    const [mail] = smtp.messages({ to: "recrutement@maison-demo.test" });
    expect(mail!.subject).toBe("Candidature : Vendeuse — boutique de Lyon");
    expect(mail!.replyTo).toEqual(["camille@example.test"]);
    expect(mail!.text).toContain("Camille Martin");
    expect(mail!.attachments).toHaveLength(1);
    expect(mail!.attachments[0]).toMatchObject({
      filename: "CV Camille Martin.pdf",
      contentType: "application/pdf",
      size: PDF.length,
      sha256: createHash("sha256").update(PDF).digest("hex"),
    });

    await page.reload();
    await app.getByText("Vendeuse — boutique de Lyon").first().waitFor({ timeout: 30_000 });
    await app.getByText("Vendeuse — boutique de Lyon").first().scrollIntoViewIfNeeded();
    await screenshot(page, "job-application-mail-screen");
  });

  it("over real HTTP through the proxy: a body announced over 20 MB and a streamed file over 10 MB both get 413 JSON", async () => {
    const announced = await postThroughProxy({ fileBytes: 21 * 1024 * 1024, announce: true });
    expect(announced).toEqual({ status: 413, body: { error: "The files together are larger than 20 MB." } });
    const streamed = await postThroughProxy({ fileBytes: 11 * 1024 * 1024, announce: false });
    expect(streamed).toEqual({
      status: 413,
      body: { error: "“big.pdf” is larger than 10 MB; each file may be up to that." },
    });
  });
});

/** A visitor's multipart POST to the storefront's proxy path: with Content-Length, or chunked as it streams. */
function postThroughProxy(options: { fileBytes: number; announce: boolean }) {
  const { port } = new URL(stack.shopify.url);
  const boundary = "----passerelle-e2e";
  const head = Buffer.from(
    [
      ...Object.entries({ name: "Camille", email: "camille@example.test", position: "Vendeuse" }).flatMap(([k, v]) => [
        `--${boundary}`,
        `Content-Disposition: form-data; name="${k}"`,
        "",
        v,
      ]),
      `--${boundary}`,
      'Content-Disposition: form-data; name="files"; filename="big.pdf"',
      "Content-Type: application/pdf",
      "",
      "%PDF-1.4",
    ].join("\r\n"),
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(256 * 1024, 0x20);
  const chunks = Math.ceil(options.fileBytes / chunk.length);
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/apps/passerelle/job-application",
        method: "POST",
        headers: {
          host: `${stack.shop}:${port}`,
          "content-type": `multipart/form-data; boundary=${boundary}`,
          ...(options.announce ? { "content-length": head.length + chunks * chunk.length + tail.length } : {}),
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (c: Buffer) => parts.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(parts).toString()) }));
      },
    );
    // Once the answer came, the rest of the body may be refused: that is not the test's failure.
    req.on("error", (error) => (req.destroyed ? undefined : reject(error)));
    void (async () => {
      req.write(head);
      for (let i = 0; i < chunks && !req.destroyed; i++) if (!req.write(chunk)) await drainedOrClosed(req);
      if (!req.destroyed) req.end(tail);
    })();
  });
}

function drainedOrClosed(req: http.ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off("drain", done);
      req.off("close", done);
      resolve();
    };
    req.on("drain", done);
    req.on("close", done);
  });
}
