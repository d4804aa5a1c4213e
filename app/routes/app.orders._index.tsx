import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
  TextField,
  useIndexResourceState,
} from "@shopify/polaris";
import { FilterTabs } from "../components/FilterTabs";
import { useState } from "react";
import { firstPage, ListPager } from "../components/ListPager";
import { OrderStageBadge } from "../components/OrderStageBadge";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { localeOfRequest } from "../i18n/locale";
import { formResult, unknownIntent } from "../lib/http.server";
import { ValidationError } from "../lib/errors";
import { authenticate } from "../shopify.server";
import { ORDER_FILTERS, type OrderFilter } from "../sync/orders/order-filters";
import { orderListParams, ordersScreen, retryExport, retryOrders } from "../sync/orders/screens.server";
import type { OrderRow } from "../sync/orders/views.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const params = orderListParams(new URL(request.url).searchParams);
  try {
    return { ...(await ordersScreen(session.shop, params, locale)), problem: null as string | null };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { ...(await ordersScreen(session.shop, {}, locale)), problem: error.message };
  }
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "retry")
    return formResult(async () => ({
      ok: true as const,
      ...(await retryExport(session.shop, String(form.get("id") ?? ""), localeOfRequest(request).locale)),
    }));
  if (intent === "retry-selected")
    return formResult(async () => ({
      ok: true as const,
      ...(await retryOrders(session.shop, String(form.get("ids") ?? "").split(","), localeOfRequest(request).locale)),
    }));
  return unknownIntent();
};

/** The list's page size (the screen asks for the use-case's default). */
const ORDERS_PER_PAGE = 50;

const WORDS = defineWords({
  en: {
    tabs: (destination: string): Record<OrderFilter, string> => ({
      all: "All",
      errors: "Errors",
      waiting: "Waiting",
      exported: `In ${destination}`,
      shipped: "Shipped",
      delivered: "Delivered",
      cancelled: "Cancelled",
    }),
    errorsTab: (count: string) => `Errors (${count})`,
    title: "Orders",
    subtitle: (destination: string) => `Shopify orders sent to ${destination}, their status, tracking and delivery`,
    carrierSettings: "Carrier settings",
    searchProblem: "The search could not be applied",
    errorsTitle: (count: string, destination: string) =>
      `${count} order(s) could not be sent to ${destination}, or their cancellation or refund reported`,
    errorsHelp: (destination: string) =>
      `Open the Errors tab, fix the cause (in Shopify or ${destination}) and press Retry. Cancellations and refunds that could not be reported are listed there too.`,
    queued: (count: string) => `${count} order(s) queued again.`,
    notRetried: (list: string) => ` Not retried: ${list}`,
    resourceName: { singular: "order", plural: "orders" },
    retrySelected: "Retry selected",
    order: "Order",
    state: "State",
    tracking: "Tracking",
    received: "Received",
    noOrders: "No orders here.",
    search: "Search",
    searchPlaceholder: "Order name, customer name or e-mail",
    from: "Received from",
    to: "to",
    cancelledBeforeExport: (destination: string) => `Cancelled before export: never sent to ${destination}.`,
    retryLabel: (name: string) => `Retry ${name}`,
    retry: "Retry",
    queuedOne: "Queued",
  },
  fr: {
    tabs: (destination: string): Record<OrderFilter, string> => ({
      all: "Toutes",
      errors: "Erreurs",
      waiting: "En attente",
      exported: `Dans ${destination}`,
      shipped: "Expédiées",
      delivered: "Livrées",
      cancelled: "Annulées",
    }),
    errorsTab: (count: string) => `Erreurs (${count})`,
    title: "Commandes",
    subtitle: (destination: string) =>
      `Les commandes Shopify envoyées à ${destination}, leur statut, leur suivi et leur livraison`,
    carrierSettings: "Paramètres des transporteurs",
    searchProblem: "La recherche n'a pas pu être appliquée",
    errorsTitle: (count: string, destination: string) =>
      `${count} commande(s) n'ont pas pu être envoyées à ${destination}, ou leur annulation ou leur remboursement signalé`,
    errorsHelp: (destination: string) =>
      `Ouvrez l'onglet Erreurs, corrigez la cause (dans Shopify ou ${destination}) et cliquez sur Relancer. Les annulations et remboursements qui n'ont pas pu être signalés y figurent aussi.`,
    queued: (count: string) => `${count} commande(s) remise(s) en file d'attente.`,
    notRetried: (list: string) => ` Non relancées : ${list}`,
    resourceName: { singular: "commande", plural: "commandes" },
    retrySelected: "Relancer la sélection",
    order: "Commande",
    state: "État",
    tracking: "Suivi",
    received: "Reçue le",
    noOrders: "Aucune commande ici.",
    search: "Rechercher",
    searchPlaceholder: "Nom de commande, nom ou e-mail du client",
    from: "Reçues du",
    to: "au",
    cancelledBeforeExport: (destination: string) => `Annulée avant l'export : jamais envoyée à ${destination}.`,
    retryLabel: (name: string) => `Relancer ${name}`,
    retry: "Relancer",
    queuedOne: "En file d'attente",
  },
});

export default function Orders() {
  const { orders, errorCount, total, page, filter, search, timeZone, destinationName, problem } =
    useLoaderData<typeof loader>();
  const t = useWords(WORDS);
  const format = useFormat();
  const labels = t.tabs(destinationName);
  const [searchParams, setSearchParams] = useSearchParams();
  const tabs = ORDER_FILTERS.map((f) => ({
    id: f,
    content: f === "errors" && errorCount ? t.errorsTab(format.number(errorCount)) : labels[f],
  }));
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(
    orders.map((o) => ({ ...o })),
  );
  const bulk = useFetcher<typeof action>();
  const bulkAnswer = bulk.data;
  return (
    <Page
      title={t.title}
      subtitle={t.subtitle(destinationName)}
      secondaryActions={[{ content: t.carrierSettings, url: "/app/settings/orders" }]}
      fullWidth
    >
      <Layout>
        {problem ? (
          <Layout.Section>
            <Banner tone="warning" title={t.searchProblem}>
              <p>{problem}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {errorCount > 0 && filter !== "errors" ? (
          <Layout.Section>
            <Banner tone="critical" title={t.errorsTitle(format.number(errorCount), destinationName)}>
              <p>{t.errorsHelp(destinationName)}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {bulkAnswer ? (
          <Layout.Section>
            {bulkAnswer.ok && "queued" in bulkAnswer ? (
              <Banner tone={bulkAnswer.notRetried.length ? "warning" : "success"} onDismiss={clearSelection}>
                <p>
                  {t.queued(format.number(bulkAnswer.queued))}
                  {bulkAnswer.notRetried.length
                    ? t.notRetried(
                        bulkAnswer.notRetried
                          .map((n) => `${orders.find((o) => o.id === n.id)?.name ?? n.id} (${n.reason})`)
                          .join("; "),
                      )
                    : ""}
                </p>
              </Banner>
            ) : !bulkAnswer.ok ? (
              <Banner tone="critical">
                <p>{bulkAnswer.message}</p>
              </Banner>
            ) : null}
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding="0">
            <FilterTabs
              tabs={tabs}
              selected={Math.max(0, ORDER_FILTERS.indexOf(filter))}
              onSelect={(i) => {
                const next = firstPage(searchParams);
                next.set("filter", ORDER_FILTERS[i]!);
                setSearchParams(next);
              }}
            />
            <SearchForm filter={filter} search={search} />
            <IndexTable
              resourceName={t.resourceName}
              itemCount={orders.length}
              selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
              onSelectionChange={handleSelectionChange}
              promotedBulkActions={[
                {
                  content: t.retrySelected,
                  onAction: () =>
                    bulk.submit({ intent: "retry-selected", ids: selectedResources.join(",") }, { method: "post" }),
                },
              ]}
              headings={[
                { title: t.order },
                { title: t.state },
                { title: destinationName },
                { title: t.tracking },
                { title: t.received },
                { title: "", id: "actions" },
              ]}
              emptyState={
                <Box padding="400">
                  <Text as="p" tone="subdued">
                    {t.noOrders}
                  </Text>
                </Box>
              }
            >
              {orders.map((o, index) => (
                <IndexTable.Row id={o.id} key={o.id} position={index} selected={selectedResources.includes(o.id)}>
                  <IndexTable.Cell>
                    <BlockStack gap="050">
                      <Link url={`/app/orders/${o.id}`} removeUnderline dataPrimaryLink>
                        {o.name}
                      </Link>
                      <Text as="span" variant="bodySm" tone="subdued">
                        {o.customerName ?? o.email ?? ""}
                      </Text>
                    </BlockStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <StateCell order={o} destinationName={destinationName} />
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <BlockStack gap="050">
                      <Text as="span">{o.erpOrderId ?? "—"}</Text>
                      {o.erpStatus ? (
                        <Text as="span" variant="bodySm" tone="subdued">
                          {o.erpStatus}
                        </Text>
                      ) : null}
                    </BlockStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    {o.trackingNumber ? `${o.carrier ?? ""} ${o.trackingNumber}`.trim() : "—"}
                  </IndexTable.Cell>
                  <IndexTable.Cell>{format.dateTime(o.createdAt, timeZone)}</IndexTable.Cell>
                  <IndexTable.Cell>
                    {/* A click on Retry is not a click on the row (which opens the order). */}
                    <div onClick={(event) => event.stopPropagation()}>
                      {o.canRetry ? <RetryButton order={o} /> : null}
                    </div>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
            <Box padding="300">
              <ListPager page={{ total, ...page }} shown={orders.length} pageSize={ORDERS_PER_PAGE} />
            </Box>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function SearchForm({ filter, search }: { filter: string; search: { q: string; from: string; to: string } }) {
  const [q, setQ] = useState(search.q);
  const [from, setFrom] = useState(search.from);
  const [to, setTo] = useState(search.to);
  const t = useWords(WORDS);
  return (
    <Box padding="300">
      <Form method="get">
        <input type="hidden" name="filter" value={filter} />
        <InlineStack gap="300" blockAlign="end" wrap>
          <Box minWidth="320px">
            <TextField
              label={t.search}
              name="q"
              value={q}
              onChange={setQ}
              placeholder={t.searchPlaceholder}
              autoComplete="off"
              clearButton
              onClearButtonClick={() => setQ("")}
            />
          </Box>
          <TextField label={t.from} type="date" name="from" value={from} onChange={setFrom} autoComplete="off" />
          <TextField label={t.to} type="date" name="to" value={to} onChange={setTo} autoComplete="off" />
          <Button submit>{t.search}</Button>
        </InlineStack>
      </Form>
    </Box>
  );
}

function StateCell({ order: o, destinationName }: { order: OrderRow; destinationName: string }) {
  const t = useWords(WORDS);
  return (
    <Box maxWidth="360px">
      <BlockStack gap="100">
        <InlineStack>
          <OrderStageBadge stage={o.stage} destinationName={destinationName} />
        </InlineStack>
        {o.cancelledBeforeExport ? (
          <Text as="span" tone="subdued" variant="bodySm">
            {t.cancelledBeforeExport(destinationName)}
          </Text>
        ) : null}
        {o.reversals.map((r, i) => (
          <Text
            as="span"
            key={`${o.id}-v${i}`}
            variant="bodySm"
            tone={r.state === "failed" ? "critical" : "subdued"}
            breakWord
          >
            {r.text}
          </Text>
        ))}
        {o.error && o.stage !== "cancelled" ? (
          <Text as="span" tone="critical" variant="bodySm" breakWord>
            {o.error}
          </Text>
        ) : null}
      </BlockStack>
    </Box>
  );
}

function RetryButton({ order }: { order: OrderRow }) {
  const fetcher = useFetcher<typeof action>();
  const failure = fetcher.data && !fetcher.data.ok ? fetcher.data.message : null;
  const t = useWords(WORDS);
  return (
    <BlockStack gap="100">
      <Button
        accessibilityLabel={t.retryLabel(order.name)}
        loading={fetcher.state !== "idle"}
        onClick={() => fetcher.submit({ intent: "retry", id: order.id }, { method: "post" })}
      >
        {t.retry}
      </Button>
      {fetcher.data?.ok ? (
        <Text as="span" variant="bodySm" tone="success">
          {t.queuedOne}
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
