// Gift card mails against the SMTP emulator: due mails sent exactly once with two workers, a refused
// send retried with backoff and its error kept, "Resend" planning a new mail.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { checkGiftCard } from "~/sync/gift-cards/check.server";
import {
  mailRetryDelayMs,
  planGiftCardMail,
  resendGiftCardMail,
  sendDueGiftCardMails,
} from "~/sync/gift-cards/mails.server";
import { mailLog } from "~/mail/screen.server";
import { searchGiftCards } from "~/sync/gift-cards/screen.server";
import { startGiftCardWorld, type GiftCardWorld } from "./harness";

let world: GiftCardWorld;
const T0 = new Date("2026-12-01T09:00:00Z");

beforeAll(async () => {
  world = await startGiftCardWorld("gcmails");
  const deps = await world.deps();
  for (const id of ["MAIL-2026-0001", "MAIL-2026-0002", "MAIL-2026-0003"]) {
    await world.sell({ id, initialAmount: 50, expiresOn: "2027-12-31" });
    await checkGiftCard(deps, world.shop, id);
  }
});
afterAll(() => world?.close());
beforeEach(() => world.smtp.reset());

describe("gift card mails", { timeout: 30_000 }, () => {
  it("sends each due mail exactly once with two workers, and a planned one only when due", async () => {
    await planGiftCardMail(
      db,
      world.shop,
      "MAIL-2026-0001",
      {
        recipientEmail: "eleni@example.test",
        recipientName: "Ελένη",
        senderName: "Hélène",
        message: "Χρόνια πολλά!",
        locale: "el",
      },
      T0,
    );
    await planGiftCardMail(db, world.shop, "MAIL-2026-0002", { recipientEmail: "paul@example.test", locale: "en" }, T0);
    await planGiftCardMail(
      db,
      world.shop,
      "MAIL-2026-0003",
      { recipientEmail: "later@example.test", sendAt: "2026-12-24T08:00:00Z" },
      T0,
    );

    const now = () => new Date(T0.getTime() + 60_000);
    const [a, b] = await Promise.all([
      sendDueGiftCardMails(db, world.shop, { now, worker: "worker-a" }),
      sendDueGiftCardMails(db, world.shop, { now, worker: "worker-b" }),
    ]);
    expect(a.sent + b.sent).toBe(2);
    const messages = world.smtp.messages();
    expect(messages.map((m) => m.envelope.rcptTo[0]).sort()).toEqual(["eleni@example.test", "paul@example.test"]);
    const eleni = messages.find((m) => m.envelope.rcptTo[0] === "eleni@example.test")!;
    expect(eleni.subject).toBe("Hélène σας χαρίζει μια δωροκάρτα Maison Démo");
    expect(eleni.headers.subject![0]).toMatch(/^=\?UTF-8\?[BQ]\?/);
    expect(eleni.text).toContain("Χρόνια πολλά!");
    expect(eleni.text).toContain("MAIL-2026-0001");
    expect(eleni.text).toContain("50,00");
    expect(eleni.html).toContain("MAIL-2026-0001");

    // Again at the same time: nothing more. On Christmas Eve: the planned one.
    await sendDueGiftCardMails(db, world.shop, { now });
    expect(world.smtp.messages()).toHaveLength(2);
    const christmas = await sendDueGiftCardMails(db, world.shop, { now: () => new Date("2026-12-24T08:00:01Z") });
    expect(christmas.sent).toBe(1);
    expect(world.smtp.messages({ to: "later@example.test" })).toHaveLength(1);
  });

  it("tries a refused send again with backoff, showing its error, then sends it", async () => {
    const planned = await planGiftCardMail(
      db,
      world.shop,
      "MAIL-2026-0002",
      { recipientEmail: "retry@example.test", locale: "fr" },
      T0,
    );
    world.smtp.faults.add({ route: "DATA *", kind: "status", status: 451, body: "Mailbox busy", count: 1 });
    const first = await sendDueGiftCardMails(db, world.shop, { now: () => T0 });
    expect(first).toMatchObject({ sent: 0, retrying: 1 });
    let row = await db.giftCardMail.findUniqueOrThrow({ where: { id: planned.id } });
    expect(row).toMatchObject({ status: "planned", attempts: 1 });
    expect(row.lastError).toMatch(/451 Mailbox busy/);
    expect(row.sendAt.getTime()).toBe(T0.getTime() + mailRetryDelayMs(1));

    // Not before its time; then sent, once.
    expect(await sendDueGiftCardMails(db, world.shop, { now: () => new Date(T0.getTime() + 30_000) })).toMatchObject({
      sent: 0,
    });
    const second = await sendDueGiftCardMails(db, world.shop, { now: () => new Date(row.sendAt.getTime() + 1) });
    expect(second.sent).toBe(1);
    row = await db.giftCardMail.findUniqueOrThrow({ where: { id: planned.id } });
    expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(world.smtp.messages({ to: "retry@example.test" })).toHaveLength(1);
    const log = await db.mailLog.findMany({
      where: { shop: world.shop, to: "retry@example.test" },
      orderBy: { createdAt: "asc" },
    });
    expect(log.map((l) => l.status)).toEqual(["failed", "sent"]);
  });

  it("ends a permanently refused mail as failed, with its error", async () => {
    const planned = await planGiftCardMail(
      db,
      world.shop,
      "MAIL-2026-0003",
      { recipientEmail: "bad@example.test" },
      T0,
    );
    world.smtp.faults.add({ route: "RCPT bad@example.test", kind: "status", status: 550, body: "No such user" });
    expect(await sendDueGiftCardMails(db, world.shop, { now: () => T0 })).toMatchObject({ failed: 1 });
    const row = await db.giftCardMail.findUniqueOrThrow({ where: { id: planned.id } });
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/550 No such user/);

    // The Gift cards and Mail screens: a French admin reads the failure in French (the server's reply
    // quoted), an English one the stored English; a row stored before its words were, the English.
    const mailOf = async (locale: "en" | "fr") =>
      (await searchGiftCards(world.shop, "MAIL-2026-0003", 50, locale))
        .flatMap((c) => c.mails)
        .find((m) => m.id === planned.id)!.error;
    expect(await mailOf("fr")).toMatch(/^Le serveur SMTP a refusé le message : « 550 .*No such user.* »$/);
    expect(await mailOf("en")).toBe(row.lastError);
    expect(row.lastError).toMatch(/^The SMTP server refused the message: “550 /);
    const [logged] = await mailLog(world.shop, { about: "gift-card:MAIL-2026-0003", limit: 1 }, "fr");
    expect(logged!.error).toMatch(/^Le serveur SMTP a refusé le message : « 550 /);
    await db.giftCardMail.update({ where: { id: planned.id }, data: { lastErrorWords: null } });
    expect(await mailOf("fr")).toBe(row.lastError);
  });

  it("resends: a new mail to the last recipient, sent by the next run", async () => {
    await planGiftCardMail(
      db,
      world.shop,
      "MAIL-2026-0001",
      { recipientEmail: "resend@example.test", recipientName: "Camille" },
      T0,
    );
    await sendDueGiftCardMails(db, world.shop, { now: () => T0 });
    await resendGiftCardMail(db, world.shop, "MAIL-2026-0001", T0);
    await sendDueGiftCardMails(db, world.shop, { now: () => T0 });
    expect(world.smtp.messages({ to: "resend@example.test" })).toHaveLength(2);
    await expect(resendGiftCardMail(db, world.shop, "NEVER-MAILED", T0)).rejects.toThrow(/no recipient/);
    await expect(
      planGiftCardMail(db, world.shop, "MAIL-2026-0001", { recipientEmail: "nope" }, T0),
    ).rejects.toMatchObject({
      fieldErrors: { recipientEmail: expect.any(String) },
    });
  });
});
