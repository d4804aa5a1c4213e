import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  FormLayout,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { ValidationError } from "../lib/errors";
import { formResult, unknownIntent } from "../lib/http.server";
import { deleteTuyoCategoryRule, saveTuyoCategoryRule, tuyoCategoriesScreen } from "../settings/tuyo.server";
import { authenticate } from "../shopify.server";

const WORDS = defineWords({
  en: {
    title: "Tuyo categories",
    refresh: "Refresh Tuyo's categories",
    mappings: "Mappings",
    count: (n: number, count: string) => `${count} Tuyo categories`,
    read: (when: string) => `, read ${when}`,
    collectionWins: ". A product's collection mapping wins over its product type mapping.",
    value: "Value",
    tuyoCategory: "Tuyo category",
    productType: "Product type",
    collection: "Collection",
    remove: "Remove",
    map: "Map",
    productsBy: "Shopify products by",
    collectionById: "Collection (id)",
    collectionId: "Collection id",
    productTypeExample: "Shoes",
    choose: "Choose…",
    subcategory: "Subcategory",
    saveMapping: "Save mapping",
    saved: "Mapping saved.",
    removed: "Mapping removed.",
    tuyoTypes: { 1: "Retail", 2: "Food", 4: "Pharmacy" } as Record<number, string>,
  },
  fr: {
    title: "Catégories Tuyo",
    refresh: "Actualiser les catégories de Tuyo",
    mappings: "Correspondances",
    count: (n: number, count: string) => `${count} catégorie${n > 1 ? "s" : ""} Tuyo`,
    read: (when: string) => `, lues le ${when}`,
    collectionWins: ". La correspondance par collection d'un produit l'emporte sur celle par type de produit.",
    value: "Valeur",
    tuyoCategory: "Catégorie Tuyo",
    productType: "Type de produit",
    collection: "Collection",
    remove: "Supprimer",
    map: "Associer",
    productsBy: "Produits Shopify par",
    collectionById: "Collection (identifiant)",
    collectionId: "Identifiant de collection",
    productTypeExample: "Chaussures",
    choose: "Choisir…",
    subcategory: "Sous-catégorie",
    saveMapping: "Enregistrer la correspondance",
    saved: "Correspondance enregistrée.",
    removed: "Correspondance supprimée.",
    tuyoTypes: { 1: "Commerce de détail", 2: "Alimentation", 4: "Pharmacie" },
  },
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return tuyoCategoriesScreen(session.shop, {
    refresh: new URL(request.url).searchParams.get("refresh") === "1",
    locale: localeOfRequest(request).locale,
  });
};

type Answer = { ok: boolean; message: string; fieldErrors: Record<string, string> };

export const action = async ({ request }: ActionFunctionArgs): Promise<Answer> => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const form = Object.fromEntries(await request.formData()) as Record<string, string>;
  return formResult(async (): Promise<Answer> => {
    switch (form.intent) {
      case "save":
        try {
          await saveTuyoCategoryRule(session.shop, form, locale);
          return { ok: true, message: WORDS[locale].saved, fieldErrors: {} };
        } catch (error) {
          if (error instanceof ValidationError)
            return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
          throw error;
        }
      case "delete":
        await deleteTuyoCategoryRule(session.shop, form, locale);
        return { ok: true, message: WORDS[locale].removed, fieldErrors: {} };
      default:
        return { ...unknownIntent(), fieldErrors: {} };
    }
  });
};

export default function TuyoCategoriesPage() {
  const { categories, fetchedAt, error, rules, productTypes, timeZone } = useLoaderData<typeof loader>();
  const t = useWords(WORDS);
  const format = useFormat();
  const save = useFetcher<typeof action>();
  const remove = useFetcher<typeof action>();
  const [rule, setRule] = useState({
    kind: "productType",
    value: "",
    categoryId: "",
    subcategoryId: "",
    productTypeId: "1",
  });
  const set = (name: keyof typeof rule) => (value: string) => setRule((r) => ({ ...r, [name]: value }));
  const errors = save.data && !save.data.ok ? save.data.fieldErrors : {};
  const category = categories.find((c) => String(c.id) === rule.categoryId);
  const nameOf = (categoryId: number, subcategoryId: number) => {
    const c = categories.find((x) => x.id === categoryId);
    const s = c?.subcategories.find((x) => x.id === subcategoryId);
    return `${c?.name ?? `#${categoryId}`} › ${s?.name ?? `#${subcategoryId}`}`;
  };
  const typeName = (id: number) => t.tuyoTypes[id] ?? productTypes.find((p) => p.id === id)?.name ?? String(id);

  return (
    <Page
      title={t.title}
      backAction={{ content: "Tuyo", url: "/app/settings/tuyo" }}
      secondaryActions={[{ content: t.refresh, url: "/app/tuyo/categories?refresh=1" }]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {error ? <Banner tone="warning">{error}</Banner> : null}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t.mappings}
                </Text>
                <Text as="p" tone="subdued">
                  {t.count(categories.length, format.number(categories.length))}
                  {fetchedAt ? t.read(format.dateTime(fetchedAt, timeZone)) : ""}
                  {t.collectionWins}
                </Text>
                {remove.data ? (
                  <Banner tone={remove.data.ok ? "success" : "critical"}>{remove.data.message}</Banner>
                ) : null}
                <DataTable
                  columnContentTypes={["text", "text", "text", "text", "text"]}
                  headings={["Shopify", t.value, t.tuyoCategory, t.productType, ""]}
                  rows={rules.map((r) => [
                    r.kind === "collection" ? t.collection : t.productType,
                    r.value,
                    nameOf(r.categoryId, r.subcategoryId),
                    typeName(r.productTypeId),
                    <Button
                      key={`${r.kind}:${r.value}`}
                      variant="plain"
                      tone="critical"
                      onClick={() =>
                        remove.submit({ intent: "delete", kind: r.kind, value: r.value }, { method: "post" })
                      }
                    >
                      {t.remove}
                    </Button>,
                  ])}
                />
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <FormLayout>
              <Text as="h2" variant="headingMd">
                {t.map}
              </Text>
              {save.data ? <Banner tone={save.data.ok ? "success" : "critical"}>{save.data.message}</Banner> : null}
              <Select
                label={t.productsBy}
                options={[
                  { label: t.productType, value: "productType" },
                  { label: t.collectionById, value: "collection" },
                ]}
                value={rule.kind}
                onChange={set("kind")}
                error={errors.kind}
              />
              <TextField
                label={rule.kind === "collection" ? t.collectionId : t.productType}
                value={rule.value}
                onChange={set("value")}
                autoComplete="off"
                placeholder={rule.kind === "collection" ? "gid://shopify/Collection/…" : t.productTypeExample}
                error={errors.value}
              />
              <Select
                label={t.tuyoCategory}
                options={[
                  { label: t.choose, value: "" },
                  ...categories.map((c) => ({ label: c.name, value: String(c.id) })),
                ]}
                value={rule.categoryId}
                onChange={(value) => {
                  const picked = categories.find((c) => String(c.id) === value);
                  setRule((r) => ({
                    ...r,
                    categoryId: value,
                    subcategoryId: "",
                    productTypeId: picked ? String(picked.productTypeId) : r.productTypeId,
                  }));
                }}
                error={errors.categoryId}
              />
              <Select
                label={t.subcategory}
                options={[
                  { label: t.choose, value: "" },
                  ...(category?.subcategories ?? []).map((s) => ({ label: s.name, value: String(s.id) })),
                ]}
                value={rule.subcategoryId}
                onChange={set("subcategoryId")}
                error={errors.subcategoryId}
              />
              <Select
                label={t.productType}
                options={productTypes.map((p) => ({ label: typeName(p.id), value: String(p.id) }))}
                value={rule.productTypeId}
                onChange={set("productTypeId")}
                error={errors.productTypeId}
              />
              <Button
                variant="primary"
                onClick={() => save.submit({ intent: "save", ...rule }, { method: "post" })}
                loading={save.state !== "idle"}
              >
                {t.saveMapping}
              </Button>
            </FormLayout>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
