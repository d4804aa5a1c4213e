// The mail module against the SMTP emulator (a real SMTP server): settings with a write-only,
// encrypted password, the test mail, French/English/Greek rendered as MIME-encoded subjects and UTF-8
// bodies with both parts and attachments, and every mail — sent or failed — in the log.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { mailScreen, saveMailSettingsForm, sendTestMail } from "~/mail/screen.server";
import { previewMail, sendMail } from "~/mail/send.server";
import { giftCardTemplate } from "~/mail/templates/gift-card";
import { createApiToken } from "~/api/tokens.server";
import { loader as mailLogApi } from "~/routes/api.mail._index";
import { action as putSettingsApi, loader as getSettingsApi } from "~/routes/api.mail.settings";
import { action as testMailApi } from "~/routes/api.mail.test";
import { action as mailAction, loader as mailLoader } from "~/routes/app.mail";
import { DEMO_SMTP_USER, startSmtpEmulator, type SmtpEmulator } from "../../../emulators/smtp/index";
import { adminRequest, installShop } from "../../support/admin-request";
import { uniqueShop } from "../../support/shops";

let smtp: SmtpEmulator;

beforeAll(async () => {
  smtp = await startSmtpEmulator();
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(() => smtp.reset());

async function setUpMail(shop: string, server: SmtpEmulator, extra: Record<string, string> = {}) {
  await saveMailSettingsForm(shop, {
    host: server.host,
    port: String(server.port),
    tls: server.tls,
    user: DEMO_SMTP_USER.username,
    password: DEMO_SMTP_USER.password,
    from: '"Maison Démo" <boutique@maison-demo.test>',
    replyTo: "service@maison-demo.test",
    trustedCertificate: server.certificate,
    ...extra,
  });
}

const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from(Array.from({ length: 2048 }, (_, i) => i % 256))]);

describe("mail", { timeout: 30_000 }, () => {
  it("keeps the password encrypted and write-only, and sends the test mail over STARTTLS with a login", async () => {
    const shop = uniqueShop("mail");
    await installShop(shop, { name: "Maison Démo" });
    await setUpMail(shop, smtp);

    const row = await db.mailSettings.findUniqueOrThrow({ where: { shop } });
    expect(row.secretsCiphertext).not.toContain(DEMO_SMTP_USER.password);
    expect(row.configJson).not.toContain(DEMO_SMTP_USER.password);
    // Saving again without a password keeps it.
    await setUpMail(shop, smtp, { password: "" });

    const outcome = await sendTestMail(shop, "marchand@maison-demo.test", "el");
    expect(outcome).toMatchObject({ status: "sent" });
    const [message] = smtp.messages({ to: "marchand@maison-demo.test" });
    expect(message!.session).toMatchObject({ user: DEMO_SMTP_USER.username, secure: true });
    expect(message!.headers.subject![0]).toMatch(/^=\?UTF-8\?[BQ]\?/);
    expect(message!.subject).toBe("Δοκιμαστικό μήνυμα — Maison Démo");
    expect(message!.replyTo).toEqual(["service@maison-demo.test"]);

    const view = await mailLoader({ request: adminRequest(shop, "/app/mail"), params: {}, context: {} });
    expect(view).toMatchObject({ passwordSet: true, settings: { host: smtp.host, tls: "starttls" } });
    expect(JSON.stringify(view)).not.toContain(DEMO_SMTP_USER.password);
    expect(view.log.items[0]).toMatchObject({ to: "marchand@maison-demo.test", template: "test-mail", status: "sent" });
  });

  it.each([
    ["fr", "Hélène vous offre une carte cadeau Maison Démo", "50,00\u00a0€"],
    ["en", "Hélène sent you a Maison Démo gift card", "€50.00"],
    ["el", "Hélène σας χαρίζει μια δωροκάρτα Maison Démo", "50,00\u00a0€"],
  ])(
    "renders the gift card mail in %s: encoded subject, UTF-8 text and HTML parts, an attachment",
    async (locale, subject, amount) => {
      const shop = uniqueShop("mail");
      await installShop(shop);
      await setUpMail(shop, smtp);
      const outcome = await sendMail(shop, {
        to: "Ελένη <eleni@example.test>",
        template: giftCardTemplate,
        data: { ...giftCardTemplate.sample, recipientName: "Ελένη", message: "Χρόνια πολλά!\nBon anniversaire <3" },
        locale,
        about: "gift-card:CADEAU-0001",
        attachments: [{ filename: "carte-cadeau.pdf", content: PDF, contentType: "application/pdf" }],
      });
      expect(outcome.status).toBe("sent");
      const [message] = smtp.messages({ to: "eleni@example.test" });
      expect(message!.headers.subject![0]).toMatch(/^=\?UTF-8\?[BQ]\?/);
      expect(message!.subject).toBe(subject);
      expect(message!.headers["content-type"]![0]).toMatch(/^multipart\/mixed/);
      expect(message!.text).toContain("Ελένη");
      expect(message!.text).toContain("Χρόνια πολλά!\nBon anniversaire <3");
      expect(message!.text).toContain("CADEAU0001");
      expect(message!.text).toContain(amount);
      expect(message!.html).toContain(`lang="${locale}"`);
      expect(message!.html).toContain("Bon anniversaire &lt;3");
      expect(message!.attachments).toEqual([
        expect.objectContaining({
          filename: "carte-cadeau.pdf",
          contentType: "application/pdf",
          sha256: createHash("sha256").update(PDF).digest("hex"),
        }),
      ]);
      const raw = smtp.raw(message!.id)!.toString("latin1");
      expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
      expect(raw).toMatch(/Content-Type: text\/html; charset=utf-8/i);
    },
  );

  it("records a refused mail with its error, and the screen shows it", async () => {
    const shop = uniqueShop("mail");
    await installShop(shop);
    await setUpMail(shop, smtp);
    smtp.faults.add({ route: "DATA *", kind: "status", status: 451, body: "Try again later", count: 1 });
    const failed = await sendTestMail(shop, "marchand@maison-demo.test");
    expect(failed).toMatchObject({ status: "failed", transient: true });
    expect(failed.status === "failed" && failed.error).toContain("451");

    const answer = await mailAction({
      request: adminRequest(shop, "/app/mail", {
        method: "POST",
        form: { intent: "test", to: "marchand@maison-demo.test", locale: "en" },
      }),
      params: {},
      context: {},
    });
    expect(answer).toMatchObject({ ok: true, message: "Test mail sent to marchand@maison-demo.test" });

    const { log } = await mailScreen(shop, {});
    expect(log.items.map((m) => [m.status, m.template])).toEqual([
      ["sent", "test-mail"],
      ["failed", "test-mail"],
    ]);
    expect(log.items[1]!.error).toMatch(/451 Try again later/);
  });

  it("refuses bad settings field by field and saves nothing; a wrong password is a permanent failure", async () => {
    const shop = uniqueShop("mail");
    await installShop(shop);
    await expect(
      saveMailSettingsForm(shop, { host: "smtp://x", port: "99999", tls: "ssl", from: "nobody", colour: "red" }),
    ).rejects.toMatchObject({
      fieldErrors: {
        host: expect.any(String),
        port: expect.any(String),
        tls: expect.any(String),
        from: expect.any(String),
        colour: "not a mail setting",
      },
    });
    expect(await db.mailSettings.count({ where: { shop } })).toBe(0);
    await setUpMail(shop, smtp, { password: "wrong" });
    const outcome = await sendTestMail(shop, "marchand@maison-demo.test");
    expect(outcome).toMatchObject({ status: "failed", transient: false });
    expect(outcome.status === "failed" && outcome.error).toMatch(/refused the login/);
  });

  it("tests the SMTP settings as typed on the screen, without saving them", async () => {
    const shop = uniqueShop("mail");
    await installShop(shop);
    await setUpMail(shop, smtp, { password: "wrong" });
    const typed = {
      host: smtp.host,
      port: String(smtp.port),
      tls: smtp.tls,
      user: DEMO_SMTP_USER.username,
      password: DEMO_SMTP_USER.password,
      from: '"Maison Démo" <boutique@maison-demo.test>',
      trustedCertificate: smtp.certificate,
    };
    const saved = await db.mailSettings.findUniqueOrThrow({ where: { shop } });
    const test = (form: Record<string, string>) =>
      mailAction({
        request: adminRequest(shop, "/app/mail", { method: "POST", form: { intent: "test", ...form } }),
        params: {},
        context: {},
      });

    // The new password, typed and not saved, is the one tested: the mail goes out.
    expect(await test({ to: "marchand@maison-demo.test", locale: "en", ...typed })).toMatchObject({
      ok: true,
      message: "Test mail sent to marchand@maison-demo.test",
    });
    expect(smtp.messages({ to: "marchand@maison-demo.test" })).toHaveLength(1);
    // Nothing was saved: the stored settings still hold the old password, which the server refuses.
    expect(await db.mailSettings.findUniqueOrThrow({ where: { shop } })).toEqual(saved);
    expect(await sendTestMail(shop, "marchand@maison-demo.test")).toMatchObject({ status: "failed", transient: false });

    // A typed setting that is not valid is said next to its field, and nothing is sent.
    smtp.reset();
    const refused = await test({ to: "marchand@maison-demo.test", locale: "en", ...typed, port: "99999" });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { port: expect.any(String) } });
    expect(smtp.messages({ to: "marchand@maison-demo.test" })).toHaveLength(0);
  });

  it("previews every template in the three languages", () => {
    for (const locale of ["fr", "en", "el"]) {
      const preview = previewMail("gift-card", locale)!;
      expect(preview.html).toContain("CADEAU0001");
      expect(preview.text).toContain("CADEAU0001");
    }
    expect(previewMail("gift-card", "el")!.subject).toContain("δωροκάρτα");
    expect(previewMail("nope", "fr")).toBeNull();
  });

  it("has a JSON API: settings (password write-only, 422 by field), test mail, the log", async () => {
    const shop = uniqueShop("mail");
    await installShop(shop);
    const token = (await createApiToken(shop, "ERP")).token;
    const call = (path: string, method = "GET", body?: unknown) => ({
      request: new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      params: {},
      context: {},
    });
    const bad = (await putSettingsApi(call("/api/mail/settings", "PUT", { host: "", port: 25, tls: "x" }))) as Response;
    expect(bad.status).toBe(422);
    expect((await bad.json()).fieldErrors).toMatchObject({ host: expect.any(String), tls: expect.any(String) });
    const fields = {
      host: smtp.host,
      port: smtp.port,
      tls: "starttls",
      user: DEMO_SMTP_USER.username,
      password: DEMO_SMTP_USER.password,
      from: "boutique@maison-demo.test",
      trustedCertificate: smtp.certificate,
    };
    const saved = (await putSettingsApi(call("/api/mail/settings", "PUT", fields))) as Response;
    expect(saved.status).toBe(200);
    const read = await ((await getSettingsApi(call("/api/mail/settings"))) as Response).text();
    expect(read).not.toContain(DEMO_SMTP_USER.password);
    expect(JSON.parse(read)).toMatchObject({ passwordSet: true, settings: { port: smtp.port } });
    const sent = (await testMailApi(
      call("/api/mail/test", "POST", { to: "it@maison-demo.test", locale: "en" }),
    )) as Response;
    expect(await sent.json()).toMatchObject({ status: "sent" });
    expect(smtp.messages({ to: "it@maison-demo.test" })[0]!.subject).toBe(`Test mail — ${shop}`);
    const log = await ((await mailLogApi(call("/api/mail?about=test"))) as Response).json();
    expect(log.mails).toEqual([expect.objectContaining({ to: "it@maison-demo.test", status: "sent" })]);
  });
});
