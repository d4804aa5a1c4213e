import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { BlockStack, Button, DataTable, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";
import { OrderStageBadge } from "../components/OrderStageBadge";
import { SectionCard } from "../components/SectionCard";
import { formatDateTime } from "../lib/format";
import { authenticate } from "../shopify.server";
import { formResult, unknownIntent } from "../lib/http.server";
import { orderScreen, retryExport } from "../sync/orders/screens.server";
import type { OrderRow } from "../sync/orders/views.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const screen = await orderScreen(session.shop, params.id ?? "");
  if (!screen) throw new Response("This order is not in the app's records.", { status: 404 });
  return screen;
};

// Retry from the order's page: the export, or a cancellation or refund not reported.
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") !== "retry") return unknownIntent();
  return formResult(async () => ({ ok: true as const, ...(await retryExport(session.shop, params.id ?? "")) }));
};

function RetryButton({ order }: { order: Pick<OrderRow, "name"> }) {
  const fetcher = useFetcher<typeof action>();
  const failure = fetcher.data && !fetcher.data.ok ? fetcher.data.message : null;
  return (
    <InlineStack gap="200" blockAlign="center">
      <Button
        accessibilityLabel={`Retry ${order.name}`}
        loading={fetcher.state !== "idle"}
        onClick={() => fetcher.submit({ intent: "retry" }, { method: "post" })}
      >
        Retry
      </Button>
      {fetcher.data?.ok ? (
        <Text as="span" tone="success">
          Queued
        </Text>
      ) : null}
      {failure ? (
        <Text as="span" tone="critical">
          {failure}
        </Text>
      ) : null}
    </InlineStack>
  );
}

export default function OrderHistory() {
  const { order, history, timeZone, destinationName } = useLoaderData<typeof loader>();
  return (
    <Page title={`Order ${order.name}`} backAction={{ content: "Orders", url: "/app/orders" }}>
      <Layout>
        <Layout.Section>
          <SectionCard title="Where it stands">
            <BlockStack gap="200">
              <InlineStack gap="200" blockAlign="center">
                <OrderStageBadge stage={order.stage} destinationName={destinationName} />
                {order.error ? (
                  <Text as="span" tone="critical">
                    {order.error}
                  </Text>
                ) : null}
              </InlineStack>
              <Text as="p">
                {destinationName} order: {order.erpOrderId ?? "not created yet"} · status {order.erpStatus ?? "unknown"}
              </Text>
              <Text as="p">
                Tracking:{" "}
                {order.trackingNumber ? (
                  order.trackingUrl ? (
                    <Link
                      url={order.trackingUrl}
                      target="_blank"
                    >{`${order.carrier ?? ""} ${order.trackingNumber}`}</Link>
                  ) : (
                    `${order.carrier ?? ""} ${order.trackingNumber}`
                  )
                ) : (
                  "none yet"
                )}
                {order.deliveredAt ? ` · delivered ${formatDateTime(order.deliveredAt, timeZone)}` : ""}
              </Text>
              {order.cancelledBeforeExport ? (
                <Text as="p">Cancelled in Shopify before export: never sent to {destinationName}.</Text>
              ) : null}
              {order.reversals.map((r, i) => (
                <Text as="p" key={i} tone={r.state === "failed" ? "critical" : undefined}>
                  {r.text}
                </Text>
              ))}
              {order.canRetry ? <RetryButton order={order} /> : null}
              <Text as="p" tone="subdued">
                Export attempts: {order.attempts}
              </Text>
            </BlockStack>
          </SectionCard>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title="History">
            <DataTable
              columnContentTypes={["text", "text", "text"]}
              headings={["When", "What", "Details"]}
              rows={history.map((h) => [formatDateTime(h.at, timeZone), h.kind, h.message])}
            />
          </SectionCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
