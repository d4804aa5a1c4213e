import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, DataTable, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";
import { OrderStageBadge } from "../components/OrderStageBadge";
import { SectionCard } from "../components/SectionCard";
import { formatDateTime } from "../lib/format";
import { authenticate } from "../shopify.server";
import { orderScreen } from "../sync/orders/screens.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const screen = await orderScreen(session.shop, params.id ?? "");
  if (!screen) throw new Response("This order is not in the app's records.", { status: 404 });
  return screen;
};

export default function OrderHistory() {
  const { order, history, timeZone, destinationName } = useLoaderData<typeof loader>();
  return (
    <Page title={`Order ${order.name}`} backAction={{ content: "Orders", url: "/app/orders" }}>
      <Layout>
        <Layout.Section>
          <SectionCard title="Where it stands">
            <BlockStack gap="200">
              <InlineStack gap="200" blockAlign="center">
                <OrderStageBadge stage={order.stage} />
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
