// The gift-card job types: the sync (cards sold since the last run checked into Shopify, then balances
// both ways) and the mails (what is due, every 45 minutes as the seed's sendGiftcards).
import { defineJobType, type JobTypeDefinition } from "../../jobs/registry.server";
import { runClaimToken } from "../../jobs/run-claims.server";
import { syncGiftCardBalances } from "./balances.server";
import { sendDueGiftCardMails } from "./mails.server";
import { giftCardDeps } from "./providers.server";
import { checkSoldGiftCards } from "./sold.server";
import { type Message, said } from "../../i18n/stored-words";

export const GIFT_CARD_SYNC_JOB = "giftcards.sync";
export const GIFT_CARD_MAILS_JOB = "giftcards.mails";

export const giftCardJobTypes: JobTypeDefinition[] = [
  defineJobType<Record<string, never>>({
    type: GIFT_CARD_SYNC_JOB,
    title: "Gift cards",
    description:
      "Puts the gift cards sold in store into Shopify with the same code, then keeps balances in step both ways (a card that moved on both sides is reported, not changed).",
    fr: {
      title: "Cartes-cadeaux",
      description:
        "Importe dans Shopify les cartes-cadeaux vendues en magasin avec le même code, puis garde les soldes alignés dans les deux sens (une carte qui a bougé des deux côtés est signalée, pas modifiée).",
    },
    defaultSchedule: { cron: "25 * * * *" },
    retry: { maxAttempts: 4, baseDelayMs: 30_000, capDelayMs: 10 * 60_000 },
    needs: ["gift-card-source"],
    progress: "phases",
    handler: async (ctx) => {
      const deps = await giftCardDeps(ctx.shop, { db: ctx.db, now: () => ctx.now(), runId: ctx.jobId });
      const report = {
        skip: (code: string, reason: Message) => ctx.skip("gift card", code, reason),
        log: (message: Message) => ctx.log("info", message),
        // Counted as each card is written: a run cancelled half-way says what it had changed.
        changed: (code: string, field: string, before: string | null, after: string | null) => {
          ctx.count({ changed: 1 });
          ctx.change("gift card", code, field, before, after);
        },
      };
      ctx.progress(0, 0, said("giftCards.phase.checkingSold"));
      const sold = await checkSoldGiftCards(deps, ctx.shop, report, () => ctx.checkpoint());
      ctx.progress(0, 0, said("giftCards.phase.balances"));
      const balances = await syncGiftCardBalances(deps, ctx.shop, report, { checkpoint: () => ctx.checkpoint() });
      ctx.count({ seen: sold.seen + balances.seen });
      return { sold, balances };
    },
  }),
  defineJobType<Record<string, never>>({
    type: GIFT_CARD_MAILS_JOB,
    title: "Gift card mails",
    description:
      "Sends each gift card's mail to its recipient at the planned time, once; a failed send is tried again later.",
    fr: {
      title: "E-mails des cartes-cadeaux",
      description:
        "Envoie l'e-mail de chaque carte-cadeau à son destinataire à l'heure prévue, une seule fois ; un envoi en échec est retenté plus tard.",
    },
    // Every 45 minutes as far as a cron can say it: at :00 and :45.
    defaultSchedule: { cron: "*/45 * * * *" },
    retry: { maxAttempts: 3, baseDelayMs: 60_000, capDelayMs: 10 * 60_000 },
    progress: "phases",
    handler: async (ctx) => {
      const result = await sendDueGiftCardMails(ctx.db, ctx.shop, {
        now: () => ctx.now(),
        worker: runClaimToken(ctx),
        checkpoint: () => ctx.checkpoint(),
        // Counted and recorded as each mail goes: a run cancelled half-way lists the mails it sent.
        sent: (mail) => {
          ctx.count({ changed: 1 });
          ctx.change("gift card", mail.code, "mail", "planned", "sent");
        },
      });
      ctx.count({ seen: result.sent + result.retrying + result.failed });
      if (result.retrying) ctx.log("warn", said("giftCards.mailsRetrying", { count: result.retrying }));
      return { ...result };
    },
  }),
];
