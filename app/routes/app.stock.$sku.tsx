// A variant's stock: the stock source now, Shopify now (at the synced location), and what the last sync
// recorded. Linked from the Fastmag explorer's stock rows: /app/stock/<SKU>.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { formatDateTime } from "../lib/format";
import { authenticate } from "../shopify.server";
import { skuStockScreen, type SkuStockView } from "../sync/stock-screen.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return skuStockScreen(session.shop, params.sku ?? "");
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
  const source = view.source;
  const shopify = view.shopify;
  const snapshot = view.snapshot;
  const shopifyQuantity = isError(shopify) ? undefined : shopify.find((s) => s.available !== null)?.available;
  const sourceAvailable = source && !isError(source) ? source.available : undefined;
  return (
    <Page title={`Stock of ${view.sku}`} backAction={{ url: "/app/fastmag/explorer?operation=inventory" }}>
      <Layout>
        {sourceAvailable !== undefined && shopifyQuantity !== undefined && sourceAvailable !== shopifyQuantity ? (
          <Layout.Section>
            <Banner tone="warning">
              Shopify shows {shopifyQuantity} but {view.sourceName} has {sourceAvailable} to sell: the next stock sync
              will correct it.
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <InlineGrid columns={3} gap="400">
            <Card>
              <Text as="h2" variant="headingMd">
                {view.sourceName} (now)
              </Text>
              {isError(source) ? (
                <Banner tone="critical">{source.error}</Banner>
              ) : source === null ? (
                <Text as="p">{view.sourceName} does not know this SKU.</Text>
              ) : (
                <BlockStack gap="200">
                  <Figure label="Available to sell" value={String(source.available)} />
                  {source.detail ? (
                    <Text as="p" tone="subdued">
                      {source.detail}
                    </Text>
                  ) : null}
                  {source.updatedAt ? (
                    <Text as="p" tone="subdued">
                      Last movement {formatDateTime(source.updatedAt, timeZone)}
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
                    label="Available to sell, recorded"
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
