// What the readiness screen and its JSON API show: the rules (on or off), the sales channels, every
// draft product with its reasons (filtered by one reason when asked), and "Publish now".
import { db } from "../../db.server";
import { enqueueJob } from "../../jobs/api.server";
import { jobDeps } from "../../jobs/deps.server";
import { ValidationError } from "../../lib/errors";
import { adminClientForShop } from "../../shopify/admin-for-shop.server";
import { salesChannels } from "../../shopify/publishing.server";
import { PUBLISH_READY_JOB } from "./jobs.server";
import { loadPublishSettings, readinessOf, savePublishSettings } from "./publish.server";
import { READINESS_RULES } from "./readiness";

export const READINESS_FILTERS = ["ready", ...READINESS_RULES.map((r) => r.reason)];

export async function readinessScreen(shop: string, filter: string | null) {
  if (filter && !READINESS_FILTERS.includes(filter))
    throw new ValidationError(`Unknown filter "${filter}".`, { reason: `one of ${READINESS_FILTERS.join(", ")}` });
  const settings = await loadPublishSettings(db, shop);
  const client = await adminClientForShop(shop, { db });
  const [channels, rows] = await Promise.all([salesChannels(client), readinessOf(client, settings.rules)]);
  const products = rows.filter((row) =>
    !filter ? true : filter === "ready" ? row.ready : row.reasons.includes(filter),
  );
  return {
    rules: READINESS_RULES.map((rule) => ({
      key: rule.key,
      label: rule.label,
      reason: rule.reason,
      on: settings.rules[rule.key],
    })),
    channels: channels.map((c) => ({
      ...c,
      chosen: !settings.publicationIds.length || settings.publicationIds.includes(c.id),
    })),
    counts: {
      drafts: rows.length,
      ready: rows.filter((r) => r.ready).length,
      byReason: Object.fromEntries(
        READINESS_RULES.map((rule) => [rule.reason, rows.filter((r) => r.reasons.includes(rule.reason)).length]),
      ),
    },
    filter,
    products,
  };
}

export const saveReadinessSettings = (shop: string, input: { rules?: unknown; publicationIds?: unknown }) =>
  savePublishSettings(db, shop, input);

export const publishNow = (shop: string, trigger: "manual" | "api" = "manual") =>
  enqueueJob(jobDeps, { shop, type: PUBLISH_READY_JOB, trigger });
