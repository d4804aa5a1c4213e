import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, DataTable, Layout, Page, Text } from "@shopify/polaris";
import { PromotionStateBadge } from "../components/PromotionStateBadge";
import { SectionCard } from "../components/SectionCard";
import { usePrice } from "../components/usePrice";
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { formResult, unknownIntent } from "../lib/http.server";
import { endNow, promotionView } from "../promotions/api.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return promotionView(session.shop, params.id ?? "", localeOfRequest(request).locale);
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") !== "end") return unknownIntent();
  return formResult(async () => ({ ok: true as const, ...(await endNow(session.shop, params.id ?? "")) }));
};

const WORDS = defineWords({
  en: {
    subtitle: (off: string, tag: string, lowered: boolean) =>
      `−${off}% · tag ${tag} · ${lowered ? "lowered prices" : "automatic discount"}`,
    back: "Promotions",
    endNow: "End now",
    couldNotStart: "The promotion could not start",
    endToUndo: "End it to undo whatever it had done.",
    when: "When",
    starts: (start: string) => `Starts ${start}`,
    ends: (end: string) => `ends ${end}`,
    noEnd: "no end set",
    counts: (p: { products: number; variants: number; restored: number; changed: number }) =>
      `${p.products} products · ${p.variants} variants · ${p.restored} put back · ${p.changed} changed during the promotion`,
    followOn:
      "Products added to its collections later: included (checked every hour while it runs); products taken out are put back as at the end.",
    followOff: "Products added to its collections later: not included (its products were fixed at the start).",
    variants: "Variants",
    storedAtStart: "Prices are stored when the promotion starts.",
    headings: ["SKU", "Price before", "Compare-at before", "Promotion price", "Compare-at during", "Now"],
    statuses: {
      pending: "Not lowered yet",
      applied: "Lowered",
      restored: "Put back",
      changed: "Changed by someone else: left as it is",
    } as Record<string, string>,
  },
  fr: {
    subtitle: (off: string, tag: string, lowered: boolean) =>
      `−${off} % · tag ${tag} · ${lowered ? "prix baissés" : "réduction automatique"}`,
    back: "Promotions",
    endNow: "Terminer maintenant",
    couldNotStart: "La promotion n'a pas pu démarrer",
    endToUndo: "Terminez-la pour annuler ce qu'elle avait fait.",
    when: "Quand",
    starts: (start: string) => `Début ${start}`,
    ends: (end: string) => `fin ${end}`,
    noEnd: "pas de fin prévue",
    counts: (p: { products: number; variants: number; restored: number; changed: number }) =>
      `${p.products} produit${p.products > 1 ? "s" : ""} · ${p.variants} variante${p.variants > 1 ? "s" : ""} · ${p.restored} remise${p.restored > 1 ? "s" : ""} en place · ${p.changed} modifiée${p.changed > 1 ? "s" : ""} pendant la promotion`,
    followOn:
      "Produits ajoutés plus tard à ses collections : inclus (vérifié toutes les heures pendant la promotion) ; les produits retirés retrouvent leur prix comme à la fin.",
    followOff: "Produits ajoutés plus tard à ses collections : non inclus (ses produits ont été fixés au début).",
    variants: "Variantes",
    storedAtStart: "Les prix sont enregistrés au début de la promotion.",
    headings: ["SKU", "Prix avant", "Prix barré avant", "Prix promotionnel", "Prix barré pendant", "Maintenant"],
    statuses: {
      pending: "Pas encore baissé",
      applied: "Baissé",
      restored: "Remis en place",
      changed: "Modifié par quelqu'un d'autre : laissé tel quel",
    },
  },
});

export default function PromotionDetail() {
  const { promotion: p, timeZone } = useLoaderData<typeof loader>();
  const end = useFetcher<typeof action>();
  const t = useWords(WORDS);
  const price = usePrice();
  const format = useFormat();
  const canEnd = p.state !== "ended";
  const failure = end.data && !end.data.ok ? end.data.message : null;
  return (
    <Page
      title={p.name}
      titleMetadata={<PromotionStateBadge state={p.state} />}
      subtitle={t.subtitle(format.number(p.percentage), p.tag, p.mode === "price")}
      backAction={{ content: t.back, url: "/app/promotions" }}
      primaryAction={
        canEnd
          ? {
              content: t.endNow,
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
            <Banner tone="critical" title={t.couldNotStart}>
              <p>
                {p.error} {t.endToUndo}
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        {failure ? (
          <Layout.Section>
            <Banner tone="critical">{failure}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <SectionCard title={t.when}>
            <Text as="p">
              {t.starts(format.dateTime(p.startsAt, timeZone))} ·{" "}
              {p.endsAt ? t.ends(format.dateTime(p.endsAt, timeZone)) : t.noEnd} ({timeZone})
            </Text>
            <Text as="p" tone="subdued">
              {t.counts(p)}
            </Text>
            {p.collectionIds.length ? (
              <Text as="p" tone="subdued">
                {p.followCollections ? t.followOn : t.followOff}
              </Text>
            ) : null}
          </SectionCard>
        </Layout.Section>
        {p.mode === "price" ? (
          <Layout.Section>
            <SectionCard title={t.variants}>
              {p.items.length === 0 ? (
                <Text as="p" tone="subdued">
                  {t.storedAtStart}
                </Text>
              ) : (
                <DataTable
                  columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "text"]}
                  headings={t.headings}
                  rows={p.items.map((v) => [
                    v.sku ?? v.variantId,
                    price(v.originalPrice),
                    price(v.originalCompareAt),
                    price(v.promoPrice),
                    price(v.promoCompareAt),
                    t.statuses[v.status] ?? v.status,
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
