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
import { ValidationError } from "../lib/errors";
import { formResult, unknownIntent } from "../lib/http.server";
import { deleteTuyoCategoryRule, saveTuyoCategoryRule, tuyoCategoriesScreen } from "../settings/tuyo.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return tuyoCategoriesScreen(session.shop, { refresh: new URL(request.url).searchParams.get("refresh") === "1" });
};

type Answer = { ok: boolean; message: string; fieldErrors: Record<string, string> };

export const action = async ({ request }: ActionFunctionArgs): Promise<Answer> => {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData()) as Record<string, string>;
  return formResult(async (): Promise<Answer> => {
    switch (form.intent) {
      case "save":
        try {
          await saveTuyoCategoryRule(session.shop, form);
          return { ok: true, message: "Mapping saved.", fieldErrors: {} };
        } catch (error) {
          if (error instanceof ValidationError)
            return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
          throw error;
        }
      case "delete":
        await deleteTuyoCategoryRule(session.shop, form);
        return { ok: true, message: "Mapping removed.", fieldErrors: {} };
      default:
        return { ...unknownIntent(), fieldErrors: {} };
    }
  });
};

export default function TuyoCategoriesPage() {
  const { categories, fetchedAt, error, rules, productTypes } = useLoaderData<typeof loader>();
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
  const typeName = (id: number) => productTypes.find((t) => t.id === id)?.name ?? String(id);

  return (
    <Page
      title="Tuyo categories"
      backAction={{ content: "Tuyo", url: "/app/settings/tuyo" }}
      secondaryActions={[{ content: "Refresh Tuyo's categories", url: "/app/tuyo/categories?refresh=1" }]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {error ? <Banner tone="warning">{error}</Banner> : null}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Mappings
                </Text>
                <Text as="p" tone="subdued">
                  {categories.length} Tuyo categories{fetchedAt ? `, read ${new Date(fetchedAt).toLocaleString()}` : ""}
                  . A product&apos;s collection mapping wins over its product type mapping.
                </Text>
                {remove.data ? (
                  <Banner tone={remove.data.ok ? "success" : "critical"}>{remove.data.message}</Banner>
                ) : null}
                <DataTable
                  columnContentTypes={["text", "text", "text", "text", "text"]}
                  headings={["Shopify", "Value", "Tuyo category", "Product type", ""]}
                  rows={rules.map((r) => [
                    r.kind === "collection" ? "Collection" : "Product type",
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
                      Remove
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
                Map
              </Text>
              {save.data ? <Banner tone={save.data.ok ? "success" : "critical"}>{save.data.message}</Banner> : null}
              <Select
                label="Shopify products by"
                options={[
                  { label: "Product type", value: "productType" },
                  { label: "Collection (id)", value: "collection" },
                ]}
                value={rule.kind}
                onChange={set("kind")}
                error={errors.kind}
              />
              <TextField
                label={rule.kind === "collection" ? "Collection id" : "Product type"}
                value={rule.value}
                onChange={set("value")}
                autoComplete="off"
                placeholder={rule.kind === "collection" ? "gid://shopify/Collection/…" : "Shoes"}
                error={errors.value}
              />
              <Select
                label="Tuyo category"
                options={[
                  { label: "Choose…", value: "" },
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
                label="Subcategory"
                options={[
                  { label: "Choose…", value: "" },
                  ...(category?.subcategories ?? []).map((s) => ({ label: s.name, value: String(s.id) })),
                ]}
                value={rule.subcategoryId}
                onChange={set("subcategoryId")}
                error={errors.subcategoryId}
              />
              <Select
                label="Product type"
                options={productTypes.map((t) => ({ label: t.name, value: String(t.id) }))}
                value={rule.productTypeId}
                onChange={set("productTypeId")}
                error={errors.productTypeId}
              />
              <Button
                variant="primary"
                onClick={() => save.submit({ intent: "save", ...rule }, { method: "post" })}
                loading={save.state !== "idle"}
              >
                Save mapping
              </Button>
            </FormLayout>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
