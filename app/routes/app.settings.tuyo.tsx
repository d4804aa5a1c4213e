import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { ConnectionBadge } from "../components/ConnectionBadge";
import { formResult, unknownIntent } from "../lib/http.server";
import { saveTuyoSettingsForm, setTuyoReceivesStock, testTuyo, tuyoSettingsScreen } from "../settings/tuyo.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return tuyoSettingsScreen(session.shop);
};

type Answer = { intent: string; ok: boolean; message: string; fieldErrors: Record<string, string> };

export const action = async ({ request }: ActionFunctionArgs): Promise<Answer> => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => String(form.get(name) ?? "");
  const result = await formResult(async (): Promise<Omit<Answer, "intent">> => {
    switch (intent) {
      case "save": {
        const saved = await saveTuyoSettingsForm(session.shop, {
          apiUrl: text("apiUrl"),
          mode: text("mode"),
          productionKey: text("productionKey"),
          testingKey: text("testingKey"),
          storeId: text("storeId"),
          branchId: text("branchId"),
          userId: text("userId"),
          preparationHours: text("preparationHours"),
          freeShipping: text("freeShipping") === "on",
          fragile: text("fragile") === "on",
        });
        return saved.ok
          ? { ok: true, message: "Tuyo settings saved. Test the connection to check them.", fieldErrors: {} }
          : saved;
      }
      case "test":
        return { ...(await testTuyo(session.shop)), fieldErrors: {} };
      case "send-stock":
        return { ...(await setTuyoReceivesStock(session.shop, text("on") === "on")), fieldErrors: {} };
      default:
        return unknownIntent();
    }
  });
  return { intent, ...result };
};

export default function TuyoSettingsPage() {
  const { settings, productionKeySet, testingKeySet, sendsStock, connection } = useLoaderData<typeof loader>();
  const save = useFetcher<typeof action>();
  const test = useFetcher<typeof action>();
  const sendStock = useFetcher<typeof action>();
  const [fields, setFields] = useState({
    apiUrl: settings?.apiUrl ?? "",
    mode: settings?.mode ?? "production",
    productionKey: "",
    testingKey: "",
    storeId: settings ? String(settings.storeId) : "",
    branchId: settings ? String(settings.branchId) : "",
    userId: settings ? String(settings.userId) : "",
    preparationHours: settings ? String(settings.preparationHours) : "24",
  });
  const [flags, setFlags] = useState({
    freeShipping: settings?.freeShipping ?? false,
    fragile: settings?.fragile ?? false,
  });
  const set = (name: keyof typeof fields) => (value: string) => setFields((f) => ({ ...f, [name]: value }));
  const errors = save.data && !save.data.ok ? save.data.fieldErrors : {};
  const submitSave = () => {
    save.submit(
      {
        intent: "save",
        ...fields,
        freeShipping: flags.freeShipping ? "on" : "",
        fragile: flags.fragile ? "on" : "",
      },
      { method: "post" },
    );
    setFields((f) => ({ ...f, productionKey: "", testingKey: "" }));
  };
  const banner = (fetcher: typeof save) =>
    fetcher.data ? <Banner tone={fetcher.data.ok ? "success" : "critical"}>{fetcher.data.message}</Banner> : null;
  const keyHelp = (set: boolean) => (set ? "A key is saved. Leave empty to keep it." : "Not saved yet.");

  return (
    <Page
      title="Tuyo"
      backAction={{ content: "Settings", url: "/app/settings" }}
      secondaryActions={[
        { content: "Categories", url: "/app/tuyo/categories" },
        { content: "Listings", url: "/app/tuyo/listings" },
        { content: "Orders", url: "/app/tuyo/orders" },
      ]}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <FormLayout>
              {banner(save)}
              <TextField
                label="Tuyo API address"
                value={fields.apiUrl}
                onChange={set("apiUrl")}
                autoComplete="off"
                helpText="https:// (plain http only for this machine)"
                error={errors.apiUrl}
              />
              <Select
                label="Key in use"
                options={[
                  { label: "Production", value: "production" },
                  { label: "Testing", value: "testing" },
                ]}
                value={fields.mode}
                onChange={set("mode")}
                error={errors.mode}
              />
              <TextField
                label="Production API key"
                type="password"
                value={fields.productionKey}
                onChange={set("productionKey")}
                autoComplete="new-password"
                helpText={keyHelp(productionKeySet)}
                error={errors.productionKey}
              />
              <TextField
                label="Testing API key"
                type="password"
                value={fields.testingKey}
                onChange={set("testingKey")}
                autoComplete="new-password"
                helpText={keyHelp(testingKeySet)}
                error={errors.testingKey}
              />
              <FormLayout.Group>
                <TextField
                  label="Store id"
                  value={fields.storeId}
                  onChange={set("storeId")}
                  autoComplete="off"
                  error={errors.storeId}
                />
                <TextField
                  label="Branch id"
                  value={fields.branchId}
                  onChange={set("branchId")}
                  autoComplete="off"
                  error={errors.branchId}
                />
                <TextField
                  label="User id"
                  value={fields.userId}
                  onChange={set("userId")}
                  autoComplete="off"
                  error={errors.userId}
                />
              </FormLayout.Group>
              <TextField
                label="Default preparation time (hours)"
                value={fields.preparationHours}
                onChange={set("preparationHours")}
                autoComplete="off"
                error={errors.preparationHours}
              />
              <Checkbox
                label="Free shipping"
                checked={flags.freeShipping}
                onChange={(on) => setFlags((f) => ({ ...f, freeShipping: on }))}
              />
              <Checkbox
                label="Fragile"
                checked={flags.fragile}
                onChange={(on) => setFlags((f) => ({ ...f, fragile: on }))}
              />
              <InlineStack gap="200">
                <Button variant="primary" onClick={submitSave} loading={save.state !== "idle"}>
                  Save
                </Button>
              </InlineStack>
            </FormLayout>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Test connection
              </Text>
              <InlineStack gap="200">
                <ConnectionBadge state={connection.state} />
              </InlineStack>
              {test.data ? banner(test) : connection.message ? <Text as="p">{connection.message}</Text> : null}
              <Text as="p" tone="subdued">
                Reads Tuyo&apos;s categories with the key in use.
              </Text>
              <Button
                onClick={() => test.submit({ intent: "test" }, { method: "post" })}
                loading={test.state !== "idle"}
                disabled={!settings}
              >
                Test connection
              </Button>
              {banner(sendStock)}
              <Checkbox
                label="Send stock to Tuyo"
                checked={sendStock.formData ? sendStock.formData.get("on") === "on" : sendsStock}
                disabled={!settings}
                onChange={(on) => sendStock.submit({ intent: "send-stock", on: on ? "on" : "" }, { method: "post" })}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
