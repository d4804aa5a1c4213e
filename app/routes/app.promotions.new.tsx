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
import { usePrice } from "../components/usePrice";
import { defineWords, useWords } from "../i18n/words";
import { localeOfRequest } from "../i18n/locale";
import { formResult, unknownIntent } from "../lib/http.server";
import { createOrPreview, promotionsList } from "../promotions/api.server";
import { ROUNDING_LABELS } from "../promotions/pricing";
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
  const { locale } = localeOfRequest(request);
  const result = await formResult(async () => ({
    ok: true as const,
    ...(await createOrPreview(
      session.shop,
      {
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
      },
      locale,
    )),
  }));
  if (result.ok && result.created) throw redirect(`/app/promotions/${result.promotion.id}`);
  return result;
};

const WORDS = defineWords({
  en: {
    title: "Create promotion",
    back: "Promotions",
    notCreated: "The promotion was not created",
    promotion: "Promotion",
    name: "Name",
    percentage: "Percentage off",
    shownAs: "Shown as",
    loweredPrices: "Lowered prices with compare-at",
    automaticDiscount: "Automatic discount at checkout",
    tag: "Tag",
    starts: (timeZone: string) => `Starts (${timeZone})`,
    ends: (timeZone: string) => `Ends (${timeZone})`,
    emptyNow: "Empty: now",
    emptyUntil: "Empty: until you end it",
    pickProducts: "Pick products",
    pickCollections: "Pick collections",
    follow: "Include products added to its collections later",
    followHelp:
      "Checked every hour while it runs: new products get the promotion, products taken out get their prices back.",
    rounding: (rule: string) => `Rounding: ${rule}.`,
    preview: "Preview",
    create: "Create promotion",
    previewText: (products: number, variants: number, collections: { title: string; products: number }[]) =>
      `${products} products, ${variants} variants` +
      (collections.length
        ? ` (collections: ${collections.map((c) => `${c.title}, ${c.products} products`).join("; ")})`
        : "") +
      ". Nothing is written before you create the promotion.",
    overlaps: "Overlaps another promotion",
    headings: ["SKU", "Price now", "Compare-at now", "New price", "New compare-at"],
  },
  fr: {
    title: "Créer une promotion",
    back: "Promotions",
    notCreated: "La promotion n'a pas été créée",
    promotion: "Promotion",
    name: "Nom",
    percentage: "Pourcentage de réduction",
    shownAs: "Affichée comme",
    loweredPrices: "Prix baissés avec prix barré",
    automaticDiscount: "Réduction automatique au paiement",
    tag: "Tag",
    starts: (timeZone: string) => `Début (${timeZone})`,
    ends: (timeZone: string) => `Fin (${timeZone})`,
    emptyNow: "Vide : maintenant",
    emptyUntil: "Vide : jusqu'à ce que vous y mettiez fin",
    pickProducts: "Choisir des produits",
    pickCollections: "Choisir des collections",
    follow: "Inclure les produits ajoutés plus tard à ses collections",
    followHelp:
      "Vérifié toutes les heures pendant la promotion : les nouveaux produits reçoivent la promotion, les produits retirés retrouvent leur prix.",
    rounding: (rule: string) => `Arrondi : ${rule}.`,
    preview: "Prévisualiser",
    create: "Créer la promotion",
    previewText: (products: number, variants: number, collections: { title: string; products: number }[]) =>
      `${products} produit${products > 1 ? "s" : ""}, ${variants} variante${variants > 1 ? "s" : ""}` +
      (collections.length
        ? ` (collections : ${collections.map((c) => `${c.title}, ${c.products} produit${c.products > 1 ? "s" : ""}`).join(" ; ")})`
        : "") +
      ". Rien n'est écrit avant que vous ne créiez la promotion.",
    overlaps: "Chevauche une autre promotion",
    headings: ["SKU", "Prix actuel", "Prix barré actuel", "Nouveau prix", "Nouveau prix barré"],
  },
});

interface Picked {
  id: string;
  title: string;
}
type Picker = (options: { type: "product" | "collection"; multiple: boolean }) => Promise<Picked[] | undefined>;

export default function NewPromotion() {
  const { timeZone, rounding } = useLoaderData<typeof loader>();
  const t = useWords(WORDS);
  const price = usePrice();
  const roundingWords = useWords(ROUNDING_LABELS);
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
    <Page title={t.title} backAction={{ content: t.back, url: "/app/promotions" }}>
      <Layout>
        {data && !data.ok ? (
          <Layout.Section>
            <Banner tone="critical" title={t.notCreated}>
              <p>{data.message}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <SectionCard title={t.promotion}>
            <FormLayout>
              <TextField label={t.name} value={name} onChange={setName} autoComplete="off" error={errors.name} />
              <FormLayout.Group>
                <TextField
                  label={t.percentage}
                  type="number"
                  suffix="%"
                  value={percentage}
                  onChange={setPercentage}
                  autoComplete="off"
                  error={errors.percentage}
                />
                <Select
                  label={t.shownAs}
                  options={[
                    { label: t.loweredPrices, value: "price" },
                    { label: t.automaticDiscount, value: "discount" },
                  ]}
                  value={mode}
                  onChange={setMode}
                />
                <TextField
                  label={t.tag}
                  value={tag}
                  onChange={setTag}
                  autoComplete="off"
                  placeholder={`promo-${percentage || "30"}`}
                  error={errors.tag}
                />
              </FormLayout.Group>
              <FormLayout.Group>
                <TextField
                  label={t.starts(timeZone)}
                  type="datetime-local"
                  value={startsAt}
                  onChange={setStartsAt}
                  autoComplete="off"
                  helpText={t.emptyNow}
                  error={errors.startsAt}
                />
                <TextField
                  label={t.ends(timeZone)}
                  type="datetime-local"
                  value={endsAt}
                  onChange={setEndsAt}
                  autoComplete="off"
                  helpText={t.emptyUntil}
                  error={errors.endsAt}
                />
              </FormLayout.Group>
              <BlockStack gap="200">
                <InlineStack gap="200">
                  <Button onClick={() => pick("product")}>{t.pickProducts}</Button>
                  <Button onClick={() => pick("collection")}>{t.pickCollections}</Button>
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
                label={t.follow}
                helpText={t.followHelp}
                checked={followCollections}
                onChange={setFollowCollections}
                error={errors.followCollections}
              />
              <Text as="p" tone="subdued" variant="bodySm">
                {t.rounding(roundingWords[rounding])}
              </Text>
              <InlineStack gap="200">
                <Button onClick={() => submit("preview")} loading={busy}>
                  {t.preview}
                </Button>
                <Button variant="primary" onClick={() => submit("create")} disabled={!preview} loading={busy}>
                  {t.create}
                </Button>
              </InlineStack>
            </FormLayout>
          </SectionCard>
        </Layout.Section>
        {preview ? (
          <Layout.Section>
            <SectionCard title={t.preview}>
              <Text as="p">{t.previewText(preview.products, preview.variants, preview.collections)}</Text>
              {preview.overlaps.length ? (
                <Banner tone="warning" title={t.overlaps}>
                  {preview.overlaps.map((o) => (
                    <p key={o.promotionId}>
                      {o.name} ({o.tag}): {o.variants.map((v) => v.sku ?? v.variantId).join(", ")}
                    </p>
                  ))}
                </Banner>
              ) : null}
              <DataTable
                columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
                headings={t.headings}
                rows={preview.sample.map((v) => [
                  v.sku ?? v.variantId,
                  price(v.price),
                  price(v.compareAtPrice),
                  price(v.newPrice),
                  price(v.newCompareAt),
                ])}
              />
            </SectionCard>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
