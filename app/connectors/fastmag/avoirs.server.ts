// Avoirs: credit notes Fastmag owes customers (after a return), with what remains to spend.
import type { Avoir } from "../../domain/payments";
import type { ReadResult } from "../../domain/results";
import type { FastmagContext } from "./context.server";
import { mapTable, rejectRow } from "./mapping.server";
import type { QueryAnswer } from "./protocol";

export function avoirsService(ctx: FastmagContext) {
  const read = (answer: QueryAnswer): ReadResult<Avoir> =>
    mapTable(answer, {
      describe: (row) => (row.id ? `avoir ${row.id}` : undefined),
      externalId: (row) => row.id,
      timeZone: ctx.timeZone,
      map: (r) => {
        const amount = r.amount("amount");
        const remaining = r.amount("remaining");
        if (remaining > amount) rejectRow(`remaining ${remaining} is more than the amount ${amount}`);
        return {
          id: r.text("id"),
          customerId: r.optionalText("customer_id"),
          customerEmail: r.optionalText("customer_email"),
          amount,
          remaining,
          createdOn: r.date("created_at"),
          expiresOn: r.optionalDate("expires_on"),
        };
      },
    });
  return {
    avoirs: async () => read(await ctx.client.queryAnswer(ctx.queries.sql("avoirs"))),
    avoirsOf: async (email: string) =>
      read(await ctx.client.queryAnswer(ctx.queries.sql("avoirsByCustomerEmail", { email }))),
  };
}
