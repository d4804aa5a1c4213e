import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DataTable, Layout, Link, Page, Text } from "@shopify/polaris";
import { ListPager } from "../components/ListPager";
import { PromotionStateBadge } from "../components/PromotionStateBadge";
import { SectionCard } from "../components/SectionCard";
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { pageRequestFrom } from "../lib/keyset.server";
import { promotionsList } from "../promotions/api.server";
import { ROUNDING_LABELS } from "../promotions/pricing";
import { authenticate } from "../shopify.server";

/** Promotions on a page of the list. */
const PROMOTIONS_PER_PAGE = 50;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const place = pageRequestFrom(new URL(request.url).searchParams);
  return promotionsList(session.shop, localeOfRequest(request).locale, { ...place, limit: PROMOTIONS_PER_PAGE });
};

const WORDS = defineWords({
  en: {
    title: "Promotions",
    subtitle: (timeZone: string) => `Percentage promotions on products and collections · times in ${timeZone}`,
    create: "Create promotion",
    all: "All promotions",
    none: "No promotion yet.",
    headings: ["Promotion", "State", "Shown as", "Products", "Variants", "Starts", "Ends"],
    lowered: "Lowered prices",
    discount: "Automatic discount",
    rounding: (rule: string) => `Rounding of promotion prices: ${rule}.`,
    off: (percentage: string) => `−${percentage}%`,
  },
  fr: {
    title: "Promotions",
    subtitle: (timeZone: string) =>
      `Promotions en pourcentage sur des produits et des collections · heures en ${timeZone}`,
    create: "Créer une promotion",
    all: "Toutes les promotions",
    none: "Aucune promotion pour l'instant.",
    headings: ["Promotion", "État", "Affichée comme", "Produits", "Variantes", "Début", "Fin"],
    lowered: "Prix baissés",
    discount: "Réduction automatique",
    rounding: (rule: string) => `Arrondi des prix promotionnels : ${rule}.`,
    off: (percentage: string) => `−${percentage} %`,
  },
});

export default function Promotions() {
  const { promotions, total, next, previous, timeZone, rounding } = useLoaderData<typeof loader>();
  const t = useWords(WORDS);
  const roundingWords = useWords(ROUNDING_LABELS);
  const format = useFormat();
  const when = (value: string | null) => (value ? format.dateTime(value, timeZone) : "—");
  return (
    <Page
      title={t.title}
      subtitle={t.subtitle(timeZone)}
      primaryAction={{ content: t.create, url: "/app/promotions/new" }}
    >
      <Layout>
        <Layout.Section>
          <SectionCard title={t.all}>
            {promotions.length === 0 ? (
              <Text as="p" tone="subdued">
                {t.none}
              </Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "numeric", "numeric", "text", "text"]}
                headings={t.headings}
                rows={promotions.map((p) => [
                  <Link key={p.id} url={`/app/promotions/${p.id}`}>
                    {`${p.name} · ${t.off(format.number(p.percentage))} · ${p.tag}`}
                  </Link>,
                  <PromotionStateBadge key={`${p.id}-s`} state={p.state} />,
                  p.mode === "price" ? t.lowered : t.discount,
                  format.number(p.products),
                  p.mode === "price" ? format.number(p.variants) : "—",
                  when(p.startsAt),
                  when(p.endsAt),
                ])}
              />
            )}
            <ListPager page={{ total, next, previous }} shown={promotions.length} pageSize={PROMOTIONS_PER_PAGE} />
            <Text as="p" tone="subdued" variant="bodySm">
              {t.rounding(roundingWords[rounding])}
            </Text>
          </SectionCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
