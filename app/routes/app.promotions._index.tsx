import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DataTable, Layout, Link, Page, Text } from "@shopify/polaris";
import { PromotionStateBadge } from "../components/PromotionStateBadge";
import { SectionCard } from "../components/SectionCard";
import { formatDateTime } from "../lib/format";
import { promotionsList } from "../promotions/api.server";
import { ROUNDING_WORDS } from "../promotions/pricing";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return promotionsList(session.shop);
};

export default function Promotions() {
  const { promotions, timeZone, rounding } = useLoaderData<typeof loader>();
  const when = (value: string | null) => (value ? formatDateTime(value, timeZone) : "—");
  return (
    <Page
      title="Promotions"
      subtitle={`Percentage promotions on products and collections · times in ${timeZone}`}
      primaryAction={{ content: "Create promotion", url: "/app/promotions/new" }}
    >
      <Layout>
        <Layout.Section>
          <SectionCard title="All promotions">
            {promotions.length === 0 ? (
              <Text as="p" tone="subdued">
                No promotion yet.
              </Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "numeric", "numeric", "text", "text"]}
                headings={["Promotion", "State", "Shown as", "Products", "Variants", "Starts", "Ends"]}
                rows={promotions.map((p) => [
                  <Link key={p.id} url={`/app/promotions/${p.id}`}>
                    {`${p.name} · −${p.percentage}% · ${p.tag}`}
                  </Link>,
                  <PromotionStateBadge key={`${p.id}-s`} state={p.state} />,
                  p.mode === "price" ? "Lowered prices" : "Automatic discount",
                  p.products,
                  p.mode === "price" ? p.variants : "—",
                  when(p.startsAt),
                  when(p.endsAt),
                ])}
              />
            )}
            <Text as="p" tone="subdued" variant="bodySm">
              Rounding of promotion prices: {ROUNDING_WORDS[rounding]}.
            </Text>
          </SectionCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
