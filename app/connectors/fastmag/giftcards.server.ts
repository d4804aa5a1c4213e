// Gift cards: whether a card exists, is activated, and what is left on it.
import type { ErpGiftCard } from "../../domain/payments";
import type { ReadResult } from "../../domain/results";
import type { FastmagContext } from "./context.server";
import { mapTable } from "./mapping.server";
import type { QueryAnswer } from "./protocol";

export function giftCardsService(ctx: FastmagContext, defaultCurrency = "EUR") {
  const read = (answer: QueryAnswer): ReadResult<ErpGiftCard> =>
    mapTable(answer, {
      describe: (row) => (row.id ? `gift card ${row.id}` : undefined),
      externalId: (row) => row.id,
      timeZone: ctx.timeZone,
      map: (r) => ({
        id: r.text("id"),
        activated: r.boolean("activated"),
        balance: r.amount("balance"),
        initialValue: r.optionalNumber("initial_value"),
        currency: (r.optionalText("currency") ?? defaultCurrency).toUpperCase(),
        customerEmail: r.optionalText("customer_email"),
        expiresOn: r.optionalDate("expires_on"),
        soldAt: r.optionalDateTime("sold_at"),
      }),
    });
  return {
    giftCard: async (id: string): Promise<ErpGiftCard | null> =>
      read(await ctx.client.queryAnswer(ctx.queries.sql("giftCardById", { id }))).items[0] ?? null,
    giftCards: async () => read(await ctx.client.queryAnswer(ctx.queries.sql("allGiftCards"))),
    soldSince: async (since: Date) =>
      read(await ctx.client.queryAnswer(ctx.queries.sql("giftCardsSoldSince", { since }))),
  };
}
