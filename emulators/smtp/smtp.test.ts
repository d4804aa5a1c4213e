// The SMTP emulator against the client the app's mail module uses (nodemailer), over real sockets.
import { createHash } from "node:crypto";
import nodemailer from "nodemailer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_SMTP_USER, startSmtpEmulator, type SmtpEmulator, type SmtpEmulatorOptions } from "./index";

let emulator: SmtpEmulator;

beforeEach(async () => {
  emulator = await startSmtpEmulator();
});

afterEach(async () => {
  await emulator.close();
});

async function restart(options: SmtpEmulatorOptions) {
  await emulator.close();
  emulator = await startSmtpEmulator(options);
}

function transport(overrides: Record<string, unknown> = {}) {
  return nodemailer.createTransport({
    host: emulator.host,
    port: emulator.port,
    secure: emulator.tls === "implicit",
    auth: { user: DEMO_SMTP_USER.username, pass: DEMO_SMTP_USER.password },
    tls: { ca: emulator.certificate },
    ...overrides,
  });
}

async function control(method: string, route: string, body?: unknown) {
  const response = await fetch(`${emulator.url}/_emulator/${route}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read arbitrary control answers
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const PDF = Buffer.concat([
  Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n", "latin1"),
  Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256)),
  Buffer.from("\n%%EOF\n"),
]);
const SUBJECT = "Η δωροκάρτα σας — votre carte cadeau";
const TEXT = "Γεια σας Ελένη,\nVoici votre carte cadeau de 50 €.\nCode : GIFT-1234";
const HTML = "<p>Γεια σας <b>Ελένη</b>,</p><p>Voici votre carte cadeau de 50&nbsp;€.</p>";

function giftCardMail(to = "eleni@example.test") {
  return {
    from: '"Boutique Démo" <shop@passerelle.test>',
    to,
    replyTo: "help@passerelle.test",
    subject: SUBJECT,
    text: TEXT,
    html: HTML,
    attachments: [{ filename: "carte-cadeau.pdf", content: PDF, contentType: "application/pdf" }],
  };
}

// Generous: TLS handshakes are slow on a busy machine.
describe("SMTP emulator", { timeout: 30_000 }, () => {
  it("keeps a multipart UTF-8 mail with its attachment, read back through the control API", async () => {
    const sent = await transport().sendMail(giftCardMail());
    expect(sent.accepted).toEqual(["eleni@example.test"]);

    const { status, body } = await control("GET", "messages?to=ELENI@example.test");
    expect(status).toBe(200);
    expect(body.messages).toHaveLength(1);
    const [message] = body.messages;
    expect(message.envelope).toEqual({ mailFrom: "shop@passerelle.test", rcptTo: ["eleni@example.test"] });
    expect(message.session).toMatchObject({ user: "passerelle", secure: true });
    expect(message.headers.subject[0]).toMatch(/^=\?UTF-8\?[BQ]\?/);
    expect(message.subject).toBe(SUBJECT);
    expect(message.from).toEqual(["shop@passerelle.test"]);
    expect(message.replyTo).toEqual(["help@passerelle.test"]);
    expect(message.headers["content-type"][0]).toMatch(/^multipart\/mixed/);
    expect(message.text.trim()).toBe(TEXT);
    expect(message.html).toBe(HTML);
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]).toMatchObject({
      filename: "carte-cadeau.pdf",
      contentType: "application/pdf",
      contentDisposition: "attachment",
      size: PDF.length,
      sha256: createHash("sha256").update(PDF).digest("hex"),
    });
    expect(Buffer.from(message.attachments[0].contentBase64, "base64").equals(PDF)).toBe(true);

    const full = await control("GET", `messages/${message.id}`);
    expect(full.body.raw).toContain("Content-Type: application/pdf");
    expect(emulator.raw(message.id)?.toString("latin1")).toBe(full.body.raw);
    expect((await control("GET", "messages?to=someone-else@example.test")).body.messages).toEqual([]);
    expect((await control("DELETE", "messages")).status).toBe(200);
    expect((await control("GET", "messages")).body.messages).toEqual([]);
  });

  it("refuses the next message with the code it is told, then accepts the retry", async () => {
    await control("POST", "faults", { route: "DATA *", kind: "status", status: 451, count: 1 });
    await expect(transport().sendMail(giftCardMail())).rejects.toMatchObject({ responseCode: 451 });
    expect(emulator.messages()).toHaveLength(0);

    await control("POST", "faults", { route: "DATA eleni@example.test", kind: "status", status: 554, count: 1 });
    await expect(transport().sendMail(giftCardMail())).rejects.toMatchObject({ responseCode: 554 });
    await transport().sendMail(giftCardMail());
    expect(emulator.messages()).toHaveLength(1);
    const data = emulator.calls().filter((call) => call.method === "DATA");
    expect(data.map((call) => [call.status, call.fault])).toEqual([
      [451, "status"],
      [554, "status"],
      [250, undefined],
    ]);
  });

  it("refuses a wrong password and keeps nothing", async () => {
    const wrong = transport({ auth: { user: DEMO_SMTP_USER.username, pass: "wrong" } });
    await expect(wrong.sendMail(giftCardMail())).rejects.toMatchObject({ code: "EAUTH", responseCode: 535 });
    const noAuth = transport({ auth: undefined });
    await expect(noAuth.sendMail(giftCardMail())).rejects.toMatchObject({ responseCode: 530 });
    expect(emulator.messages()).toEqual([]);
  });

  it("refuses a login before STARTTLS, and a recipient it is told to refuse", async () => {
    await expect(transport({ ignoreTLS: true }).sendMail(giftCardMail())).rejects.toMatchObject({ responseCode: 538 });
    await control("POST", "faults", { route: "RCPT bad@example.test", kind: "status", status: 550 });
    const sent = await transport().sendMail(giftCardMail("bad@example.test, eleni@example.test"));
    expect([sent.accepted, sent.rejected]).toEqual([["eleni@example.test"], ["bad@example.test"]]);
    expect(emulator.messages().map((message) => message.envelope.rcptTo)).toEqual([["eleni@example.test"]]);
    expect((await control("GET", "messages/99")).status).toBe(404);
  });

  it("presents its own certificate: trusted when given as CA, refused otherwise", async () => {
    await expect(transport({ tls: {} }).sendMail(giftCardMail())).rejects.toThrow(/self[- ]signed/i);
    await restart({ tls: "implicit" });
    await transport().sendMail(giftCardMail());
    expect(emulator.messages()[0].session.secure).toBe(true);
  });

  it("speaks plain text without STARTTLS when told, AUTH included", async () => {
    await restart({ tls: "none" });
    await transport().sendMail(giftCardMail());
    expect(emulator.messages()[0].session).toMatchObject({ secure: false, user: "passerelle" });
  });

  it("drops a held message after the time it is told", async () => {
    await control("POST", "faults", { route: "DATA *", kind: "hang", ms: 100, count: 1 });
    await expect(transport().sendMail(giftCardMail())).rejects.toThrow();
    expect(emulator.messages()).toEqual([]);
    expect(emulator.calls().find((call) => call.method === "DATA")?.fault).toBe("hang");
    await transport().sendMail(giftCardMail());
    expect(emulator.messages()).toHaveLength(1);
  });
});
