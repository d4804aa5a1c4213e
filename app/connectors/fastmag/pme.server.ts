// PME ("porte-monnaie électronique"): customer e-wallets issued in a store (MAG) or on the web (WEB).
import type { Pme } from "../../domain/payments";
import type { ReadResult } from "../../domain/results";
import type { FastmagContext } from "./context.server";
import { mapTable, rejectRow } from "./mapping.server";
import type { QueryAnswer } from "./protocol";

const KINDS: Record<string, Pme["kind"]> = { MAG: "store", MAGASIN: "store", WEB: "web" };
const FASTMAG_KIND: Record<Pme["kind"], string> = { store: "MAG", web: "WEB" };

export function pmeService(ctx: FastmagContext) {
  const read = (answer: QueryAnswer): ReadResult<Pme> =>
    mapTable(answer, {
      describe: (row) => (row.code ? `PME ${row.code}` : undefined),
      externalId: (row) => row.code,
      timeZone: ctx.timeZone,
      map: (r) => {
        const kindText = r.text("kind").toUpperCase();
        const kind = KINDS[kindText] ?? rejectRow(`kind "${kindText}" is neither MAG nor WEB`);
        // A PME can be overdrawn in Fastmag; keep the sign so the merchant sees it.
        return {
          code: r.text("code"),
          kind,
          balance: r.number("balance"),
          customerId: r.optionalText("customer_id"),
          customerEmail: r.optionalText("customer_email"),
        };
      },
    });
  const service = {
    pme: async (code: string): Promise<Pme | null> =>
      read(await ctx.client.queryAnswer(ctx.queries.sql("pmeByCode", { code }))).items[0] ?? null,
    pmes: async (kind?: Pme["kind"]) =>
      read(
        await ctx.client.queryAnswer(
          kind ? ctx.queries.sql("pmesByKind", { kind: FASTMAG_KIND[kind] }) : ctx.queries.sql("allPmes"),
        ),
      ),
    /** The PMEs of the customer with this e-mail. */
    pmesOf: async (email: string) =>
      read(await ctx.client.queryAnswer(ctx.queries.sql("pmesByCustomerEmail", { email }))),
    /** Every PME held by a customer with an e-mail, with that e-mail. */
    customersPmes: async () => read(await ctx.client.queryAnswer(ctx.queries.sql("customersPmes"))),
    /** What is left on a PME; null when the code is unknown. */
    balance: async (code: string): Promise<number | null> => (await service.pme(code))?.balance ?? null,
  };
  return service;
}
