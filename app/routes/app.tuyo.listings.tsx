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
import { enqueueJob } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import { formResult, unknownIntent } from "../lib/http.server";
import { setTuyoCargoOverride, tuyoListingsScreen } from "../settings/tuyo.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return tuyoListingsScreen(session.shop);
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
        return { ok: true, message: `Started: follow it on the Syncs page (run ${jobId}).`, jobId };
      }
      case "cargo":
        await setTuyoCargoOverride(session.shop, { productId: form.productId, cargoType: form.cargoType || null });
        return { ok: true, message: "Cargo type saved; it is sent with the product's next publishing." };
      default:
        return unknownIntent();
    }
  });
};

const TONE = { listed: "success", refused: "critical", unlisted: undefined, pending: "attention" } as const;

export default function TuyoListingsPage() {
  const { listings, cargoTypes } = useLoaderData<typeof loader>();
  const publish = useFetcher<typeof action>();
  const cargo = useFetcher<typeof action>();
  const [by, setBy] = useState("collection");
  const [value, setValue] = useState("");
  const [override, setOverride] = useState({ productId: "", cargoType: "" });
  const banner = (f: typeof publish) =>
    f.data ? <Banner tone={f.data.ok ? "success" : "critical"}>{f.data.message}</Banner> : null;
  return (
    <Page title="Tuyo listings" backAction={{ content: "Tuyo", url: "/app/settings/tuyo" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Products on Tuyo
              </Text>
              <DataTable
                columnContentTypes={["text", "text", "text", "text", "text"]}
                headings={["Shopify product", "Tuyo SKU", "State", "Cargo type", "Why"]}
                rows={listings.map((l) => [
                  l.productId.replace("gid://shopify/Product/", "#"),
                  l.tuyoSku ?? "—",
                  <Badge key={l.productId} tone={TONE[l.state as keyof typeof TONE]}>
                    {l.state}
                  </Badge>,
                  l.cargoOverride ?? "from weight",
                  l.reason ?? "",
                ])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  Publish
                </Text>
                {banner(publish)}
                <Select
                  label="Products"
                  options={[
                    { label: "A collection (id)", value: "collection" },
                    { label: "A tag", value: "tag" },
                    { label: "Products (ids)", value: "products" },
                  ]}
                  value={by}
                  onChange={setBy}
                />
                <TextField
                  label={by === "collection" ? "Collection id" : by === "tag" ? "Tag" : "Product ids"}
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
                  Publish on Tuyo
                </Button>
                <Button
                  tone="critical"
                  disabled={by !== "products"}
                  onClick={() => publish.submit({ intent: "unpublish", value }, { method: "post" })}
                >
                  Take these products off Tuyo
                </Button>
              </FormLayout>
            </Card>
            <Card>
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  Cargo type
                </Text>
                {banner(cargo)}
                <TextField
                  label="Product id"
                  value={override.productId}
                  onChange={(productId) => setOverride((o) => ({ ...o, productId }))}
                  autoComplete="off"
                />
                <Select
                  label="Cargo type"
                  options={[
                    { label: "From weight and size", value: "" },
                    ...cargoTypes.map((c) => ({ label: c, value: c })),
                  ]}
                  value={override.cargoType}
                  onChange={(cargoType) => setOverride((o) => ({ ...o, cargoType }))}
                />
                <Button onClick={() => cargo.submit({ intent: "cargo", ...override }, { method: "post" })}>Save</Button>
              </FormLayout>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
