import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  DataTable,
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
import {
  registerRetailCrm,
  retailCrmItemMatches,
  retailCrmSettingsScreen,
  saveRetailCrmSettingsForm,
  setRetailCrmReceivesStock,
  testRetailCrm,
  testRetailCrmSettings,
  type ItemMatchRow,
} from "../settings/retailcrm.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return retailCrmSettingsScreen(session.shop);
};

type Answer = {
  intent: string;
  ok: boolean;
  message: string;
  fieldErrors: Record<string, string>;
  matches?: { rows: ItemMatchRow[]; next: string | null; after: string | null };
};

export const action = async ({ request }: ActionFunctionArgs): Promise<Answer> => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => String(form.get(name) ?? "");
  const result = await formResult(async (): Promise<Omit<Answer, "intent">> => {
    switch (intent) {
      case "save": {
        const saved = await saveRetailCrmSettingsForm(session.shop, {
          accountUrl: text("accountUrl"),
          apiKey: text("apiKey"),
          moduleCode: text("moduleCode"),
          storeCode: text("storeCode"),
        });
        return saved.ok
          ? { ok: true, message: "RetailCRM settings saved. Test the connection to check them.", fieldErrors: {} }
          : saved;
      }
      case "test":
        // The screen sends what its form holds (tested, not saved); a bare "test" tests the saved settings.
        return form.has("accountUrl")
          ? await testRetailCrmSettings(session.shop, {
              accountUrl: text("accountUrl"),
              apiKey: text("apiKey"),
              moduleCode: text("moduleCode"),
              storeCode: text("storeCode"),
            })
          : { ...(await testRetailCrm(session.shop)), fieldErrors: {} };
      case "register":
        return { ...(await registerRetailCrm(session.shop)), fieldErrors: {} };
      case "match":
        return { ...(await retailCrmItemMatches(session.shop, text("after") || null)), fieldErrors: {} };
      case "send-stock":
        return { ...(await setRetailCrmReceivesStock(session.shop, text("on") === "on")), fieldErrors: {} };
      default:
        return unknownIntent();
    }
  });
  return { intent, ...result };
};

export default function RetailCrmSettingsPage() {
  const { settings, apiKeySet, stores, storesError, sendsStock, connection } = useLoaderData<typeof loader>();
  const save = useFetcher<typeof action>();
  const test = useFetcher<typeof action>();
  const register = useFetcher<typeof action>();
  const sendStock = useFetcher<typeof action>();
  const match = useFetcher<typeof action>();
  const [fields, setFields] = useState({
    accountUrl: settings?.accountUrl ?? "",
    apiKey: "",
    moduleCode: settings?.moduleCode ?? "passerelle",
    storeCode: settings?.storeCode ?? "",
  });
  const set = (name: keyof typeof fields) => (value: string) => setFields((f) => ({ ...f, [name]: value }));
  const errors =
    save.data && !save.data.ok
      ? save.data.fieldErrors
      : test.data && !test.data.ok && test.data.intent === "test"
        ? test.data.fieldErrors
        : {};
  const submitSave = () => {
    save.submit({ intent: "save", ...fields }, { method: "post" });
    setFields((f) => ({ ...f, apiKey: "" }));
  };
  const storeOptions = [
    { label: "Choose a warehouse…", value: "" },
    ...stores.map((s) => ({
      label: s.active ? `${s.name} (${s.code})` : `${s.name} (${s.code}, inactive)`,
      value: s.code,
    })),
  ];
  const banner = (fetcher: typeof save) =>
    fetcher.data ? <Banner tone={fetcher.data.ok ? "success" : "critical"}>{fetcher.data.message}</Banner> : null;

  return (
    <Page title="RetailCRM" backAction={{ content: "Settings", url: "/app/settings" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <FormLayout>
              {banner(save)}
              <Text as="h2" variant="headingMd">
                Connection
              </Text>
              <TextField
                label="RetailCRM account address"
                name="accountUrl"
                value={fields.accountUrl}
                onChange={set("accountUrl")}
                autoComplete="off"
                placeholder="https://myshop.retailcrm.ru"
                helpText="https:// (plain http only for this machine)"
                error={errors.accountUrl}
              />
              <TextField
                label="API key"
                name="apiKey"
                type="password"
                value={fields.apiKey}
                onChange={set("apiKey")}
                autoComplete="new-password"
                helpText={apiKeySet ? "An API key is saved. Leave empty to keep it." : "Not saved yet."}
                error={errors.apiKey}
              />
              <TextField
                label="Module code"
                name="moduleCode"
                value={fields.moduleCode}
                onChange={set("moduleCode")}
                autoComplete="off"
                helpText="The warehouse module's code in RetailCRM."
                error={errors.moduleCode}
              />
              {stores.length > 0 ? (
                <Select
                  label="Warehouse stock goes to"
                  name="storeCode"
                  options={storeOptions}
                  value={fields.storeCode}
                  onChange={set("storeCode")}
                  error={errors.storeCode}
                />
              ) : (
                <TextField
                  label="Warehouse code"
                  name="storeCode"
                  value={fields.storeCode}
                  onChange={set("storeCode")}
                  autoComplete="off"
                  helpText={storesError ?? "Save the address and API key to pick from RetailCRM's warehouses."}
                  error={errors.storeCode}
                />
              )}
              <InlineStack gap="200">
                <Button variant="primary" onClick={submitSave} loading={save.state !== "idle"}>
                  Save
                </Button>
              </InlineStack>
            </FormLayout>
          </Card>
          <Box paddingBlockStart="400">
            <MatchItems fetcher={match} disabled={!settings} />
          </Box>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
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
                  Checks the API key in the form and reads RetailCRM&apos;s warehouses. Nothing is saved: a blank API
                  key field tests the saved key.
                </Text>
                <Button
                  onClick={() => test.submit({ intent: "test", ...fields }, { method: "post" })}
                  loading={test.state !== "idle"}
                >
                  Test connection
                </Button>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Stock
                </Text>
                {banner(sendStock)}
                <Checkbox
                  label="Send stock to RetailCRM"
                  checked={sendStock.formData ? sendStock.formData.get("on") === "on" : sendsStock}
                  disabled={!settings}
                  onChange={(on) => sendStock.submit({ intent: "send-stock", on: on ? "on" : "" }, { method: "post" })}
                />
                <Text as="h2" variant="headingMd">
                  Warehouse module
                </Text>
                {banner(register)}
                <Text as="p" tone="subdued">
                  Registers Passerelle in RetailCRM as the warehouse system, so RetailCRM can ask it for leftovers.
                </Text>
                <Button
                  onClick={() => register.submit({ intent: "register" }, { method: "post" })}
                  loading={register.state !== "idle"}
                  disabled={!settings}
                >
                  Register module
                </Button>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

const MATCHED_BY = { article: "article", externalId: "external id", xmlId: "XML id" } as const;

/** Which RetailCRM offer each Shopify variant's SKU matches, a page of 50 at a time. */
function MatchItems({
  fetcher,
  disabled,
}: {
  fetcher: ReturnType<typeof useFetcher<typeof action>>;
  disabled: boolean;
}) {
  const matches = fetcher.data?.intent === "match" ? fetcher.data.matches : undefined;
  const load = (after: string | null) => fetcher.submit({ intent: "match", after: after ?? "" }, { method: "post" });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Match items
        </Text>
        <Text as="p" tone="subdued">
          Each Shopify variant is matched to the RetailCRM offer whose article is its SKU (else whose external id, then
          XML id, is). Variants without a match get no stock in RetailCRM.
        </Text>
        {fetcher.data?.intent === "match" ? (
          <Banner tone={fetcher.data.ok ? "info" : "critical"}>{fetcher.data.message}</Banner>
        ) : null}
        {matches ? (
          <DataTable
            columnContentTypes={["text", "text", "text"]}
            headings={["Shopify SKU", "RetailCRM offer", "Matched by / why not"]}
            rows={matches.rows.map((row) => [
              row.sku || "(no SKU)",
              row.offerId === null ? "—" : String(row.offerId),
              row.offerId === null ? row.reason : MATCHED_BY[row.matchedBy],
            ])}
          />
        ) : null}
        <InlineStack gap="200">
          <Button onClick={() => load(null)} loading={fetcher.state !== "idle"} disabled={disabled}>
            {matches ? "First 50 variants" : "Match items"}
          </Button>
          {matches?.next ? (
            <Button onClick={() => load(matches.next)} disabled={fetcher.state !== "idle"}>
              Next 50 variants
            </Button>
          ) : null}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
