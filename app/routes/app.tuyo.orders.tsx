import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  FormLayout,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { ListPager } from "../components/ListPager";
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useWords } from "../i18n/words";
import { formResult, unknownIntent } from "../lib/http.server";
import { pageRequestFrom } from "../lib/keyset.server";
import { recordTuyoOrder, saleItemsFromText, tuyoOrdersScreen } from "../settings/tuyo.server";
import { authenticate } from "../shopify.server";

/** Sales on a page of the list. */
const ORDERS_PER_PAGE = 50;

const WORDS = defineWords({
  en: {
    title: "Tuyo orders",
    sales: "Sales made on Tuyo",
    // Tuyo's own statuses (Empaque, Ruta, Cancelada, Pendiente) are its words: kept as Tuyo shows them.
    explain:
      "Each one is a Shopify order tagged “tuyo”. Its progress there is sent to Tuyo: being prepared → Empaque, fulfilled → Ruta, cancelled → Cancelada.",
    headings: ["Tuyo order", "Items", "Shopify order", "Status on Tuyo"],
    inShopify: "in Shopify",
    notInShopify: "not in Shopify yet",
    record: "Record a Tuyo order",
    code: "Tuyo order code",
    items: "Items",
    itemsHelp: "One per line: the SKU listed on Tuyo, then the quantity (e.g. ZAP-01-N 2).",
    recordInShopify: "Record in Shopify",
    recorded: (code: string, name: string | null) =>
      `Tuyo order ${code} recorded${name ? ` as Shopify order ${name}` : ""}.`,
  },
  fr: {
    title: "Commandes Tuyo",
    sales: "Ventes réalisées sur Tuyo",
    explain:
      "Chacune est une commande Shopify avec la balise « tuyo ». Son avancement y est envoyé à Tuyo : en préparation → « Empaque », traitée → « Ruta », annulée → « Cancelada ».",
    headings: ["Commande Tuyo", "Articles", "Commande Shopify", "Statut sur Tuyo"],
    inShopify: "dans Shopify",
    notInShopify: "pas encore dans Shopify",
    record: "Enregistrer une commande Tuyo",
    code: "Code de la commande Tuyo",
    items: "Articles",
    itemsHelp: "Un par ligne : le SKU publié sur Tuyo, puis la quantité (par ex. ZAP-01-N 2).",
    recordInShopify: "Enregistrer dans Shopify",
    recorded: (code: string, name: string | null) =>
      `Commande Tuyo ${code} enregistrée${name ? ` comme commande Shopify ${name}` : ""}.`,
  },
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const place = { ...pageRequestFrom(new URL(request.url).searchParams), limit: ORDERS_PER_PAGE };
  return tuyoOrdersScreen(session.shop, place);
};

type Answer = { ok: boolean; message: string; fieldErrors?: Record<string, string> };

export const action = async ({ request }: ActionFunctionArgs): Promise<Answer> => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const form = Object.fromEntries(await request.formData()) as Record<string, string>;
  return formResult(async (): Promise<Answer> => {
    if (form.intent !== "record") return unknownIntent();
    const sale = await recordTuyoOrder(
      session.shop,
      { code: form.code, items: saleItemsFromText(form.items ?? "") },
      locale,
    );
    return { ok: true, message: WORDS[locale].recorded(sale.code, sale.shopifyOrderName) };
  });
};

export default function TuyoOrdersPage() {
  const { orders, total, next, previous } = useLoaderData<typeof loader>();
  const record = useFetcher<typeof action>();
  const t = useWords(WORDS);
  const [code, setCode] = useState("");
  const [items, setItems] = useState("");
  const errors = record.data && !record.data.ok ? (record.data.fieldErrors ?? {}) : {};
  const itemErrors = Object.entries(errors)
    .filter(([field]) => field.startsWith("items"))
    .map(([, message]) => message)
    .join(" ");
  return (
    <Page title={t.title} backAction={{ content: "Tuyo", url: "/app/settings/tuyo" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t.sales}
              </Text>
              <Text as="p" tone="subdued">
                {t.explain}
              </Text>
              <DataTable
                columnContentTypes={["text", "text", "text", "text"]}
                headings={t.headings}
                rows={orders.map((o) => [
                  o.code,
                  o.items.map((i) => `${i.sku} × ${i.quantity}`).join(", "),
                  o.shopifyOrderName ?? (o.shopifyOrderId ? t.inShopify : t.notInShopify),
                  <Badge key={o.code} tone={o.reportedStatus === "Cancelada" ? "critical" : undefined}>
                    {o.reportedStatus ?? "Pendiente"}
                  </Badge>,
                ])}
              />
              <ListPager page={{ total, next, previous }} shown={orders.length} pageSize={ORDERS_PER_PAGE} />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <FormLayout>
              <Text as="h2" variant="headingMd">
                {t.record}
              </Text>
              {record.data ? (
                <Banner tone={record.data.ok ? "success" : "critical"}>{record.data.message}</Banner>
              ) : null}
              <TextField label={t.code} value={code} onChange={setCode} autoComplete="off" error={errors.code} />
              <TextField
                label={t.items}
                helpText={t.itemsHelp}
                value={items}
                onChange={setItems}
                multiline={4}
                autoComplete="off"
                error={itemErrors || undefined}
              />
              <Button
                variant="primary"
                loading={record.state !== "idle"}
                onClick={() => record.submit({ intent: "record", code, items }, { method: "post" })}
              >
                {t.recordInShopify}
              </Button>
            </FormLayout>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
