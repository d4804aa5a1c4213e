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
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { FilterTabs } from "../components/FilterTabs";
import { useEffect, useState } from "react";
import { ListPager } from "../components/ListPager";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { localeOfRequest } from "../i18n/locale";
import { formResult, unknownIntent } from "../lib/http.server";
import { ValidationError } from "../lib/errors";
import { authenticate } from "../shopify.server";
import { shopTimeZone } from "../shops/time-zone.server";
import { decideUnmatched, linkCandidates, unmatchedParams, unmatchedScreen } from "../sync/unmatched/screen.server";
import { UNMATCHED_VIEWS, type UnmatchedView } from "../sync/unmatched/views";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const params = unmatchedParams(new URL(request.url).searchParams);
  const [candidates, timeZone] = await Promise.all([linkCandidates(session.shop, "", 100), shopTimeZone(session.shop)]);
  try {
    const screen = await unmatchedScreen(session.shop, params, locale);
    return { ...screen, candidates, timeZone, problem: null as string | null };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { ...(await unmatchedScreen(session.shop, {}, locale)), candidates, timeZone, problem: error.message };
  }
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const field = (name: string) => String(form.get(name) ?? "");
  if (intent === "ignore" || intent === "undo")
    return formResult(async () => ({
      ok: true as const,
      ...(await decideUnmatched(session.shop, { intent, side: field("side"), sku: field("sku") }, undefined, locale)),
    }));
  if (intent === "link")
    return formResult(async () => ({
      ok: true as const,
      ...(await decideUnmatched(
        session.shop,
        { intent, sku: field("sku"), shopifySku: field("shopifySku") },
        undefined,
        locale,
      )),
    }));
  return unknownIntent();
};

/** The list's page size (the screen asks for the use-case's default). */
const UNMATCHED_PER_PAGE = 50;

const WORDS = defineWords({
  en: {
    views: (source: string): Record<UnmatchedView, string> => ({
      source: `In ${source}, not in Shopify`,
      shopify: `In Shopify, not in ${source}`,
      ignored: "Ignored",
      linked: "Linked",
    }),
    title: "Unmatched SKUs",
    subtitle: "SKUs the stock sync found on one side only: link them to the right Shopify variant, or ignore them.",
    searchSkus: "Search SKUs",
    search: "Search",
    fromRun: (at: string) => `From the full stock run of ${at}.`,
    noRun: "No full stock run has listed SKUs yet.",
    resourceName: { singular: "SKU", plural: "SKUs" },
    sku: "SKU",
    where: "Where",
    decision: "Decision",
    actions: "Actions",
    nothing: "Nothing here.",
    only: (side: string) => `${side} only`,
    linkedTo: (sku: string) => `Linked to Shopify SKU ${sku}`,
    ignored: "Ignored",
    footer: (source: string) =>
      `Every sync leaves ignored SKUs alone: they are no longer reported, created, listed on marketplaces, moved by POS systems or sent on orders. A linked ${source} SKU and the Shopify variant you chose are one article for every sync, from the next run: stock, price, catalog, marketplaces, POS systems and orders.`,
    undoLabel: (sku: string) => `Undo the decision on ${sku}`,
    undo: "Undo",
    variantFor: (sku: string) => `Shopify variant for ${sku}`,
    linkTo: "Link to the Shopify SKU…",
    chooseLink: "Link…",
    chooseLinkLabel: (sku: string) => `Choose the Shopify SKU to link ${sku} to`,
    linkLabel: (sku: string) => `Link ${sku}`,
    link: "Link",
    ignoreLabel: (sku: string) => `Ignore ${sku}`,
    ignore: "Ignore",
  },
  fr: {
    views: (source: string): Record<UnmatchedView, string> => ({
      source: `Dans ${source}, pas dans Shopify`,
      shopify: `Dans Shopify, pas dans ${source}`,
      ignored: "Ignorés",
      linked: "Associés",
    }),
    title: "SKU sans correspondance",
    subtitle:
      "Les SKU que la synchronisation du stock n'a trouvés que d'un côté : associez-les à la bonne variante Shopify, ou ignorez-les.",
    searchSkus: "Rechercher des SKU",
    search: "Rechercher",
    fromRun: (at: string) => `D'après la synchronisation complète du stock du ${at}.`,
    noRun: "Aucune synchronisation complète du stock n'a encore listé de SKU.",
    resourceName: { singular: "SKU", plural: "SKU" },
    sku: "SKU",
    where: "Où",
    decision: "Décision",
    actions: "Actions",
    nothing: "Rien ici.",
    only: (side: string) => `Seulement dans ${side}`,
    linkedTo: (sku: string) => `Associé au SKU Shopify ${sku}`,
    ignored: "Ignoré",
    footer: (source: string) =>
      `Toutes les synchronisations laissent de côté les SKU ignorés : ils ne sont plus signalés, créés, publiés sur les marketplaces, modifiés par les caisses ni envoyés dans les commandes. Un SKU de ${source} associé et la variante Shopify choisie sont un même article pour toutes les synchronisations, dès la prochaine : stock, prix, catalogue, marketplaces, caisses et commandes.`,
    undoLabel: (sku: string) => `Annuler la décision sur ${sku}`,
    undo: "Annuler",
    variantFor: (sku: string) => `Variante Shopify pour ${sku}`,
    linkTo: "Associer au SKU Shopify…",
    chooseLink: "Associer…",
    chooseLinkLabel: (sku: string) => `Choisir le SKU Shopify auquel associer ${sku}`,
    linkLabel: (sku: string) => `Associer ${sku}`,
    link: "Associer",
    ignoreLabel: (sku: string) => `Ignorer ${sku}`,
    ignore: "Ignorer",
  },
});

export default function Unmatched() {
  const data = useLoaderData<typeof loader>();
  const { view, items, total, totals, next, previous, sourceName, candidates, timeZone, lastSeenAt, problem, q } = data;
  const t = useWords(WORDS);
  const format = useFormat();
  const labels = t.views(sourceName);
  const [, setSearchParams] = useSearchParams();
  const [search, setSearch] = useState(q);
  const tabs = UNMATCHED_VIEWS.map((v) => ({ id: v, content: `${labels[v]} (${format.number(totals[v])})` }));
  return (
    <Page title={t.title} subtitle={t.subtitle} fullWidth>
      <Layout>
        {problem ? (
          <Layout.Section>
            <Banner tone="warning">
              <p>{problem}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding="0">
            <FilterTabs
              tabs={tabs}
              selected={Math.max(0, UNMATCHED_VIEWS.indexOf(view))}
              onSelect={(i) => setSearchParams({ view: UNMATCHED_VIEWS[i]! })}
            />
            <Box padding="300">
              <Form method="get">
                <input type="hidden" name="view" value={view} />
                <InlineStack gap="300" blockAlign="end">
                  <Box minWidth="320px">
                    <TextField
                      label={t.searchSkus}
                      name="q"
                      value={search}
                      onChange={setSearch}
                      autoComplete="off"
                      clearButton
                      onClearButtonClick={() => setSearch("")}
                    />
                  </Box>
                  <Button submit>{t.search}</Button>
                  <Text as="span" tone="subdued">
                    {lastSeenAt ? t.fromRun(format.dateTime(lastSeenAt, timeZone)) : t.noRun}
                  </Text>
                </InlineStack>
              </Form>
            </Box>
            <IndexTable
              resourceName={t.resourceName}
              itemCount={items.length}
              selectable={false}
              headings={[{ title: t.sku }, { title: t.where }, { title: t.decision }, { title: t.actions }]}
              emptyState={
                <Box padding="400">
                  <Text as="p" tone="subdued">
                    {t.nothing}
                  </Text>
                </Box>
              }
            >
              {items.map((item, index) => (
                <IndexTable.Row id={`${item.side}:${item.sku}`} key={`${item.side}:${item.sku}`} position={index}>
                  <IndexTable.Cell>
                    <Text as="span" fontWeight="semibold">
                      {item.sku}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{t.only(item.side === "source" ? sourceName : "Shopify")}</IndexTable.Cell>
                  <IndexTable.Cell>
                    {item.decision === "linked"
                      ? t.linkedTo(item.linkedSku ?? "")
                      : item.decision === "ignored"
                        ? t.ignored
                        : "—"}
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Actions item={item} candidates={candidates} />
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
            <Box padding="300">
              <ListPager page={{ total, next, previous }} shown={items.length} pageSize={UNMATCHED_PER_PAGE} />
            </Box>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Text as="p" tone="subdued">
            {t.footer(sourceName)}
          </Text>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

interface Item {
  side: "source" | "shopify";
  sku: string;
  decision: string | null;
  linkedSku: string | null;
}

function Actions({ item, candidates }: { item: Item; candidates: string[] }) {
  const fetcher = useFetcher<typeof action>();
  const [target, setTarget] = useState("");
  // The list of Shopify SKUs shows once the merchant chooses to link this row: 50 rows each carrying
  // every candidate made the page 440 KB, most of it options nobody opened.
  const [choosing, setChoosing] = useState(false);
  const selectId = `link-${item.sku}`;
  useEffect(() => {
    if (choosing) document.getElementById(selectId)?.focus();
  }, [choosing, selectId]);
  const failure = fetcher.data && !fetcher.data.ok ? fetcher.data.message : null;
  const submit = (form: Record<string, string>) => fetcher.submit(form, { method: "post" });
  const t = useWords(WORDS);
  if (item.decision)
    return (
      <Button
        accessibilityLabel={t.undoLabel(item.sku)}
        loading={fetcher.state !== "idle"}
        onClick={() => submit({ intent: "undo", side: item.side, sku: item.sku })}
      >
        {t.undo}
      </Button>
    );
  return (
    <BlockStack gap="100">
      <InlineStack gap="200" blockAlign="center" wrap={false}>
        {item.side === "source" && !choosing ? (
          <Button accessibilityLabel={t.chooseLinkLabel(item.sku)} onClick={() => setChoosing(true)}>
            {t.chooseLink}
          </Button>
        ) : null}
        {item.side === "source" && choosing ? (
          <>
            <Select
              id={selectId}
              label={t.variantFor(item.sku)}
              labelHidden
              options={[{ label: t.linkTo, value: "" }, ...candidates.map((c) => ({ label: c, value: c }))]}
              value={target}
              onChange={setTarget}
            />
            <Button
              accessibilityLabel={t.linkLabel(item.sku)}
              disabled={!target}
              onClick={() => submit({ intent: "link", sku: item.sku, shopifySku: target })}
            >
              {t.link}
            </Button>
          </>
        ) : null}
        <Button
          accessibilityLabel={t.ignoreLabel(item.sku)}
          loading={fetcher.state !== "idle"}
          onClick={() => submit({ intent: "ignore", side: item.side, sku: item.sku })}
        >
          {t.ignore}
        </Button>
      </InlineStack>
      {failure ? (
        <Text as="span" tone="critical" variant="bodySm">
          {failure}
        </Text>
      ) : null}
    </BlockStack>
  );
}
