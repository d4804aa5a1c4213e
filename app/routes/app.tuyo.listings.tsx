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
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { ListPager } from "../components/ListPager";
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useWords } from "../i18n/words";
import { enqueueJob } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import { formResult, unknownIntent } from "../lib/http.server";
import { pageRequestFrom } from "../lib/keyset.server";
import { setTuyoCargoOverride, tuyoListingsScreen } from "../settings/tuyo.server";
import { authenticate } from "../shopify.server";

/** Listings on a page of the list. */
const LISTINGS_PER_PAGE = 50;

const WORDS = defineWords({
  en: {
    title: "Tuyo listings",
    productsOnTuyo: "Products on Tuyo",
    headings: ["Shopify product", "Tuyo SKU", "State", "Cargo type", "Why"],
    states: { listed: "listed", refused: "refused", unlisted: "unlisted", pending: "pending" } as Record<
      string,
      string
    >,
    fromWeight: "from weight",
    publish: "Publish",
    products: "Products",
    aCollection: "A collection (id)",
    aTag: "A tag",
    productsByIds: "Products (ids)",
    collectionId: "Collection id",
    tag: "Tag",
    productIds: "Product ids",
    publishOnTuyo: "Publish on Tuyo",
    takeOff: "Take these products off Tuyo",
    cargoType: "Cargo type",
    productId: "Product id",
    fromWeightAndSize: "From weight and size",
    save: "Save",
    started: (jobId: string) => `Started: follow it on the Syncs page (run ${jobId}).`,
    cargoSaved: "Cargo type saved; it is sent with the product's next publishing.",
  },
  fr: {
    title: "Publications Tuyo",
    productsOnTuyo: "Produits sur Tuyo",
    headings: ["Produit Shopify", "SKU Tuyo", "État", "Type de colis", "Pourquoi"],
    states: { listed: "publié", refused: "refusé", unlisted: "retiré", pending: "en attente" },
    fromWeight: "selon le poids",
    publish: "Publier",
    products: "Produits",
    aCollection: "Une collection (identifiant)",
    aTag: "Une balise",
    productsByIds: "Des produits (identifiants)",
    collectionId: "Identifiant de collection",
    tag: "Balise",
    productIds: "Identifiants de produits",
    publishOnTuyo: "Publier sur Tuyo",
    takeOff: "Retirer ces produits de Tuyo",
    cargoType: "Type de colis",
    productId: "Identifiant du produit",
    fromWeightAndSize: "Selon le poids et la taille",
    save: "Enregistrer",
    started: (jobId: string) => `Lancé : suivez-le sur la page Synchronisations (exécution ${jobId}).`,
    cargoSaved: "Type de colis enregistré ; il est envoyé à la prochaine publication du produit.",
  },
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const place = { ...pageRequestFrom(new URL(request.url).searchParams), limit: LISTINGS_PER_PAGE };
  return tuyoListingsScreen(session.shop, localeOfRequest(request).locale, place);
};

type Answer = { ok: boolean; message: string; jobId?: string };

const selectionOf = (by: string, value: string): Record<string, unknown> => {
  const v = value.trim();
  if (by === "collection") return { collectionId: v };
  if (by === "tag") return { tag: v };
  return { productIds: v.split(/[\s,]+/).filter(Boolean) };
};

export const action = async ({ request }: ActionFunctionArgs): Promise<Answer> => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const form = Object.fromEntries(await request.formData()) as Record<string, string>;
  return formResult(async (): Promise<Answer> => {
    switch (form.intent) {
      case "publish":
      case "unpublish": {
        const params =
          form.intent === "publish"
            ? selectionOf(form.by ?? "", form.value ?? "")
            : { productIds: (form.value ?? "").split(/[\s,]+/).filter(Boolean) };
        const { jobId } = await enqueueJob(jobDeps, {
          shop: session.shop,
          type: form.intent === "publish" ? "listings.publish" : "listings.unpublish",
          params,
        });
        return { ok: true, message: WORDS[locale].started(jobId), jobId };
      }
      case "cargo":
        await setTuyoCargoOverride(
          session.shop,
          { productId: form.productId, cargoType: form.cargoType || null },
          locale,
        );
        return { ok: true, message: WORDS[locale].cargoSaved };
      default:
        return unknownIntent();
    }
  });
};

const TONE = { listed: "success", refused: "critical", unlisted: undefined, pending: "attention" } as const;

export default function TuyoListingsPage() {
  const { listings, total, next, previous, cargoTypes } = useLoaderData<typeof loader>();
  const publish = useFetcher<typeof action>();
  const cargo = useFetcher<typeof action>();
  const t = useWords(WORDS);
  const [by, setBy] = useState("collection");
  const [value, setValue] = useState("");
  const [override, setOverride] = useState({ productId: "", cargoType: "" });
  const banner = (f: typeof publish) =>
    f.data ? <Banner tone={f.data.ok ? "success" : "critical"}>{f.data.message}</Banner> : null;
  return (
    <Page title={t.title} backAction={{ content: "Tuyo", url: "/app/settings/tuyo" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t.productsOnTuyo}
              </Text>
              <DataTable
                columnContentTypes={["text", "text", "text", "text", "text"]}
                headings={t.headings}
                rows={listings.map((l) => [
                  l.productId.replace("gid://shopify/Product/", "#"),
                  l.tuyoSku ?? "—",
                  <Badge key={l.productId} tone={TONE[l.state as keyof typeof TONE]}>
                    {t.states[l.state] ?? l.state}
                  </Badge>,
                  l.cargoOverride ?? t.fromWeight,
                  l.reason ?? "",
                ])}
              />
              <ListPager page={{ total, next, previous }} shown={listings.length} pageSize={LISTINGS_PER_PAGE} />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  {t.publish}
                </Text>
                {banner(publish)}
                <Select
                  label={t.products}
                  options={[
                    { label: t.aCollection, value: "collection" },
                    { label: t.aTag, value: "tag" },
                    { label: t.productsByIds, value: "products" },
                  ]}
                  value={by}
                  onChange={setBy}
                />
                <TextField
                  label={by === "collection" ? t.collectionId : by === "tag" ? t.tag : t.productIds}
                  value={value}
                  onChange={setValue}
                  autoComplete="off"
                  placeholder={
                    by === "collection"
                      ? "gid://shopify/Collection/…"
                      : by === "tag"
                        ? "tuyo"
                        : "gid://shopify/Product/…"
                  }
                />
                <Button
                  variant="primary"
                  onClick={() => publish.submit({ intent: "publish", by, value }, { method: "post" })}
                >
                  {t.publishOnTuyo}
                </Button>
                <Button
                  tone="critical"
                  disabled={by !== "products"}
                  onClick={() => publish.submit({ intent: "unpublish", value }, { method: "post" })}
                >
                  {t.takeOff}
                </Button>
              </FormLayout>
            </Card>
            <Card>
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  {t.cargoType}
                </Text>
                {banner(cargo)}
                <TextField
                  label={t.productId}
                  value={override.productId}
                  onChange={(productId) => setOverride((o) => ({ ...o, productId }))}
                  autoComplete="off"
                />
                <Select
                  label={t.cargoType}
                  options={[
                    { label: t.fromWeightAndSize, value: "" },
                    ...cargoTypes.map((c) => ({ label: c, value: c })),
                  ]}
                  value={override.cargoType}
                  onChange={(cargoType) => setOverride((o) => ({ ...o, cargoType }))}
                />
                <Button onClick={() => cargo.submit({ intent: "cargo", ...override }, { method: "post" })}>
                  {t.save}
                </Button>
              </FormLayout>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
