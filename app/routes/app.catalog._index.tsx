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
import { SectionCard } from "../components/SectionCard";
import { NotConfiguredError } from "../lib/errors";
import { formResult, unknownIntent } from "../lib/http.server";
import { authenticate } from "../shopify.server";
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

type LoaderData =
  | { setup: { message: string; url: string } }
  | { overview: CatalogOverview; preview: SeasonPreview | null; products: SeasonProducts | null };

export const loader = async ({ request }: LoaderFunctionArgs): Promise<LoaderData> => {
  const { session } = await authenticate.admin(request);
  const query = new URL(request.url).searchParams;
  const season = query.get("preview");
  // ?products=<season>&page=<n>: each product of the season with what its last import did to it.
  const productsOf = query.get("products");
  try {
    const [overview, preview, products] = await Promise.all([
      catalogOverview(session.shop),
      season ? previewSeason(session.shop, season) : null,
      productsOf ? seasonProducts(session.shop, productsOf, Number(query.get("page") ?? 1)) : null,
    ]);
    return { overview, preview, products };
  } catch (error) {
    if (error instanceof NotConfiguredError) return { setup: { message: error.message, url: error.setupUrl } };
    throw error;
  }
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "import")
    return formResult(async () => ({
      ok: true as const,
      ...(await queueSeasonImport(session.shop, String(form.get("season") ?? ""))),
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

const ACTION_WORDS: Record<PlannedAction, { label: string; tone?: "success" | "info" | "critical" | "attention" }> = {
  create: { label: "Would be created (draft)", tone: "info" },
  update: { label: "Would be updated", tone: "attention" },
  unchanged: { label: "Up to date", tone: "success" },
  refused: { label: "Refused", tone: "critical" },
  gone: { label: "No longer in the season" },
};

// In UTC, so the server's and the browser's renderings agree.
const countedAt = (iso: string) =>
  `${new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" })} UTC`;

const shopifyProductUrl = (gid: string) => `shopify://admin/products/${gid.split("/").pop()}`;

export default function Catalog() {
  const data = useLoaderData<typeof loader>() as LoaderData;
  if ("setup" in data)
    return (
      <Page title="Catalog">
        <Banner tone="warning" title="No catalog source yet" action={{ content: "Set it up", url: data.setup.url }}>
          <p>{data.setup.message}</p>
        </Banner>
      </Page>
    );
  const { overview, preview, products } = data;
  return (
    <Page
      title="Catalog"
      subtitle={`Products by season from ${overview.sourceName}, identified in Shopify by ${overview.idMetafield}`}
      secondaryActions={[{ content: "Schedule and past runs", url: "/app/syncs/catalog.season" }]}
    >
      <Layout>
        <Layout.Section>
          <SectionCard title="Seasons">
            <DataTable
              columnContentTypes={["text", "numeric", "numeric", "numeric", "text", "text"]}
              headings={[
                "Season",
                `In ${overview.sourceName}`,
                "In Shopify",
                "Changed since last sync",
                "Nightly import",
                "",
              ]}
              rows={overview.seasons.map((s) => [
                s.name,
                s.inSource ?? "—",
                s.inShopify,
                s.changed === null || !s.changedCountedAt
                  ? "— (preview to count)"
                  : `${s.changed} (${countedAt(s.changedCountedAt)})`,
                s.scheduled ? "Yes" : "No",
                <SeasonActions key={s.key} season={s.key} />,
              ])}
            />
            <Text as="p" tone="subdued" variant="bodySm">
              The nightly import takes the seasons chosen in {overview.sourceName}'s settings ("Seasons to import");
              none chosen means every season. "Changed since last sync" is counted by each import and preview of the
              season, at the time shown.
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
            <ProductsCard products={products} />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <ArchiveSetting archiveGone={overview.settings.archiveGone} sourceName={overview.sourceName} />
        </Layout.Section>
        <Layout.Section>
          <SectionCard title="First import">
            <Text as="p">
              Products created in Shopify before this import: find those matching {overview.sourceName}'s products by
              SKU, then barcode, and mark them so the import updates them instead of creating new ones. Conflicts are
              listed on the run, never guessed.
            </Text>
            <QueueButton intent="link-existing" label="Link existing products" />
          </SectionCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function ArchiveSetting({ archiveGone, sourceName }: { archiveGone: boolean; sourceName: string }) {
  const fetcher = useFetcher<typeof action>();
  const [checked, setChecked] = useState(archiveGone);
  const answer = fetcher.data;
  return (
    <SectionCard title="Products no longer in their season">
      <BlockStack gap="200">
        <Checkbox
          label="Archive them in Shopify"
          helpText={`On every import, the nightly one too: a product whose every variant left its season in ${sourceName} is archived. Off: it is only reported on the run. Variants ${sourceName} no longer lists are always kept.`}
          checked={checked}
          onChange={setChecked}
        />
        <InlineStack gap="200" blockAlign="center">
          <Button
            loading={fetcher.state !== "idle"}
            onClick={() => fetcher.submit({ intent: "settings", archiveGone: String(checked) }, { method: "post" })}
          >
            Save
          </Button>
          {answer?.ok && "settings" in answer ? (
            <Text as="span" tone="success">
              Saved.
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
  return (
    <InlineStack gap="200" blockAlign="center">
      <Button accessibilityLabel={`Preview ${season}`} onClick={() => setSearchParams({ preview: season })}>
        Preview
      </Button>
      <Button accessibilityLabel={`Products of ${season}`} onClick={() => setSearchParams({ products: season })}>
        Products
      </Button>
      <QueueButton intent="import" season={season} label="Import season" />
    </InlineStack>
  );
}

function QueueButton({ intent, season, label }: { intent: string; season?: string; label: string }) {
  const fetcher = useFetcher<typeof action>();
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
      {answer?.ok && "jobId" in answer ? <Link url={`/app/runs/${answer.jobId}`}>Queued: watch its run</Link> : null}
      {answer && !answer.ok ? (
        <Text as="span" variant="bodySm" tone="critical">
          {answer.message}
        </Text>
      ) : null}
    </BlockStack>
  );
}

function PreviewCard({ preview }: { preview: SeasonPreview }) {
  const c = preview.counts;
  return (
    <SectionCard title={`Preview of season ${preview.season} (nothing written)`}>
      <Text as="p">
        {c.products} products ({c.variants} variants) in {preview.sourceName}: {c.created} would be created as drafts,{" "}
        {c.updated} updated, {c.unchanged} are up to date, {c.refused} refused
        {c.goneProducts ? `, ${c.goneProducts} no longer in the season` : ""}
        {c.goneVariants ? `; ${c.goneVariants} variants gone from ${preview.sourceName} are kept in Shopify` : ""}.
      </Text>
      {preview.skipped.length ? (
        <Banner tone="warning" title={`${preview.skipped.length} row(s) of ${preview.sourceName} were skipped`}>
          <ul>
            {preview.skipped.slice(0, 20).map((s) => (
              <li key={`${s.externalId}-${s.reason}`}>{s.reason}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      <DataTable
        columnContentTypes={["text", "text", "numeric", "text", "text"]}
        headings={["Reference", "Product", "Variants", "Status", "Why"]}
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
          <Badge key={`${p.key}-a`} tone={ACTION_WORDS[p.action].tone}>
            {ACTION_WORDS[p.action].label}
          </Badge>,
          p.reason ?? "",
        ])}
      />
    </SectionCard>
  );
}

const OUTCOME_WORDS: Record<ProductOutcome, { label: string; tone?: "success" | "info" | "critical" }> = {
  created: { label: "Created", tone: "success" },
  updated: { label: "Updated", tone: "info" },
  unchanged: { label: "Unchanged" },
  skipped: { label: "Skipped", tone: "critical" },
  linked: { label: "Linked, not imported yet" },
};

function ProductsCard({ products }: { products: SeasonProducts }) {
  const [, setSearchParams] = useSearchParams();
  const go = (page: number) => setSearchParams({ products: products.season, page: String(page) });
  return (
    <SectionCard title={`Products of season ${products.season}`}>
      <Text as="p" tone="subdued">
        {products.lastRun
          ? `What the last import (${products.lastRun.finishedAt ? countedAt(products.lastRun.finishedAt) : "running"}) did to each of its ${products.total} products.`
          : "This season was never imported: the products below were only linked by the first import."}
      </Text>
      <DataTable
        columnContentTypes={["text", "text", "text"]}
        headings={["Reference", "Last import", "Why"]}
        rows={products.products.map((p) => [
          p.productId ? (
            <Link key={p.key} url={shopifyProductUrl(p.productId)} target="_top">
              {p.key}
            </Link>
          ) : (
            p.key
          ),
          <Badge key={`${p.key}-s`} tone={OUTCOME_WORDS[p.status].tone}>
            {OUTCOME_WORDS[p.status].label}
          </Badge>,
          p.reason ?? "",
        ])}
      />
      <InlineStack gap="200" blockAlign="center">
        <Button disabled={products.page <= 1} onClick={() => go(products.page - 1)}>
          Previous
        </Button>
        <Text as="span">
          Page {products.page} of {products.pages}
        </Text>
        <Button disabled={products.page >= products.pages} onClick={() => go(products.page + 1)}>
          Next
        </Button>
      </InlineStack>
    </SectionCard>
  );
}
