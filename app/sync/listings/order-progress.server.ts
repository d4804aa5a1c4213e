// A marketplace's own orders: their progress in Shopify (accepted, fulfilled, cancelled) is reported to
// every marketplace set up for the shop; each connector knows whether the order is its own and sends a
// change once. One failing marketplace never blocks the others.
import type { OrderProgress } from "../../capabilities/order-status-destination";
import { setUpProvidersOf } from "../../connectors/registry.server";
import type { CapabilityContext } from "../../connectors/define";
import { errorMessage } from "../../lib/errors";

export async function reportMarketplaceProgress(
  ctx: CapabilityContext,
  shopifyOrderId: string,
  progress: OrderProgress,
): Promise<{ sent: string[]; failed: { name: string; reason: string }[] }> {
  const providers = await setUpProvidersOf(ctx, "order-status-destination");
  const settled = await Promise.allSettled(providers.map((p) => p.port.reportProgress(shopifyOrderId, progress)));
  const sent: string[] = [];
  const failed: { name: string; reason: string }[] = [];
  settled.forEach((s, i) => {
    if (s.status === "fulfilled") {
      if (s.value.sent) sent.push(providers[i]!.name);
    } else failed.push({ name: providers[i]!.name, reason: errorMessage(s.reason) });
  });
  return { sent, failed };
}
