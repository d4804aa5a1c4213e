// A variant's stock in the explorer: Fastmag now, Shopify now (at the synced location), and what the
// last sync recorded. Linked from the Fastmag explorer's stock rows: /app/stock/<SKU>.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { stockSetupForShop } from "../connectors/fastmag/capabilities.server";
import { db } from "../db.server";
import { errorMessage } from "../lib/errors";
import { formatDateTime } from "../lib/format";
import { authenticate } from "../shopify.server";
import { adminClientForShop } from "../shopify/admin-for-shop.server";
import { skuStockView, type SkuStockView } from "../sync/stock-view.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const sku = params.sku ?? "";
  const [setup, client] = await Promise.allSettled([
    stockSetupForShop(session.shop, { timeoutMs: 10_000 }),
    adminClientForShop(session.shop, { maxAttempts: 2, timeoutMs: 10_000 }),
  ]);
  const view = await skuStockView(db, session.shop, sku, {
    setup: setup.status === "fulfilled" ? setup.value : undefined,
    setupError: setup.status === "rejected" ? errorMessage(setup.reason) : undefined,
    client: client.status === "fulfilled" ? client.value : undefined,
    clientError: client.status === "rejected" ? errorMessage(client.reason) : undefined,
  });
  const shop = await db.shop.findUnique({ where: { domain: session.shop }, select: { ianaTimezone: true } });
  return { view, timeZone: shop?.ianaTimezone ?? "UTC" };
};

const isError = (value: unknown): value is { error: string } =>
  typeof value === "object" && value !== null && "error" in value;

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <BlockStack gap="100">
      <Text as="p" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingLg">
        {value}
      </Text>
      {note ? (
        <Text as="p" tone="subdued" variant="bodySm">
          {note}
        </Text>
      ) : null}
    </BlockStack>
  );
}

export default function SkuStock() {
  const { view, timeZone } = useLoaderData<typeof loader>() as { view: SkuStockView; timeZone: string };
  const erp = view.erp;
  const shopify = view.shopify;
  const snapshot = view.snapshot;
  const shopifyQuantity = isError(shopify) ? undefined : shopify.find((s) => s.available !== null)?.available;
  const erpWeb = erp && !isError(erp) ? erp.webStock : undefined;
  return (
    <Page title={`Stock of ${view.sku}`} backAction={{ url: "/app/fastmag/explorer?operation=inventory" }}>
      <Layout>
        {erpWeb !== undefined && shopifyQuantity !== undefined && erpWeb !== shopifyQuantity ? (
          <Layout.Section>
            <Banner tone="warning">
              Shopify shows {shopifyQuantity} but Fastmag's web stock is {erpWeb}: the next stock sync will correct it.
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <InlineGrid columns={3} gap="400">
            <Card>
              <Text as="h2" variant="headingMd">
                Fastmag (now)
              </Text>
              {isError(erp) ? (
                <Banner tone="critical">{erp.error}</Banner>
              ) : erp === null ? (
                <Text as="p">Fastmag does not know this SKU.</Text>
              ) : (
                <BlockStack gap="200">
                  <Figure label="Web stock (your formula)" value={String(erp.webStock)} />
                  <Text as="p" tone="subdued">
                    General stock {erp.stockA} · web stock {erp.stockB}
                  </Text>
                  {erp.updatedAt ? (
                    <Text as="p" tone="subdued">
                      Last movement {formatDateTime(erp.updatedAt, timeZone)}
                    </Text>
                  ) : null}
                </BlockStack>
              )}
            </Card>
            <Card>
              <Text as="h2" variant="headingMd">
                Shopify (now)
              </Text>
              {isError(shopify) ? (
                <Banner tone="critical">{shopify.error}</Banner>
              ) : shopify.length === 0 ? (
                <Text as="p">No Shopify variant has this SKU.</Text>
              ) : (
                <BlockStack gap="200">
                  {shopify.map((s) => (
                    <Figure
                      key={s.inventoryItemId}
                      label="Available at the synced location"
                      value={s.available === null ? "not stocked there" : String(s.available)}
                      note={s.inventoryItemId}
                    />
                  ))}
                </BlockStack>
              )}
            </Card>
            <Card>
              <Text as="h2" variant="headingMd">
                Last sync
              </Text>
              {snapshot ? (
                <BlockStack gap="200">
                  <Figure
                    label="Web stock recorded"
                    value={String(snapshot.webStock)}
                    note={`Answered to Shopify's fetch_stock`}
                  />
                  <Text as="p" tone="subdued">
                    Shopify then: {snapshot.shopifyQuantity ?? "unknown"}
                  </Text>
                  <Text as="p" tone="subdued">
                    Synced {formatDateTime(snapshot.syncedAt, timeZone)}
                  </Text>
                </BlockStack>
              ) : (
                <Text as="p">Not synced yet.</Text>
              )}
            </Card>
          </InlineGrid>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
