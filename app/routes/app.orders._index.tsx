import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Button, DataTable, Layout, Link, Page, Tabs, Text } from "@shopify/polaris";
import { OrderStageBadge } from "../components/OrderStageBadge";
import { SectionCard } from "../components/SectionCard";
import { formatDateTime } from "../lib/format";
import { formResult, unknownIntent } from "../lib/http.server";
import { authenticate } from "../shopify.server";
import { ORDER_FILTERS, type OrderFilter } from "../sync/orders/order-filters";
import { ordersScreen, retryExport } from "../sync/orders/screens.server";
import type { OrderRow } from "../sync/orders/views.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const requested = new URL(request.url).searchParams.get("filter") ?? "all";
  const filter = (ORDER_FILTERS as readonly string[]).includes(requested) ? (requested as OrderFilter) : "all";
  return ordersScreen(session.shop, filter);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") !== "retry") return unknownIntent();
  return formResult(async () => ({
    ok: true as const,
    ...(await retryExport(session.shop, String(form.get("id") ?? ""))),
  }));
};

const tabLabels = (destination: string): Record<OrderFilter, string> => ({
  all: "All",
  errors: "Errors",
  waiting: "Waiting",
  exported: `In ${destination}`,
  shipped: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
});

export default function Orders() {
  const { orders, errorCount, filter, timeZone, destinationName } = useLoaderData<typeof loader>();
  const labels = tabLabels(destinationName);
  const [, setSearchParams] = useSearchParams();
  const tabs = ORDER_FILTERS.map((f) => ({
    id: f,
    content: f === "errors" && errorCount ? `Errors (${errorCount})` : labels[f],
  }));
  return (
    <Page
      title="Orders"
      subtitle={`Shopify orders sent to ${destinationName}, their status, tracking and delivery`}
      secondaryActions={[{ content: "Carrier settings", url: "/app/settings/orders" }]}
    >
      <Layout>
        {errorCount > 0 && filter !== "errors" ? (
          <Layout.Section>
            <Banner
              tone="critical"
              title={`${errorCount} order(s) could not be sent to ${destinationName}, or their cancellation or refund reported`}
            >
              <p>
                Open the Errors tab, fix the cause (in Shopify or {destinationName}) and press Retry. Cancellations and
                refunds that could not be reported are listed there too.
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <SectionCard title="Recent orders">
            <Tabs
              tabs={tabs}
              selected={ORDER_FILTERS.indexOf(filter)}
              onSelect={(i) => setSearchParams({ filter: ORDER_FILTERS[i]! })}
            />
            {orders.length === 0 ? (
              <Text as="p" tone="subdued">
                No orders here yet.
              </Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "text", "text", "text", "text"]}
                headings={[
                  "Order",
                  "State",
                  `${destinationName} order`,
                  `${destinationName} status`,
                  "Tracking",
                  "Received",
                  "",
                ]}
                rows={orders.map((o) => [
                  <Link key={o.id} url={`/app/orders/${o.id}`}>
                    {o.name}
                  </Link>,
                  <BlockStack key={`${o.id}-s`} gap="100">
                    <OrderStageBadge stage={o.stage} destinationName={destinationName} />
                    {o.cancelledBeforeExport ? (
                      <Text as="span" tone="subdued" variant="bodySm">
                        Cancelled before export: never sent to {destinationName}.
                      </Text>
                    ) : null}
                    {o.reversals.map((r, i) => (
                      <Text
                        as="span"
                        key={`${o.id}-v${i}`}
                        variant="bodySm"
                        tone={r.state === "failed" ? "critical" : "subdued"}
                      >
                        {r.text}
                      </Text>
                    ))}
                    {o.error && o.stage !== "cancelled" ? (
                      <Text as="span" tone="critical" variant="bodySm">
                        {o.error}
                      </Text>
                    ) : null}
                  </BlockStack>,
                  o.erpOrderId ?? "—",
                  o.erpStatus ?? "—",
                  o.trackingNumber ? `${o.carrier ?? ""} ${o.trackingNumber}`.trim() : "—",
                  formatDateTime(o.createdAt, timeZone),
                  o.canRetry ? <RetryButton key={`${o.id}-r`} order={o} /> : "",
                ])}
              />
            )}
          </SectionCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function RetryButton({ order }: { order: OrderRow }) {
  const fetcher = useFetcher<typeof action>();
  const failure = fetcher.data && !fetcher.data.ok ? fetcher.data.message : null;
  return (
    <BlockStack gap="100">
      <Button
        accessibilityLabel={`Retry ${order.name}`}
        loading={fetcher.state !== "idle"}
        onClick={() => fetcher.submit({ intent: "retry", id: order.id }, { method: "post" })}
      >
        Retry
      </Button>
      {fetcher.data?.ok ? (
        <Text as="span" variant="bodySm" tone="success">
          Queued
        </Text>
      ) : null}
      {failure ? (
        <Text as="span" variant="bodySm" tone="critical">
          {failure}
        </Text>
      ) : null}
    </BlockStack>
  );
}
