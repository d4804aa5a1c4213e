// A marketplace's own orders: their progress in Shopify (accepted, fulfilled, cancelled) is reported to
// every marketplace set up for the shop; each connector knows whether the order is its own and sends a
// change once. One failing marketplace never blocks the others.
import type { OrderProgress } from "../../capabilities/order-status-destination";
import { setUpProvidersOf } from "../../connectors/registry.server";
import type { CapabilityContext } from "../../connectors/define";
import { type Message, said } from "../../i18n/stored-words";
import { errorMessage, merchantMessageOf, TransientError } from "../../lib/errors";

export async function reportMarketplaceProgress(
  ctx: CapabilityContext,
  shopifyOrderId: string,
  progress: OrderProgress,
): Promise<{ sent: string[]; failed: { name: string; reason: Message }[] }> {
  const providers = await setUpProvidersOf(ctx, "order-status-destination");
  const settled = await Promise.allSettled(providers.map((p) => p.port.reportProgress(shopifyOrderId, progress)));
  const sent: string[] = [];
  const failed: { name: string; reason: Message }[] = [];
  settled.forEach((s, i) => {
    if (s.status === "fulfilled") {
      if (s.value.sent) sent.push(providers[i]!.name);
    } else failed.push({ name: providers[i]!.name, reason: merchantMessageOf(s.reason) ?? errorMessage(s.reason) });
  });
  return { sent, failed };
}

type Payload = Record<string, unknown>;

const orderGidOf = (value: unknown): string | null =>
  typeof value === "string" && value.startsWith("gid://shopify/Order/")
    ? value
    : typeof value === "number" || (typeof value === "string" && /^\d+$/.test(value))
      ? `gid://shopify/Order/${value}`
      : null;

/**
 * What a Shopify webhook says of an order's progress. A new order (orders/create) or an open one
 * changed (orders/updated) is accepted — the shop has it and prepares it; a successful fulfillment or
 * an order whose lines are (partly) fulfilled is on its way; a cancelled one is cancelled. Null: the
 * webhook says nothing about an order's progress.
 */
export function progressOfWebhook(
  topic: string,
  payload: Payload,
): { shopifyOrderId: string; progress: OrderProgress } | null {
  if (topic.startsWith("fulfillments/")) {
    const shopifyOrderId = orderGidOf(payload.order_id);
    return shopifyOrderId && payload.status === "success" ? { shopifyOrderId, progress: "fulfilled" } : null;
  }
  const shopifyOrderId = orderGidOf(payload.admin_graphql_api_id ?? payload.id);
  if (!shopifyOrderId) return null;
  if (topic === "orders/cancelled" || payload.cancelled_at) return { shopifyOrderId, progress: "cancelled" };
  if (
    topic === "orders/fulfilled" ||
    payload.fulfillment_status === "fulfilled" ||
    payload.fulfillment_status === "partial"
  )
    return { shopifyOrderId, progress: "fulfilled" };
  if (topic === "orders/create" || topic === "orders/updated") return { shopifyOrderId, progress: "accepted" };
  return null;
}

/**
 * The webhook processor's part: the progress a webhook tells, reported to the marketplaces. A
 * marketplace that could not be told makes the delivery fail, so the processor tries it again later;
 * what was already sent is not sent twice (each connector keeps what it reported).
 */
export async function reportProgressOfWebhook(ctx: CapabilityContext, topic: string, payload: Payload) {
  const told = progressOfWebhook(topic, payload);
  if (!told) return { sent: [], failed: [] };
  const result = await reportMarketplaceProgress(ctx, told.shopifyOrderId, told.progress);
  if (result.failed.length) {
    const each = result.failed.map(({ name, reason }) => said("words7.orderProgress.system", { name, reason }));
    const systems = each.reduceRight((rest, first) => said("words7.orderProgress.list", { first, rest }));
    throw new TransientError(said("words7.orderProgress.notReported", { systems }));
  }
  return result;
}
