// What a chaos run reads back and judges: the ERP's orders and stock movements and both stock tables
// (through the emulators' control APIs), the app's own records (through its database), and from them
// the invariants — each order once in the ERP, each webhook processed once, Shopify's stock equal to
// the ERP's by the shop's formula, no job stuck — per fault and overall.
import type { Db } from "../../app/db.server";
import { stockFormulaOf } from "../../app/connectors/fastmag/settings-form.server";
import { webStock } from "../../app/connectors/fastmag/stock";
import { getJson, type SentOrder, type SentWebhook } from "./load";
import type { ChaosStack } from "./stack";

export interface Observation {
  at: number;
  /** Shopify order gid → how many ERP orders carry it. */
  erpOrders: Map<string, number>;
  /** webhook id → status of our WebhookDelivery row. */
  deliveries: Map<string, { status: string; topic: string; receivedAt: Date }>;
  /** data_request id → ComplianceRequest rows recorded for it. */
  dataRequests: Map<number, number>;
  /** Shopify order gid → our OrderExport row. */
  exports: Map<string, { id: string; status: string; lastError: string | null }>;
  running: { id: string; type: string; createdAt: Date; leaseExpiresAt: Date | null }[];
  /** Shopify order gids with an export job still queued or running. */
  exportsUnderWay: Set<string>;
}

export async function observe(stack: ChaosStack, db: Db): Promise<Observation> {
  const [erp, deliveries, requests, exports, running, underWay] = await Promise.all([
    getJson<{ orders: { shopifyOrderId: string }[] }>(`${stack.emulators.fastmagUrl}_emulator/orders`),
    db.webhookDelivery.findMany({
      where: { shop: stack.shop },
      select: { webhookId: true, status: true, topic: true, receivedAt: true },
    }),
    db.complianceRequest.findMany({
      where: { shop: stack.shop, topic: "customers/data_request" },
      select: { resultJson: true },
    }),
    db.orderExport.findMany({
      where: { shop: stack.shop },
      select: { id: true, shopifyOrderId: true, status: true, lastError: true },
    }),
    db.job.findMany({
      where: { status: "running" },
      select: { id: true, type: true, createdAt: true, leaseExpiresAt: true },
    }),
    db.job.findMany({
      where: { shop: stack.shop, type: EXPORT_JOB, status: { in: ["queued", "running"] } },
      select: { paramsJson: true },
    }),
  ]);
  const erpOrders = new Map<string, number>();
  for (const o of erp.orders) erpOrders.set(o.shopifyOrderId, (erpOrders.get(o.shopifyOrderId) ?? 0) + 1);
  const dataRequests = new Map<number, number>();
  for (const r of requests) {
    const id = Number((JSON.parse(r.resultJson) as { dataRequestId?: unknown }).dataRequestId);
    if (Number.isFinite(id)) dataRequests.set(id, (dataRequests.get(id) ?? 0) + 1);
  }
  return {
    at: Date.now(),
    erpOrders,
    deliveries: new Map(deliveries.map((d) => [d.webhookId, d])),
    dataRequests,
    exports: new Map(exports.map((e) => [e.shopifyOrderId, e])),
    running,
    exportsUnderWay: new Set(
      underWay.map((j) => String((JSON.parse(j.paramsJson) as { shopifyOrderId?: unknown }).shopifyOrderId)),
    ),
  };
}

export const EXPORT_JOB = "orders.export";

export const orderDone = (o: Observation, order: SentOrder) => (o.erpOrders.get(order.gid) ?? 0) >= 1;
export const webhookDone = (o: Observation, w: SentWebhook) =>
  o.deliveries.get(w.webhookId)?.status === "processed" && (o.dataRequests.get(w.dataRequestId) ?? 0) >= 1;

export interface Tally {
  /** Not in the ERP and nothing left to put it there. */
  lostOrders: number;
  /** Not in the ERP yet, an export still queued or running when the run ended. */
  lateOrders: number;
  lostWebhooks: number;
  doubledOrders: number;
  doubledWebhooks: number;
  stuckOrders: number;
  stuckWebhooks: number;
  stuckJobs: number;
}

/** Lost / doubled / stuck among some orders and webhooks, at the end of the run. */
export function tally(o: Observation, orders: SentOrder[], webhooks: SentWebhook[], stuckJobs: number): Tally {
  return {
    lostOrders: orders.filter((x) => (o.erpOrders.get(x.gid) ?? 0) === 0 && !o.exportsUnderWay.has(x.gid)).length,
    lateOrders: orders.filter((x) => (o.erpOrders.get(x.gid) ?? 0) === 0 && o.exportsUnderWay.has(x.gid)).length,
    doubledOrders: orders.filter((x) => (o.erpOrders.get(x.gid) ?? 0) > 1).length,
    stuckOrders: orders.filter((x) => o.exports.get(x.gid)?.status === "exporting").length,
    lostWebhooks: webhooks.filter((w) => !webhookDone(o, w)).length,
    doubledWebhooks: webhooks.filter((w) => (o.dataRequests.get(w.dataRequestId) ?? 0) > 1).length,
    stuckWebhooks: webhooks.filter((w) => o.deliveries.get(w.webhookId)?.status === "received").length,
    stuckJobs,
  };
}

/** Running jobs nobody heartbeats any more: their lease ran out and no worker took them back. */
export function stuckJobs(o: Observation): Observation["running"] {
  return o.running.filter((j) => j.leaseExpiresAt === null || j.leaseExpiresAt.getTime() < o.at - 5_000);
}

export interface StockComparison {
  compared: number;
  differing: number;
  examples: string[];
  onlyInShopify: number;
  /** SKUs whose ERP stock moved while the settling sync ran (an export's transfer): not compared. */
  movedMeanwhile: number;
}

export type ErpStocks = Map<string, string>;

/** The ERP's two stocks per SKU, as "general/web". */
export async function erpStocks(stack: ChaosStack): Promise<ErpStocks> {
  const { rows } = await getJson<{ rows: [string, string, string, number, number][] }>(
    `${stack.emulators.fastmagUrl}_emulator/stocks`,
  );
  return new Map(rows.map(([reference, color, size, a, b]) => [`${reference}|${color}|${size}`, `${a}/${b}`]));
}

/**
 * Shopify's `available` at the synced location against the ERP's stocks through the shop's formula.
 * `before`: the ERP when the settling sync started; SKUs that moved since are left out.
 */
export async function compareStock(stack: ChaosStack, db: Db, before: ErpStocks): Promise<StockComparison> {
  const setting = await db.connectorSetting.findUniqueOrThrow({
    where: { shop_connector: { shop: stack.shop, connector: "fastmag" } },
  });
  const settings = JSON.parse(setting.configJson) as { stock: Parameters<typeof stockFormulaOf>[0] };
  const formula = stockFormulaOf(settings.stock);
  const routing = await db.shopRouting.findUniqueOrThrow({ where: { shop: stack.shop } });
  const [erp, shopify] = await Promise.all([
    erpStocks(stack),
    getJson<{ available: [string, number][] }>(
      `${stack.emulators.shopifyUrl}/_emulator/shops/${stack.shop}/inventory?location=${encodeURIComponent(routing.shopifyLocationId!)}`,
    ),
  ]);
  const result: StockComparison = { compared: 0, differing: 0, examples: [], onlyInShopify: 0, movedMeanwhile: 0 };
  for (const [sku, available] of shopify.available) {
    const stocks = erp.get(sku);
    if (stocks === undefined) {
      result.onlyInShopify++;
      continue;
    }
    if (before.get(sku) !== stocks) {
      result.movedMeanwhile++;
      continue;
    }
    const [stockA, stockB] = stocks.split("/").map(Number) as [number, number];
    const want = webStock({ stockA, stockB }, formula);
    result.compared++;
    if (available !== want) {
      result.differing++;
      if (result.examples.length < 5) result.examples.push(`${sku}: Shopify ${available}, ERP formula ${want}`);
    }
  }
  return result;
}

/** Stock transfers per order (reason "Shopify order <gid>"): the count of GENERAL movements. */
export async function transfersByOrder(stack: ChaosStack): Promise<Map<string, number>> {
  const { movements } = await getJson<{ movements: { reason: string; stock: string; count: number }[] }>(
    `${stack.emulators.fastmagUrl}_emulator/movements?reasonPrefix=${encodeURIComponent("Shopify order ")}`,
  );
  const byOrder = new Map<string, number>();
  for (const m of movements) if (m.stock === "GENERAL") byOrder.set(m.reason.replace(/^Shopify order /, ""), m.count);
  return byOrder;
}
