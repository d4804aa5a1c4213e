import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Checkbox,
  DataTable,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Tag,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { SectionCard } from "../components/SectionCard";
import { formResult, unknownIntent } from "../lib/http.server";
import { createOrPreview, promotionsList } from "../promotions/api.server";
import { ROUNDING_WORDS } from "../promotions/pricing";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { timeZone, rounding } = await promotionsList(session.shop);
  return { timeZone, rounding };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "preview" && intent !== "create") return unknownIntent();
  const list = (name: string) => JSON.parse(String(form.get(name) ?? "[]")) as string[];
  const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
  const result = await formResult(async () => ({
    ok: true as const,
    ...(await createOrPreview(session.shop, {
      name: text("name") ?? "",
      percentage: text("percentage") ?? "",
      mode: text("mode"),
      tag: text("tag"),
      productIds: list("productIds"),
      collectionIds: list("collectionIds"),
      followCollections: form.get("followCollections") === "true",
      startsAt: text("startsAt"),
      endsAt: text("endsAt"),
      preview: intent === "preview",
    })),
  }));
  if (result.ok && result.created) throw redirect(`/app/promotions/${result.promotion.id}`);
  return result;
};

interface Picked {
  id: string;
  title: string;
}
type Picker = (options: { type: "product" | "collection"; multiple: boolean }) => Promise<Picked[] | undefined>;

export default function NewPromotion() {
  const { timeZone, rounding } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const [name, setName] = useState("");
  const [percentage, setPercentage] = useState("30");
  const [mode, setMode] = useState("price");
  const [tag, setTag] = useState("");
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const [products, setProducts] = useState<Picked[]>([]);
  const [collections, setCollections] = useState<Picked[]>([]);
  const [followCollections, setFollowCollections] = useState(false);
  const data = fetcher.data;
  const errors = data && !data.ok ? data.fieldErrors : {};
  const preview = data && data.ok && !data.created ? data.preview : null;

  const pick = async (type: "product" | "collection") => {
    const picker = (window as unknown as { shopify?: { resourcePicker?: Picker } }).shopify?.resourcePicker;
    if (!picker) return;
    const selection = await picker({ type, multiple: true });
    if (!selection) return;
    const chosen = selection.map((s) => ({ id: s.id, title: s.title }));
    if (type === "product") setProducts(chosen);
    else setCollections(chosen);
  };
  const submit = (intent: "preview" | "create") =>
    fetcher.submit(
      {
        intent,
        name,
        percentage,
        mode,
        tag,
        startsAt,
        endsAt,
        productIds: JSON.stringify(products.map((p) => p.id)),
        collectionIds: JSON.stringify(collections.map((c) => c.id)),
        followCollections: String(followCollections),
      },
      { method: "post" },
    );
  const busy = fetcher.state !== "idle";

  return (
    <Page title="Create promotion" backAction={{ content: "Promotions", url: "/app/promotions" }}>
      <Layout>
        {data && !data.ok ? (
          <Layout.Section>
            <Banner tone="critical" title="The promotion was not created">
              <p>{data.message}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <SectionCard title="Promotion">
            <FormLayout>
              <TextField label="Name" value={name} onChange={setName} autoComplete="off" error={errors.name} />
              <FormLayout.Group>
                <TextField
                  label="Percentage off"
                  type="number"
                  suffix="%"
                  value={percentage}
                  onChange={setPercentage}
                  autoComplete="off"
                  error={errors.percentage}
                />
                <Select
                  label="Shown as"
                  options={[
                    { label: "Lowered prices with compare-at", value: "price" },
                    { label: "Automatic discount at checkout", value: "discount" },
                  ]}
                  value={mode}
                  onChange={setMode}
                />
                <TextField
                  label="Tag"
                  value={tag}
                  onChange={setTag}
                  autoComplete="off"
                  placeholder={`promo-${percentage || "30"}`}
                  error={errors.tag}
                />
              </FormLayout.Group>
              <FormLayout.Group>
                <TextField
                  label={`Starts (${timeZone})`}
                  type="datetime-local"
                  value={startsAt}
                  onChange={setStartsAt}
                  autoComplete="off"
                  helpText="Empty: now"
                  error={errors.startsAt}
                />
                <TextField
                  label={`Ends (${timeZone})`}
                  type="datetime-local"
                  value={endsAt}
                  onChange={setEndsAt}
                  autoComplete="off"
                  helpText="Empty: until you end it"
                  error={errors.endsAt}
                />
              </FormLayout.Group>
              <BlockStack gap="200">
                <InlineStack gap="200">
                  <Button onClick={() => pick("product")}>Pick products</Button>
                  <Button onClick={() => pick("collection")}>Pick collections</Button>
                </InlineStack>
                <InlineStack gap="100">
                  {[...products, ...collections].map((item) => (
                    <Tag key={item.id}>{item.title}</Tag>
                  ))}
                </InlineStack>
                {errors.productIds || errors.collectionIds ? (
                  <Text as="p" tone="critical">
                    {errors.productIds ?? errors.collectionIds}
                  </Text>
                ) : null}
              </BlockStack>
              <Checkbox
                label="Include products added to its collections later"
                helpText="Checked every hour while it runs: new products get the promotion, products taken out get their prices back."
                checked={followCollections}
                onChange={setFollowCollections}
                error={errors.followCollections}
              />
              <Text as="p" tone="subdued" variant="bodySm">
                Rounding: {ROUNDING_WORDS[rounding]}.
              </Text>
              <InlineStack gap="200">
                <Button onClick={() => submit("preview")} loading={busy}>
                  Preview
                </Button>
                <Button variant="primary" onClick={() => submit("create")} disabled={!preview} loading={busy}>
                  Create promotion
                </Button>
              </InlineStack>
            </FormLayout>
          </SectionCard>
        </Layout.Section>
        {preview ? (
          <Layout.Section>
            <SectionCard title="Preview">
              <Text as="p">
                {preview.products} products, {preview.variants} variants
                {preview.collections.length
                  ? ` (collections: ${preview.collections.map((c) => `${c.title}, ${c.products} products`).join("; ")})`
                  : ""}
                . Nothing is written before you create the promotion.
              </Text>
              {preview.overlaps.length ? (
                <Banner tone="warning" title="Overlaps another promotion">
                  {preview.overlaps.map((o) => (
                    <p key={o.promotionId}>
                      {o.name} ({o.tag}): {o.variants.map((v) => v.sku ?? v.variantId).join(", ")}
                    </p>
                  ))}
                </Banner>
              ) : null}
              <DataTable
                columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
                headings={["SKU", "Price now", "Compare-at now", "New price", "New compare-at"]}
                rows={preview.sample.map((v) => [
                  v.sku ?? v.variantId,
                  v.price,
                  v.compareAtPrice ?? "—",
                  v.newPrice,
                  v.newCompareAt ?? "—",
                ])}
              />
            </SectionCard>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
