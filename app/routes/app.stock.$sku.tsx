// A variant's stock: the stock source now, Shopify now (at the synced location), and what the last sync
// recorded. Linked from the Fastmag explorer's stock rows: /app/stock/<SKU>.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { SECTION_WORDS } from "../navigation";
import { localeOfRequest } from "../i18n/locale";
import { authenticate } from "../shopify.server";
import { skuStockScreen, type SkuStockView } from "../sync/stock-screen.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return skuStockScreen(session.shop, params.sku ?? "", localeOfRequest(request).locale);
};

const WORDS = defineWords({
  en: {
    title: (sku: string) => `Stock of ${sku}`,
    differs: (shopify: string, source: string, available: string) =>
      `Shopify shows ${shopify} but ${source} has ${available} to sell: the next stock sync will correct it.`,
    now: (system: string) => `${system} (now)`,
    unknownSku: (source: string) => `${source} does not know this SKU.`,
    available: "Available to sell",
    lastMovement: (at: string) => `Last movement ${at}`,
    noVariant: "No Shopify variant has this SKU.",
    atLocation: "Available at the synced location",
    notStocked: "not stocked there",
    lastSync: "Last sync",
    recorded: "Available to sell, recorded",
    answered: "Answered to Shopify's fetch_stock",
    shopifyThen: (quantity: string | null) => `Shopify then: ${quantity ?? "unknown"}`,
    synced: (at: string) => `Synced ${at}`,
    notSynced: "Not synced yet.",
  },
  fr: {
    title: (sku: string) => `Stock de ${sku}`,
    differs: (shopify: string, source: string, available: string) =>
      `Shopify affiche ${shopify} mais ${source} en a ${available} à vendre : la prochaine synchronisation du stock le corrigera.`,
    now: (system: string) => `${system} (maintenant)`,
    unknownSku: (source: string) => `${source} ne connaît pas ce SKU.`,
    available: "Disponible à la vente",
    lastMovement: (at: string) => `Dernier mouvement le ${at}`,
    noVariant: "Aucune variante Shopify n'a ce SKU.",
    atLocation: "Disponible à l'emplacement synchronisé",
    notStocked: "pas en stock à cet emplacement",
    lastSync: "Dernière synchronisation",
    recorded: "Disponible à la vente, enregistré",
    answered: "Réponse au fetch_stock de Shopify",
    shopifyThen: (quantity: string | null) => `Shopify à ce moment-là : ${quantity ?? "inconnu"}`,
    synced: (at: string) => `Synchronisé le ${at}`,
    notSynced: "Pas encore synchronisé.",
  },
});

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
  const shopifyQuantity = isError(shopify)
    ? undefined
    : (shopify.find((s) => s.available !== null)?.available ?? undefined);
  const sourceAvailable = source && !isError(source) ? source.available : undefined;
  const t = useWords(WORDS);
  const sections = useWords(SECTION_WORDS);
  const format = useFormat();
  return (
    <Page
      title={t.title(view.sku)}
      // The back arrow is an icon: its name says where it goes (screen readers, axe's link-name).
      backAction={{ content: sections.explorer, url: "/app/fastmag/explorer?operation=inventory" }}
    >
      <Layout>
        {sourceAvailable !== undefined && shopifyQuantity !== undefined && sourceAvailable !== shopifyQuantity ? (
          <Layout.Section>
            <Banner tone="warning">
              {t.differs(format.number(shopifyQuantity), view.sourceName, format.number(sourceAvailable))}
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <InlineGrid columns={3} gap="400">
            <Card>
              <Text as="h2" variant="headingMd">
                {t.now(view.sourceName)}
              </Text>
              {isError(source) ? (
                <Banner tone="critical">{source.error}</Banner>
              ) : source === null ? (
                <Text as="p">{t.unknownSku(view.sourceName)}</Text>
              ) : (
                <BlockStack gap="200">
                  <Figure label={t.available} value={format.number(source.available)} />
                  {source.detail ? (
                    <Text as="p" tone="subdued">
                      {source.detail}
                    </Text>
                  ) : null}
                  {source.updatedAt ? (
                    <Text as="p" tone="subdued">
                      {t.lastMovement(format.dateTime(source.updatedAt, timeZone))}
                    </Text>
                  ) : null}
                </BlockStack>
              )}
            </Card>
            <Card>
              <Text as="h2" variant="headingMd">
                {t.now("Shopify")}
              </Text>
              {isError(shopify) ? (
                <Banner tone="critical">{shopify.error}</Banner>
              ) : shopify.length === 0 ? (
                <Text as="p">{t.noVariant}</Text>
              ) : (
                <BlockStack gap="200">
                  {shopify.map((s) => (
                    <Figure
                      key={s.inventoryItemId}
                      label={t.atLocation}
                      value={s.available === null ? t.notStocked : format.number(s.available)}
                      note={s.inventoryItemId}
                    />
                  ))}
                </BlockStack>
              )}
            </Card>
            <Card>
              <Text as="h2" variant="headingMd">
                {t.lastSync}
              </Text>
              {snapshot ? (
                <BlockStack gap="200">
                  <Figure label={t.recorded} value={format.number(snapshot.webStock)} note={t.answered} />
                  <Text as="p" tone="subdued">
                    {t.shopifyThen(snapshot.shopifyQuantity === null ? null : format.number(snapshot.shopifyQuantity))}
                  </Text>
                  <Text as="p" tone="subdued">
                    {t.synced(format.dateTime(snapshot.syncedAt, timeZone))}
                  </Text>
                </BlockStack>
              ) : (
                <Text as="p">{t.notSynced}</Text>
              )}
            </Card>
          </InlineGrid>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
