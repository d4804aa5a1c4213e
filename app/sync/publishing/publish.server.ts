// Publishing what is ready to sell (the seed's /publish-products-ready-to-sell, daily at 21:45): every
// DRAFT product is checked against the shop's readiness rules; those that pass are set ACTIVE and
// published to the chosen sales channels, the others are listed with every reason.
import type { Db } from "../../db.server";
import { ValidationError, errorMessage, isTransient, merchantMessageOf } from "../../lib/errors";
import type { ShopifyAdminClient } from "../../shopify/admin-client.server";
import {
  SOURCE_ID_METAFIELD,
  activateAndPublish,
  eachDraftProduct,
  salesChannels,
  type DraftProduct,
} from "../../shopify/publishing.server";
import type { SyncReporter } from "../sync-context";
import { READINESS_RULES, notReadyReasons, rulesFrom, type ReadinessRules } from "./readiness";
import { said } from "../../i18n/stored-words";

export interface PublishSettings {
  rules: ReadinessRules;
  /** Sales channels products are published to; empty: every channel of the shop. */
  publicationIds: string[];
}

export async function loadPublishSettings(db: Db, shop: string): Promise<PublishSettings> {
  const row = await db.catalogPublishSettings.findUnique({ where: { shop } });
  let publicationIds: string[] = [];
  try {
    publicationIds = JSON.parse(row?.publicationIdsJson ?? "[]") as string[];
  } catch {
    publicationIds = [];
  }
  return { rules: rulesFrom(row?.rulesJson), publicationIds };
}

export async function savePublishSettings(db: Db, shop: string, input: { rules?: unknown; publicationIds?: unknown }) {
  const current = await loadPublishSettings(db, shop);
  const fieldErrors: Record<string, string> = {};
  const rules = { ...current.rules };
  if (input.rules !== undefined) {
    if (typeof input.rules !== "object" || input.rules === null)
      fieldErrors.rules = "rules is an object of on/off switches.";
    else
      for (const [key, value] of Object.entries(input.rules)) {
        const rule = READINESS_RULES.find((r) => r.key === key);
        if (!rule) fieldErrors[`rules.${key}`] = `Not a rule (use ${READINESS_RULES.map((r) => r.key).join(", ")}).`;
        else if (typeof value !== "boolean") fieldErrors[`rules.${key}`] = "true or false.";
        else rules[rule.key] = value;
      }
  }
  let publicationIds = current.publicationIds;
  if (input.publicationIds !== undefined) {
    if (
      !Array.isArray(input.publicationIds) ||
      !input.publicationIds.every((id) => typeof id === "string" && /^gid:\/\/shopify\/Publication\/\d+$/.test(id))
    )
      fieldErrors.publicationIds = "A list of sales channel ids (gid://shopify/Publication/…).";
    else publicationIds = input.publicationIds as string[];
  }
  if (Object.keys(fieldErrors).length)
    throw new ValidationError("Some fields need fixing; nothing was saved.", fieldErrors);
  const data = { rulesJson: JSON.stringify(rules), publicationIdsJson: JSON.stringify(publicationIds) };
  await db.catalogPublishSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
  return { rules, publicationIds };
}

export interface ReadinessRow {
  id: string;
  title: string;
  ready: boolean;
  reasons: string[];
}

const factsOf = (product: DraftProduct) => ({
  images: product.mediaCount?.count ?? 0,
  prices: product.variants.nodes.map((v) => Number(v.price)),
  sellableStock: product.totalInventory,
  descriptionHtml: product.descriptionHtml,
  sourceId: product.metafield?.value ?? null,
});

/** Every DRAFT product with whether it is ready and why not. */
export async function readinessOf(client: ShopifyAdminClient, rules: ReadinessRules): Promise<ReadinessRow[]> {
  const rows: ReadinessRow[] = [];
  await eachDraftProduct(client, SOURCE_ID_METAFIELD, async (products) => {
    for (const product of products) {
      const reasons = notReadyReasons(factsOf(product), rules);
      rows.push({ id: product.id, title: product.title, ready: reasons.length === 0, reasons });
    }
  });
  return rows;
}

export interface PublishResult {
  drafts: number;
  published: number;
  notReady: number;
  failed: number;
  channels: string[];
}

export async function publishReadyProducts(deps: {
  db: Db;
  shop: string;
  client: ShopifyAdminClient;
  report: SyncReporter;
}): Promise<PublishResult> {
  const { client, report } = deps;
  const settings = await loadPublishSettings(deps.db, deps.shop);
  const channels = await salesChannels(client);
  const chosen = settings.publicationIds.length
    ? channels.filter((c) => settings.publicationIds.includes(c.id))
    : channels;
  const result: PublishResult = {
    drafts: 0,
    published: 0,
    notReady: 0,
    failed: 0,
    channels: chosen.map((c) => c.name),
  };
  report.progress(0, null, said("publishing.phase.checkingDrafts"));
  await eachDraftProduct(client, SOURCE_ID_METAFIELD, async (products) => {
    for (const product of products) {
      await report.checkpoint();
      result.drafts++;
      report.count({ seen: 1 });
      const reasons = notReadyReasons(factsOf(product), settings.rules);
      if (reasons.length) {
        result.notReady++;
        const rules = READINESS_RULES.filter((rule) => reasons.includes(rule.reason)).map((rule) => rule.key);
        report.skip("product", product.title, said("publishing.notReady", { rules: rules.join(",") }));
        continue;
      }
      try {
        await activateAndPublish(
          client,
          product.id,
          chosen.map((c) => c.id),
        );
        result.published++;
        report.count({ changed: 1 });
        report.change("product", product.title, "status", "draft", "active");
      } catch (error) {
        if (isTransient(error)) throw error;
        result.failed++;
        report.count({ failed: 1 });
        report.skip(
          "product",
          product.title,
          said("publishing.refused", { message: merchantMessageOf(error) ?? errorMessage(error) }),
        );
      }
    }
  });
  return result;
}
