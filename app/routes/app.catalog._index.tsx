// Catalog: the catalog source's seasons with their counts, "Preview" (a dry run listing each product
// with what an import would do and why) and "Import season" (a queued run the merchant follows on its
// run page), the first import ("Link existing products") and whether products gone from their season are
// archived. "Changed since last sync" is the count kept by the season's last import or preview.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Checkbox,
  DataTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import { ListPager } from "../components/ListPager";
import { SectionCard } from "../components/SectionCard";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { localeOfRequest } from "../i18n/locale";
import { NotConfiguredError } from "../lib/errors";
import { formResult, unknownIntent } from "../lib/http.server";
import { pageRequestFrom } from "../lib/keyset.server";
import { authenticate } from "../shopify.server";
import { shopTimeZone } from "../shops/time-zone.server";
import type { PlannedAction } from "../sync/catalog/import.server";
import {
  catalogOverview,
  previewSeason,
  queueLinkExisting,
  queueSeasonImport,
  saveSettings,
  seasonProducts,
  type CatalogOverview,
  type ProductOutcome,
  type SeasonPreview,
  type SeasonProducts,
} from "../sync/catalog/screens.server";
import { imageProblemsPage, type ImageProblem } from "../sync/images/problems.server";
import type { Page as ListPage } from "../lib/keyset.server";

/** Products on a page of a season's list. */
const PRODUCTS_PER_PAGE = 50;
/** Photos with a problem on a page of their list (its cursors are `imgafter` / `imgbefore`). */
const IMAGES_PER_PAGE = 25;
const IMAGES_PREFIX = "img";

/** The image source's files the image sync could not attach, with why; shown with or without a source. */
type ImagesData = { images: ListPage<ImageProblem>; timeZone: string };

type LoaderData =
  | ({ setup: { message: string; url: string } } & ImagesData)
  | ({
      overview: CatalogOverview;
      preview: SeasonPreview | null;
      products: SeasonProducts | null;
    } & ImagesData);

export const loader = async ({ request }: LoaderFunctionArgs): Promise<LoaderData> => {
  const { session } = await authenticate.admin(request);
  const query = new URL(request.url).searchParams;
  const season = query.get("preview");
  // ?products=<season>&after=<reference>: each product of the season with what its last import did to it.
  const productsOf = query.get("products");
  const { locale } = localeOfRequest(request);
  const [images, timeZone] = await Promise.all([
    imageProblemsPage(session.shop, { ...pageRequestFrom(query, IMAGES_PREFIX), limit: IMAGES_PER_PAGE }, locale),
    shopTimeZone(session.shop),
  ]);
  try {
    const [overview, preview, products] = await Promise.all([
      catalogOverview(session.shop),
      season ? previewSeason(session.shop, season, locale) : null,
      productsOf
        ? seasonProducts(session.shop, productsOf, { ...pageRequestFrom(query), limit: PRODUCTS_PER_PAGE }, locale)
        : null,
    ]);
    return { overview, preview, products, images, timeZone };
  } catch (error) {
    if (error instanceof NotConfiguredError) {
      // The registry says it in English; French says the same from what is missing and where.
      const t = WORDS[locale];
      const message =
        locale === "en" ? error.message : error.setupUrl === "/app/settings" ? t.chooseSource : t.fillIn(error.what);
      return { setup: { message, url: error.setupUrl }, images, timeZone };
    }
    throw error;
  }
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  const { locale } = localeOfRequest(request);
  if (intent === "import")
    return formResult(async () => ({
      ok: true as const,
      ...(await queueSeasonImport(session.shop, String(form.get("season") ?? ""), "manual", locale)),
    }));
  if (intent === "link-existing")
    return formResult(async () => ({ ok: true as const, ...(await queueLinkExisting(session.shop)) }));
  if (intent === "settings")
    return formResult(async () => ({
      ok: true as const,
      settings: await saveSettings(session.shop, { archiveGone: form.get("archiveGone") === "true" }),
    }));
  return unknownIntent();
};

const ACTION_TONES: Record<PlannedAction, "success" | "info" | "critical" | "attention" | undefined> = {
  create: "info",
  update: "attention",
  unchanged: "success",
  refused: "critical",
  gone: undefined,
  ignored: undefined,
};

const OUTCOME_TONES: Record<ProductOutcome, "success" | "info" | "critical" | undefined> = {
  created: "success",
  updated: "info",
  unchanged: undefined,
  skipped: "critical",
  linked: undefined,
};

const WORDS = defineWords({
  en: {
    title: "Catalog",
    noSource: "No catalog source yet",
    setUp: "Set it up",
    chooseSource: "This shop has no source of products set up yet: choose one in Settings.",
    fillIn: (what: string) => `${what} is not set up for this shop yet: fill in Settings → ${what}.`,
    subtitle: (source: string, metafield: string) =>
      `Products by season from ${source}, identified in Shopify by ${metafield}`,
    schedule: "Schedule and past runs",
    seasons: "Seasons",
    season: "Season",
    inSource: (source: string) => `In ${source}`,
    inShopify: "In Shopify",
    changed: "Changed since last sync",
    nightly: "Nightly import",
    notCounted: "— (preview to count)",
    yes: "Yes",
    no: "No",
    seasonsNote: (source: string) =>
      `The nightly import takes the seasons chosen in ${source}'s settings ("Seasons to import"); none chosen means every season. "Changed since last sync" is counted by each import and preview of the season, at the time shown.`,
    firstImport: "First import",
    firstImportText: (source: string) =>
      `Products created in Shopify before this import: find those matching ${source}'s products by SKU, then barcode, and mark them so the import updates them instead of creating new ones. Conflicts are listed on the run, never guessed.`,
    linkExisting: "Link existing products",
    archiveTitle: "Products no longer in their season",
    archiveLabel: "Archive them in Shopify",
    archiveHelp: (source: string) =>
      `On every import, the nightly one too: a product whose every variant left its season in ${source} is archived. Off: it is only reported on the run. Variants ${source} no longer lists are always kept.`,
    save: "Save",
    saved: "Saved.",
    preview: "Preview",
    previewOf: (season: string) => `Preview ${season}`,
    products: "Products",
    productsOf: (season: string) => `Products of ${season}`,
    importSeason: "Import season",
    queued: "Queued: watch its run",
    previewTitle: (season: string) => `Preview of season ${season} (nothing written)`,
    previewCounts: (c: SeasonPreview["counts"], source: string) =>
      `${c.products} products (${c.variants} variants) in ${source}: ${c.created} would be created as drafts, ${c.updated} updated, ${c.unchanged} are up to date, ${c.refused} refused` +
      (c.goneProducts ? `, ${c.goneProducts} no longer in the season` : "") +
      (c.goneVariants ? `; ${c.goneVariants} variants gone from ${source} are kept in Shopify` : "") +
      ".",
    skipped: (n: number, source: string) => `${n} row(s) of ${source} were skipped`,
    reference: "Reference",
    product: "Product",
    variants: "Variants",
    status: "Status",
    why: "Why",
    actions: {
      create: "Would be created (draft)",
      update: "Would be updated",
      unchanged: "Up to date",
      refused: "Refused",
      gone: "No longer in the season",
      ignored: "Ignored (Unmatched SKUs)",
    } satisfies Record<PlannedAction, string>,
    outcomes: {
      created: "Created",
      updated: "Updated",
      unchanged: "Unchanged",
      skipped: "Skipped",
      linked: "Linked, not imported yet",
    } satisfies Record<ProductOutcome, string>,
    productsTitle: (season: string) => `Products of season ${season}`,
    lastRun: (when: string, total: number) => `What the last import (${when}) did to each of its ${total} products.`,
    running: "running",
    neverImported: "This season was never imported: the products below were only linked by the first import.",
    lastImport: "Last import",
    imagesTitle: "Photos with a problem",
    imagesHelp:
      "Files of your image source the image sync could not attach to a product. The next image sync looks at them again: fix the file or the product's SKUs.",
    file: "File",
    when: "When",
    noReference: "—",
    imageStatus: { failed: "Not sent", unmatched: "No product" } satisfies Record<ImageProblem["status"], string>,
  },
  fr: {
    title: "Catalogue",
    noSource: "Aucune source de catalogue pour l'instant",
    setUp: "La configurer",
    chooseSource: "Cette boutique n'a encore aucune source de produits : choisissez-en une dans Paramètres.",
    fillIn: (what: string) =>
      `${what} n'est pas encore configuré pour cette boutique : renseignez Paramètres → ${what}.`,
    subtitle: (source: string, metafield: string) =>
      `Produits par saison depuis ${source}, identifiés dans Shopify par ${metafield}`,
    schedule: "Planification et exécutions passées",
    seasons: "Saisons",
    season: "Saison",
    inSource: (source: string) => `Dans ${source}`,
    inShopify: "Dans Shopify",
    changed: "Modifiés depuis la dernière synchro",
    nightly: "Import de nuit",
    notCounted: "— (prévisualisez pour compter)",
    yes: "Oui",
    no: "Non",
    seasonsNote: (source: string) =>
      `L'import de nuit prend les saisons choisies dans les paramètres de ${source} (« Saisons à importer ») ; aucune choisie signifie toutes les saisons. « Modifiés depuis la dernière synchro » est compté par chaque import et chaque prévisualisation de la saison, à l'heure indiquée.`,
    firstImport: "Premier import",
    firstImportText: (source: string) =>
      `Produits créés dans Shopify avant cet import : retrouvez ceux qui correspondent aux produits de ${source} par SKU, puis par code-barres, et marquez-les pour que l'import les mette à jour au lieu d'en créer de nouveaux. Les conflits sont listés dans l'exécution, jamais devinés.`,
    linkExisting: "Lier les produits existants",
    archiveTitle: "Produits qui ne sont plus dans leur saison",
    archiveLabel: "Les archiver dans Shopify",
    archiveHelp: (source: string) =>
      `À chaque import, celui de nuit compris : un produit dont toutes les variantes ont quitté leur saison dans ${source} est archivé. Désactivé : il est seulement signalé dans l'exécution. Les variantes que ${source} ne liste plus sont toujours conservées.`,
    save: "Enregistrer",
    saved: "Enregistré.",
    preview: "Prévisualiser",
    previewOf: (season: string) => `Prévisualiser ${season}`,
    products: "Produits",
    productsOf: (season: string) => `Produits de ${season}`,
    importSeason: "Importer la saison",
    queued: "En file d'attente : suivre son exécution",
    previewTitle: (season: string) => `Aperçu de la saison ${season} (rien n'est écrit)`,
    previewCounts: (c: SeasonPreview["counts"], source: string) =>
      `${c.products} produit${c.products > 1 ? "s" : ""} (${c.variants} variante${c.variants > 1 ? "s" : ""}) dans ${source} : ${c.created} seraient créés en brouillon, ${c.updated} mis à jour, ${c.unchanged} sont à jour, ${c.refused} refusés` +
      (c.goneProducts ? `, ${c.goneProducts} ne sont plus dans la saison` : "") +
      (c.goneVariants ? ` ; ${c.goneVariants} variantes disparues de ${source} sont conservées dans Shopify` : "") +
      ".",
    skipped: (n: number, source: string) =>
      `${n} ligne${n > 1 ? "s" : ""} de ${source} ${n > 1 ? "ont été ignorées" : "a été ignorée"}`,
    reference: "Référence",
    product: "Produit",
    variants: "Variantes",
    status: "Statut",
    why: "Pourquoi",
    actions: {
      create: "Serait créé (brouillon)",
      update: "Serait mis à jour",
      unchanged: "À jour",
      refused: "Refusé",
      gone: "N'est plus dans la saison",
      ignored: "Ignoré (SKU sans correspondance)",
    },
    outcomes: {
      created: "Créé",
      updated: "Mis à jour",
      unchanged: "Inchangé",
      skipped: "Ignoré",
      linked: "Lié, pas encore importé",
    },
    productsTitle: (season: string) => `Produits de la saison ${season}`,
    lastRun: (when: string, total: number) =>
      `Ce que le dernier import (${when}) a fait à chacun de ses ${total} produit${total > 1 ? "s" : ""}.`,
    running: "en cours",
    neverImported:
      "Cette saison n'a jamais été importée : les produits ci-dessous ont seulement été liés par le premier import.",
    lastImport: "Dernier import",
    imagesTitle: "Photos en erreur",
    imagesHelp:
      "Fichiers de votre source d'images que la synchro des images n'a pas pu associer à un produit. La prochaine synchro des images les examine de nouveau : corrigez le fichier ou les SKU du produit.",
    file: "Fichier",
    when: "Date",
    noReference: "—",
    imageStatus: { failed: "Non envoyée", unmatched: "Aucun produit" },
  },
});

const shopifyProductUrl = (gid: string) => `shopify://admin/products/${gid.split("/").pop()}`;

export default function Catalog() {
  const data = useLoaderData<typeof loader>() as LoaderData;
  const t = useWords(WORDS);
  const format = useFormat();
  if ("setup" in data)
    return (
      <Page title={t.title}>
        <BlockStack gap="400">
          <Banner tone="warning" title={t.noSource} action={{ content: t.setUp, url: data.setup.url }}>
            <p>{data.setup.message}</p>
          </Banner>
          {data.images.total > 0 ? <ImagesCard images={data.images} timeZone={data.timeZone} /> : null}
        </BlockStack>
      </Page>
    );
  const { overview, preview, products, timeZone } = data;
  const countedAt = (iso: string) => format.dateTime(iso, timeZone);
  return (
    <Page
      title={t.title}
      subtitle={t.subtitle(overview.sourceName, overview.idMetafield)}
      secondaryActions={[{ content: t.schedule, url: "/app/syncs/catalog.season" }]}
    >
      <Layout>
        <Layout.Section>
          <SectionCard title={t.seasons}>
            <DataTable
              columnContentTypes={["text", "numeric", "numeric", "numeric", "text", "text"]}
              headings={[t.season, t.inSource(overview.sourceName), t.inShopify, t.changed, t.nightly, ""]}
              rows={overview.seasons.map((s) => [
                s.name,
                s.inSource === null ? "—" : format.number(s.inSource),
                format.number(s.inShopify),
                s.changed === null || !s.changedCountedAt
                  ? t.notCounted
                  : `${format.number(s.changed)} (${countedAt(s.changedCountedAt)})`,
                s.scheduled ? t.yes : t.no,
                <SeasonActions key={s.key} season={s.key} />,
              ])}
            />
            <Text as="p" tone="subdued" variant="bodySm">
              {t.seasonsNote(overview.sourceName)}
            </Text>
          </SectionCard>
        </Layout.Section>
        {preview ? (
          <Layout.Section>
            <PreviewCard preview={preview} />
          </Layout.Section>
        ) : null}
        {products ? (
          <Layout.Section>
            <ProductsCard products={products} countedAt={countedAt} />
          </Layout.Section>
        ) : null}
        {data.images.total > 0 ? (
          <Layout.Section>
            <ImagesCard images={data.images} timeZone={timeZone} />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <ArchiveSetting archiveGone={overview.settings.archiveGone} sourceName={overview.sourceName} />
        </Layout.Section>
        <Layout.Section>
          <SectionCard title={t.firstImport}>
            <Text as="p">{t.firstImportText(overview.sourceName)}</Text>
            <QueueButton intent="link-existing" label={t.linkExisting} />
          </SectionCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function ArchiveSetting({ archiveGone, sourceName }: { archiveGone: boolean; sourceName: string }) {
  const fetcher = useFetcher<typeof action>();
  const [checked, setChecked] = useState(archiveGone);
  const t = useWords(WORDS);
  const answer = fetcher.data;
  return (
    <SectionCard title={t.archiveTitle}>
      <BlockStack gap="200">
        <Checkbox label={t.archiveLabel} helpText={t.archiveHelp(sourceName)} checked={checked} onChange={setChecked} />
        <InlineStack gap="200" blockAlign="center">
          <Button
            loading={fetcher.state !== "idle"}
            onClick={() => fetcher.submit({ intent: "settings", archiveGone: String(checked) }, { method: "post" })}
          >
            {t.save}
          </Button>
          {answer?.ok && "settings" in answer ? (
            <Text as="span" tone="success">
              {t.saved}
            </Text>
          ) : null}
          {answer && !answer.ok ? (
            <Text as="span" tone="critical">
              {answer.message}
            </Text>
          ) : null}
        </InlineStack>
      </BlockStack>
    </SectionCard>
  );
}

function SeasonActions({ season }: { season: string }) {
  const [, setSearchParams] = useSearchParams();
  const t = useWords(WORDS);
  return (
    <InlineStack gap="200" blockAlign="center">
      <Button accessibilityLabel={t.previewOf(season)} onClick={() => setSearchParams({ preview: season })}>
        {t.preview}
      </Button>
      <Button accessibilityLabel={t.productsOf(season)} onClick={() => setSearchParams({ products: season })}>
        {t.products}
      </Button>
      <QueueButton intent="import" season={season} label={t.importSeason} />
    </InlineStack>
  );
}

function QueueButton({ intent, season, label }: { intent: string; season?: string; label: string }) {
  const fetcher = useFetcher<typeof action>();
  const t = useWords(WORDS);
  const answer = fetcher.data;
  return (
    <BlockStack gap="100">
      <Button
        variant="primary"
        accessibilityLabel={season ? `${label} ${season}` : label}
        loading={fetcher.state !== "idle"}
        onClick={() => fetcher.submit({ intent, ...(season ? { season } : {}) }, { method: "post" })}
      >
        {label}
      </Button>
      {answer?.ok && "jobId" in answer ? <Link url={`/app/runs/${answer.jobId}`}>{t.queued}</Link> : null}
      {answer && !answer.ok ? (
        <Text as="span" variant="bodySm" tone="critical">
          {answer.message}
        </Text>
      ) : null}
    </BlockStack>
  );
}

function PreviewCard({ preview }: { preview: SeasonPreview }) {
  const t = useWords(WORDS);
  return (
    <SectionCard title={t.previewTitle(preview.season)}>
      <Text as="p">{t.previewCounts(preview.counts, preview.sourceName)}</Text>
      {preview.skipped.length ? (
        <Banner tone="warning" title={t.skipped(preview.skipped.length, preview.sourceName)}>
          <ul>
            {preview.skipped.slice(0, 20).map((s) => (
              <li key={`${s.externalId}-${s.reason}`}>{s.reason}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      <DataTable
        columnContentTypes={["text", "text", "numeric", "text", "text"]}
        headings={[t.reference, t.product, t.variants, t.status, t.why]}
        rows={preview.products.map((p) => [
          p.shopifyProductId ? (
            <Link key={p.key} url={shopifyProductUrl(p.shopifyProductId)} target="_top">
              {p.key}
            </Link>
          ) : (
            p.key
          ),
          p.title,
          p.variants,
          <Badge key={`${p.key}-a`} tone={ACTION_TONES[p.action]}>
            {t.actions[p.action]}
          </Badge>,
          p.reason ?? "",
        ])}
      />
    </SectionCard>
  );
}

function ProductsCard({ products, countedAt }: { products: SeasonProducts; countedAt: (iso: string) => string }) {
  const t = useWords(WORDS);
  return (
    <SectionCard title={t.productsTitle(products.season)}>
      <Text as="p" tone="subdued">
        {products.lastRun
          ? t.lastRun(products.lastRun.finishedAt ? countedAt(products.lastRun.finishedAt) : t.running, products.total)
          : t.neverImported}
      </Text>
      <DataTable
        columnContentTypes={["text", "text", "text"]}
        headings={[t.reference, t.lastImport, t.why]}
        rows={products.products.map((p) => [
          p.productId ? (
            <Link key={p.key} url={shopifyProductUrl(p.productId)} target="_top">
              {p.key}
            </Link>
          ) : (
            p.key
          ),
          <Badge key={`${p.key}-s`} tone={OUTCOME_TONES[p.status]}>
            {t.outcomes[p.status]}
          </Badge>,
          p.reason ?? "",
        ])}
      />
      <ListPager page={products} shown={products.products.length} pageSize={PRODUCTS_PER_PAGE} />
    </SectionCard>
  );
}

/** The image source's files with a problem, latest first: file, reference, when, why (admin's language). */
function ImagesCard({ images, timeZone }: { images: ListPage<ImageProblem>; timeZone: string }) {
  const t = useWords(WORDS);
  const format = useFormat();
  return (
    <SectionCard title={t.imagesTitle}>
      <Text as="p" tone="subdued">
        {t.imagesHelp}
      </Text>
      <DataTable
        columnContentTypes={["text", "text", "text", "text", "text"]}
        headings={[t.file, t.reference, t.when, t.status, t.why]}
        rows={images.items.map((f) => [
          f.name,
          f.reference ?? t.noReference,
          format.dateTime(f.at, timeZone),
          <Badge key={f.id} tone={f.status === "failed" ? "critical" : "attention"}>
            {t.imageStatus[f.status]}
          </Badge>,
          f.reason ?? "",
        ])}
      />
      <ListPager page={images} shown={images.items.length} pageSize={IMAGES_PER_PAGE} prefix={IMAGES_PREFIX} />
    </SectionCard>
  );
}
