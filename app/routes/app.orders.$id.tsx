import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  BlockStack,
  Box,
  Button,
  DataTable,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
} from "@shopify/polaris";
import { OrderStageBadge } from "../components/OrderStageBadge";
import { SectionCard } from "../components/SectionCard";
import { TechnicalDetails } from "../components/TechnicalDetails";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { localeOfRequest } from "../i18n/locale";
import { authenticate } from "../shopify.server";
import { formResult, unknownIntent } from "../lib/http.server";
import { orderScreen, retryExport } from "../sync/orders/screens.server";
import type { OrderRow } from "../sync/orders/views.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const screen = await orderScreen(session.shop, params.id ?? "", locale);
  if (!screen) throw new Response(NOT_FOUND[locale], { status: 404 });
  return screen;
};

// Retry from the order's page: the export, or a cancellation or refund not reported.
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") !== "retry") return unknownIntent();
  return formResult(async () => ({
    ok: true as const,
    ...(await retryExport(session.shop, params.id ?? "", localeOfRequest(request).locale)),
  }));
};

const NOT_FOUND = defineWords({
  en: "This order is not in the app's records.",
  fr: "Cette commande ne figure pas dans les données de l'app.",
});

const WORDS = defineWords({
  en: {
    // The timeline's kinds of event; the event's own message is stored by the run and shown as stored.
    kinds: {
      received: "Received",
      exported: "Exported",
      failed: "Failed",
      retrying: "Will retry",
      retry: "Retry",
      stock: "Stock",
      warning: "Warning",
      status: "Status",
      fulfilled: "Shipped",
      tracking: "Tracking",
      delivery: "Delivery",
      delivered: "Delivered",
      cancelled: "Cancelled",
      refunded: "Refunded",
    } as Record<string, string>,
    retryLabel: (name: string) => `Retry ${name}`,
    retry: "Retry",
    queued: "Queued",
    title: (name: string) => `Order ${name}`,
    orders: "Orders",
    openInShopify: "Open in Shopify admin",
    whereItStands: "Where it stands",
    erpOrder: (destination: string, id: string | null, status: string | null) =>
      `${destination} order: ${id ?? "not created yet"} · status ${status ? `“${status}”` : "unknown"}`,
    carrier: "Carrier and tracking: ",
    noneYet: "none yet",
    delivered: (at: string) => ` · delivered ${at}`,
    cancelledBeforeExport: (destination: string) => `Cancelled in Shopify before export: never sent to ${destination}.`,
    attempts: (n: string) => `Export attempts: ${n} · `,
    openOrderInShopify: (name: string) => `Open ${name} in Shopify admin`,
    customer: "Customer",
    noName: "No name given",
    amounts: "Amounts",
    lines: "Lines",
    discounts: "Discounts",
    shipping: "Shipping",
    total: "Total",
    item: "Item",
    sku: "SKU",
    quantity: "Quantity",
    price: "Price",
    timeline: "Timeline",
    nothingYet: "Nothing recorded yet.",
  },
  fr: {
    kinds: {
      received: "Reçue",
      exported: "Exportée",
      failed: "Échec",
      retrying: "Nouvel essai prévu",
      retry: "Relance",
      stock: "Stock",
      warning: "Avertissement",
      status: "Statut",
      fulfilled: "Expédiée",
      tracking: "Suivi",
      delivery: "Livraison",
      delivered: "Livrée",
      cancelled: "Annulée",
      refunded: "Remboursée",
    } as Record<string, string>,
    retryLabel: (name: string) => `Relancer ${name}`,
    retry: "Relancer",
    queued: "En file d'attente",
    title: (name: string) => `Commande ${name}`,
    orders: "Commandes",
    openInShopify: "Ouvrir dans l'admin Shopify",
    whereItStands: "Où en est-elle",
    erpOrder: (destination: string, id: string | null, status: string | null) =>
      `Commande ${destination} : ${id ?? "pas encore créée"} · statut ${status ? `« ${status} »` : "inconnu"}`,
    carrier: "Transporteur et suivi : ",
    noneYet: "aucun pour l'instant",
    delivered: (at: string) => ` · livrée le ${at}`,
    cancelledBeforeExport: (destination: string) =>
      `Annulée dans Shopify avant l'export : jamais envoyée à ${destination}.`,
    attempts: (n: string) => `Tentatives d'export : ${n} · `,
    openOrderInShopify: (name: string) => `Ouvrir ${name} dans l'admin Shopify`,
    customer: "Client",
    noName: "Aucun nom indiqué",
    amounts: "Montants",
    lines: "Articles",
    discounts: "Réductions",
    shipping: "Livraison",
    total: "Total",
    item: "Article",
    sku: "SKU",
    quantity: "Quantité",
    price: "Prix",
    timeline: "Historique",
    nothingYet: "Rien d'enregistré pour l'instant.",
  },
});

function RetryButton({ order }: { order: Pick<OrderRow, "name"> }) {
  const fetcher = useFetcher<typeof action>();
  const failure = fetcher.data && !fetcher.data.ok ? fetcher.data.message : null;
  const t = useWords(WORDS);
  return (
    <InlineStack gap="200" blockAlign="center">
      <Button
        accessibilityLabel={t.retryLabel(order.name)}
        loading={fetcher.state !== "idle"}
        onClick={() => fetcher.submit({ intent: "retry" }, { method: "post" })}
      >
        {t.retry}
      </Button>
      {fetcher.data?.ok ? (
        <Text as="span" tone="success">
          {t.queued}
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

export default function OrderPage() {
  const { order, customer, lines, amounts, timeline, timeZone, destinationName } = useLoaderData<typeof loader>();
  const t = useWords(WORDS);
  const format = useFormat();
  const money = (value: string) => {
    const amount = Number(value);
    // A currency code Intl does not take (or none) keeps the amount as the order wrote it.
    return /^[A-Z]{3}$/.test(amounts.currency) && value !== "" && Number.isFinite(amount)
      ? format.money(amount, amounts.currency)
      : `${value} ${amounts.currency}`.trim();
  };
  return (
    <Page
      title={t.title(order.name)}
      backAction={{ content: t.orders, url: "/app/orders" }}
      secondaryActions={[{ content: t.openInShopify, url: order.shopifyAdminUrl, target: "_top" }]}
    >
      <Layout>
        <Layout.Section>
          <SectionCard title={t.whereItStands}>
            <BlockStack gap="200">
              <InlineStack gap="200" blockAlign="center">
                <OrderStageBadge stage={order.stage} destinationName={destinationName} />
                {order.error ? (
                  <Text as="span" tone="critical">
                    {order.error}
                  </Text>
                ) : null}
              </InlineStack>
              <TechnicalDetails details={order.errorDetail} />
              <Text as="p">{t.erpOrder(destinationName, order.erpOrderId, order.erpStatus)}</Text>
              <Text as="p">
                {t.carrier}
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
                  t.noneYet
                )}
                {order.deliveredAt ? t.delivered(format.dateTime(order.deliveredAt, timeZone)) : ""}
              </Text>
              {order.cancelledBeforeExport ? <Text as="p">{t.cancelledBeforeExport(destinationName)}</Text> : null}
              {order.reversals.map((r, i) => (
                <Text as="p" key={i} tone={r.state === "failed" ? "critical" : undefined}>
                  {r.text}
                </Text>
              ))}
              {order.canRetry ? <RetryButton order={order} /> : null}
              <Text as="p" tone="subdued">
                {t.attempts(format.number(order.attempts))}
                <Link url={order.shopifyAdminUrl} target="_top">
                  {t.openOrderInShopify(order.name)}
                </Link>
              </Text>
            </BlockStack>
          </SectionCard>
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <SectionCard title={t.customer}>
              <BlockStack gap="100">
                <Text as="p" fontWeight="semibold">
                  {customer.name ?? t.noName}
                </Text>
                {customer.email ? <Text as="p">{customer.email}</Text> : null}
                {customer.phone ? <Text as="p">{customer.phone}</Text> : null}
                {customer.address ? (
                  <Text as="p" tone="subdued">
                    {customer.address}
                  </Text>
                ) : null}
              </BlockStack>
            </SectionCard>
            <SectionCard title={t.amounts}>
              <BlockStack gap="100">
                <InlineStack align="space-between">
                  <Text as="span">{t.lines}</Text>
                  <Text as="span">{money(amounts.subtotal)}</Text>
                </InlineStack>
                <InlineStack align="space-between">
                  <Text as="span">{t.discounts}</Text>
                  <Text as="span">{money(amounts.discounts)}</Text>
                </InlineStack>
                <InlineStack align="space-between">
                  <Text as="span">{t.shipping}</Text>
                  <Text as="span">{money(amounts.shipping)}</Text>
                </InlineStack>
                <InlineStack align="space-between">
                  <Text as="span" fontWeight="semibold">
                    {t.total}
                  </Text>
                  <Text as="span" fontWeight="semibold">
                    {money(amounts.total)}
                  </Text>
                </InlineStack>
              </BlockStack>
            </SectionCard>
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title={t.lines}>
            <DataTable
              columnContentTypes={["text", "text", "numeric", "numeric", "numeric"]}
              headings={[t.item, t.sku, t.quantity, t.price, t.total]}
              rows={lines.map((l) => [l.title, l.sku ?? "—", l.quantity, money(l.price), money(l.total)])}
            />
          </SectionCard>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title={t.timeline}>
            {timeline.length === 0 ? (
              <Text as="p" tone="subdued">
                {t.nothingYet}
              </Text>
            ) : (
              <BlockStack gap="300">
                {timeline.map((e) => (
                  <Box key={e.id} paddingBlockEnd="200" borderBlockEndWidth="025" borderColor="border-secondary">
                    <BlockStack gap="100">
                      <InlineStack gap="200" blockAlign="center">
                        <Text as="span" variant="bodySm" tone="subdued">
                          {format.dateTime(e.at, timeZone)}
                        </Text>
                        <Text as="span" fontWeight="semibold">
                          {t.kinds[e.kind] ?? e.kind}
                        </Text>
                      </InlineStack>
                      <Text as="p" tone={e.kind === "failed" ? "critical" : undefined}>
                        {e.message}
                      </Text>
                      <TechnicalDetails details={e.detail} />
                    </BlockStack>
                  </Box>
                ))}
              </BlockStack>
            )}
          </SectionCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
