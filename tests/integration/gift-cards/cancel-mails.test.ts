// Cancel stops the gift card mails where they stand: cancelled while due mails go out over SMTP (each
// message slowed), the run sends none after the one in flight, ends Cancelled and its Changes list names
// exactly the mails the SMTP server received; the mails it had not sent stay planned, unclaimed, and the
// next run sends each of them once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { enqueueJob, getJob } from "~/jobs/api.server";
import { runDueJobs } from "~/jobs/worker.server";
import { registerModules } from "~/modules.server";
import { checkGiftCard } from "~/sync/gift-cards/check.server";
import { GIFT_CARD_MAILS_JOB } from "~/sync/gift-cards/jobs.server";
import { planGiftCardMail } from "~/sync/gift-cards/mails.server";
import { cancelWhileWriting, expectStoppedAfterWritesInFlight } from "../../support/cancel-in-flight";
import { startGiftCardWorld, type GiftCardWorld } from "./harness";

const CARDS = 8;
const code = (i: number) => `MAILCANCEL-2026-${String(i).padStart(4, "0")}`;
const recipient = (i: number) => `destinataire-${i}@example.test`;

describe("cancelling the gift card mails", { timeout: 60_000 }, () => {
  let world: GiftCardWorld;
  beforeAll(async () => {
    registerModules();
    world = await startGiftCardWorld("gc-mailcancel");
    const deps = await world.deps();
    for (let i = 0; i < CARDS; i++) {
      await world.sell({ id: code(i), initialAmount: 30 });
      await checkGiftCard(deps, world.shop, code(i));
      await planGiftCardMail(db, world.shop, code(i), { recipientEmail: recipient(i), locale: "fr" }, new Date());
    }
  });
  afterAll(() => world?.close());

  const received = () => world.smtp.messages().map((m) => m.envelope.rcptTo[0]!);
  const codeOf = (email: string) => code(Number(/^destinataire-(\d+)@/.exec(email)![1]));

  it("sends no mail after the one in flight, ends Cancelled, lists the mails it sent and keeps the others planned", async () => {
    world.smtp.faults.add({ route: "DATA *", kind: "latency", ms: 200 });
    const run = await cancelWhileWriting({
      shop: world.shop,
      type: GIFT_CARD_MAILS_JOB,
      writes: () => world.smtp.messages().length,
      cancelAfterWrites: 2,
    });
    world.smtp.faults.clear();
    expectStoppedAfterWritesInFlight(run, 1);
    const sent = received().map(codeOf).sort();
    expect(sent.length).toBeLessThan(CARDS);
    expect(run.changes.map((c) => [c.entity, c.externalId, c.field, c.before, c.after]).sort()).toEqual(
      sent.map((card) => ["gift card", card, "mail", "planned", "sent"]),
    );
    expect(run.job.counters.changed).toBe(sent.length);

    // The database says the same: the mails sent are "sent", the others planned and claimed by no one,
    // so the next run sends them now, not once a claim has run out.
    const rows = await db.giftCardMail.findMany({ where: { shop: world.shop } });
    expect(
      rows
        .filter((r) => r.status === "sent")
        .map((r) => r.code)
        .sort(),
    ).toEqual(sent);
    const left = rows.filter((r) => r.status !== "sent");
    expect(left.length).toBe(CARDS - sent.length);
    for (const r of left) expect(r).toMatchObject({ status: "planned", attempts: 0, claimedUntil: null });

    const { jobId } = await enqueueJob(
      { db },
      { shop: world.shop, type: GIFT_CARD_MAILS_JOB, trigger: "manual", params: {} },
    );
    await runDueJobs({ db, types: [GIFT_CARD_MAILS_JOB] });
    expect((await getJob({ db }, world.shop, jobId))?.status).toBe("succeeded");
    expect(received().sort()).toEqual(Array.from({ length: CARDS }, (_, i) => recipient(i)).sort());
  });
});
