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
import { formResult, unknownIntent } from "../lib/http.server";
import { recordTuyoOrder, saleItemsFromText, tuyoOrdersScreen } from "../settings/tuyo.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return tuyoOrdersScreen(session.shop);
};

type Answer = { ok: boolean; message: string; fieldErrors?: Record<string, string> };

export const action = async ({ request }: ActionFunctionArgs): Promise<Answer> => {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData()) as Record<string, string>;
  return formResult(async (): Promise<Answer> => {
    if (form.intent !== "record") return unknownIntent();
    const sale = await recordTuyoOrder(session.shop, { code: form.code, items: saleItemsFromText(form.items ?? "") });
    return {
      ok: true,
      message: `Tuyo order ${sale.code} recorded${sale.shopifyOrderName ? ` as Shopify order ${sale.shopifyOrderName}` : ""}.`,
    };
  });
};

export default function TuyoOrdersPage() {
  const { orders } = useLoaderData<typeof loader>();
  const record = useFetcher<typeof action>();
  const [code, setCode] = useState("");
  const [items, setItems] = useState("");
  const errors = record.data && !record.data.ok ? (record.data.fieldErrors ?? {}) : {};
  const itemErrors = Object.entries(errors)
    .filter(([field]) => field.startsWith("items"))
    .map(([, message]) => message)
    .join(" ");
  return (
    <Page title="Tuyo orders" backAction={{ content: "Tuyo", url: "/app/settings/tuyo" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Sales made on Tuyo
              </Text>
              <Text as="p" tone="subdued">
                Each one is a Shopify order tagged “tuyo”. Its progress there is sent to Tuyo: being prepared → Empaque,
                fulfilled → Ruta, cancelled → Cancelada.
              </Text>
              <DataTable
                columnContentTypes={["text", "text", "text", "text"]}
                headings={["Tuyo order", "Items", "Shopify order", "Status on Tuyo"]}
                rows={orders.map((o) => [
                  o.code,
                  o.items.map((i) => `${i.sku} × ${i.quantity}`).join(", "),
                  o.shopifyOrderName ?? (o.shopifyOrderId ? "in Shopify" : "not in Shopify yet"),
                  <Badge key={o.code} tone={o.reportedStatus === "Cancelada" ? "critical" : undefined}>
                    {o.reportedStatus ?? "Pendiente"}
                  </Badge>,
                ])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <FormLayout>
              <Text as="h2" variant="headingMd">
                Record a Tuyo order
              </Text>
              {record.data ? (
                <Banner tone={record.data.ok ? "success" : "critical"}>{record.data.message}</Banner>
              ) : null}
              <TextField
                label="Tuyo order code"
                value={code}
                onChange={setCode}
                autoComplete="off"
                error={errors.code}
              />
              <TextField
                label="Items"
                helpText="One per line: the SKU listed on Tuyo, then the quantity (e.g. ZAP-01-N 2)."
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
                Record in Shopify
              </Button>
            </FormLayout>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
