// The store-credit mirror as a job: a run like every sync (counts, skipped customers with reasons, log),
// hourly and on demand. Off unless the shop chose what to mirror on the Customers screen.
import { defineJobType, type JobTypeDefinition } from "../jobs/registry.server";
import { said } from "../i18n/stored-words";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { shopifyStoreCredit } from "../shopify/store-credit.server";
import { customerCreditSource } from "./credit.server";
import { mirrorStoreCredit, STORE_CREDIT_MIRROR_JOB, type MirrorDeps } from "./store-credit-mirror.server";
import type { Db } from "../db.server";

export { STORE_CREDIT_MIRROR_JOB };

export async function mirrorDeps(
  shop: string,
  options: { db: Db; now?: () => Date; runId?: string },
): Promise<MirrorDeps> {
  const [{ source, sourceName }, client] = await Promise.all([
    customerCreditSource(shop, { db: options.db, runId: options.runId }),
    adminClientForShop(shop, { db: options.db }),
  ]);
  return {
    db: options.db,
    source,
    sourceName,
    shopify: shopifyStoreCredit(client),
    now: options.now ?? (() => new Date()),
  };
}

export const customerJobTypes: JobTypeDefinition[] = [
  defineJobType<Record<string, never>>({
    type: STORE_CREDIT_MIRROR_JOB,
    title: "Store credit",
    description:
      "Mirrors what the ERP owes customers (their wallet balance or open credit notes, as chosen on the Customers screen) to their Shopify store credit, so they can spend it online.",
    fr: {
      title: "Crédit en magasin",
      description:
        "Reporte ce que l'ERP doit aux clients (solde de leur porte-monnaie ou avoirs ouverts, selon le choix fait sur l'écran Clients) sur leur crédit en magasin Shopify, pour qu'ils puissent le dépenser en ligne.",
    },
    defaultSchedule: { cron: "40 * * * *" },
    retry: { maxAttempts: 3, baseDelayMs: 30_000, capDelayMs: 10 * 60_000 },
    needs: ["customer-credit-source"],
    progress: "phases",
    handler: async (ctx) => {
      const deps = await mirrorDeps(ctx.shop, { db: ctx.db, now: () => ctx.now(), runId: ctx.jobId });
      ctx.progress(0, 0, said("customers.phase.mirroring"));
      const result = await mirrorStoreCredit(deps, ctx.shop, {
        skip: (email, reason) => ctx.skip("customer", email, reason),
        log: (level, message) => ctx.log(level, message),
        checkpoint: () => ctx.checkpoint(),
        // Counted as each customer's credit moves: a run cancelled half-way says what it had moved.
        moved: (email, before, after) => {
          ctx.count({ changed: 1 });
          ctx.change("customer", email, "store credit", before, after);
        },
      });
      ctx.count({ seen: result.seen });
      return { ...result };
    },
  }),
];
