// What the Dashboard shows: the shop, each configured connector's connection state, recent activity.
import { db } from "../db.server";
import { listConnectorSummaries, type ConnectorSummary } from "../connectors/settings.server";

export interface DashboardData {
  shop: { domain: string; name: string | null; planName: string | null; ianaTimezone: string; currencyCode: string | null };
  connectors: ConnectorSummary[];
  recentWebhooks: { webhookId: string; topic: string; status: string; receivedAt: Date; error: string | null }[];
}

export async function loadDashboard(shopDomain: string): Promise<DashboardData> {
  const [shop, connectors, recentWebhooks] = await Promise.all([
    db.shop.findUnique({ where: { domain: shopDomain } }),
    listConnectorSummaries(shopDomain),
    db.webhookDelivery.findMany({
      where: { shop: shopDomain },
      orderBy: { receivedAt: "desc" },
      take: 5,
      select: { webhookId: true, topic: true, status: true, receivedAt: true, error: true },
    }),
  ]);
  return {
    shop: {
      domain: shopDomain,
      name: shop?.name ?? null,
      planName: shop?.planName ?? null,
      ianaTimezone: shop?.ianaTimezone ?? "UTC",
      currencyCode: shop?.currencyCode ?? null,
    },
    connectors,
    recentWebhooks,
  };
}
