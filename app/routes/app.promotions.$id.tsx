import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, DataTable, Layout, Page, Text } from "@shopify/polaris";
import { PromotionStateBadge } from "../components/PromotionStateBadge";
import { SectionCard } from "../components/SectionCard";
import { formatDateTime } from "../lib/format";
import { formResult, unknownIntent } from "../lib/http.server";
import { endNow, promotionView } from "../promotions/api.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return promotionView(session.shop, params.id ?? "");
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") !== "end") return unknownIntent();
  return formResult(async () => ({ ok: true as const, ...(await endNow(session.shop, params.id ?? "")) }));
};

const STATUS_WORDS: Record<string, string> = {
  pending: "Not lowered yet",
  applied: "Lowered",
  restored: "Put back",
  changed: "Changed by someone else: left as it is",
};

export default function PromotionDetail() {
  const { promotion: p, timeZone } = useLoaderData<typeof loader>();
  const end = useFetcher<typeof action>();
  const canEnd = p.state !== "ended";
  const failure = end.data && !end.data.ok ? end.data.message : null;
  return (
    <Page
      title={p.name}
      titleMetadata={<PromotionStateBadge state={p.state} />}
      subtitle={`−${p.percentage}% · tag ${p.tag} · ${p.mode === "price" ? "lowered prices" : "automatic discount"}`}
      backAction={{ content: "Promotions", url: "/app/promotions" }}
      primaryAction={
        canEnd
          ? {
              content: "End now",
              destructive: true,
              loading: end.state !== "idle",
              onAction: () => end.submit({ intent: "end" }, { method: "post" }),
            }
          : undefined
      }
    >
      <Layout>
        {p.error ? (
          <Layout.Section>
            <Banner tone="critical" title="The promotion could not start">
              <p>{p.error} End it to undo whatever it had done.</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {failure ? (
          <Layout.Section>
            <Banner tone="critical">{failure}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <SectionCard title="When">
            <Text as="p">
              Starts {formatDateTime(p.startsAt, timeZone)} ·{" "}
              {p.endsAt ? `ends ${formatDateTime(p.endsAt, timeZone)}` : "no end set"} ({timeZone})
            </Text>
            <Text as="p" tone="subdued">
              {p.products} products · {p.variants} variants · {p.restored} put back · {p.changed} changed during the
              promotion
            </Text>
            {p.collectionIds.length ? (
              <Text as="p" tone="subdued">
                {p.followCollections
                  ? "Products added to its collections later: included (checked every hour while it runs); products taken out are put back as at the end."
                  : "Products added to its collections later: not included (its products were fixed at the start)."}
              </Text>
            ) : null}
          </SectionCard>
        </Layout.Section>
        {p.mode === "price" ? (
          <Layout.Section>
            <SectionCard title="Variants">
              {p.items.length === 0 ? (
                <Text as="p" tone="subdued">
                  Prices are stored when the promotion starts.
                </Text>
              ) : (
                <DataTable
                  columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "text"]}
                  headings={["SKU", "Price before", "Compare-at before", "Promotion price", "Compare-at during", "Now"]}
                  rows={p.items.map((v) => [
                    v.sku ?? v.variantId,
                    v.originalPrice,
                    v.originalCompareAt ?? "—",
                    v.promoPrice,
                    v.promoCompareAt ?? "—",
                    STATUS_WORDS[v.status] ?? v.status,
                  ])}
                />
              )}
            </SectionCard>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
