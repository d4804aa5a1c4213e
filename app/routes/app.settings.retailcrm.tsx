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
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useWords } from "../i18n/words";
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

const WORDS = defineWords({
  en: {
    settings: "Settings",
    saved: "RetailCRM settings saved. Test the connection to check them.",
    chooseWarehouse: "Choose a warehouse…",
    store: (name: string, code: string, active: boolean) =>
      active ? `${name} (${code})` : `${name} (${code}, inactive)`,
    connection: "Connection",
    accountUrl: "RetailCRM account address",
    accountUrlHelp: "https:// (plain http only for this machine)",
    apiKey: "API key",
    apiKeySaved: "An API key is saved. Leave empty to keep it.",
    notSaved: "Not saved yet.",
    moduleCode: "Module code",
    moduleCodeHelp: "The warehouse module's code in RetailCRM.",
    warehouseTo: "Warehouse stock goes to",
    warehouseCode: "Warehouse code",
    warehouseCodeHelp: "Save the address and API key to pick from RetailCRM's warehouses.",
    save: "Save",
    testConnection: "Test connection",
    testText:
      "Checks the API key in the form and reads RetailCRM's warehouses. Nothing is saved: a blank API key field tests the saved key.",
    stock: "Stock",
    sendStock: "Send stock to RetailCRM",
    module: "Warehouse module",
    moduleText: "Registers Passerelle in RetailCRM as the warehouse system, so RetailCRM can ask it for leftovers.",
    register: "Register module",
    matchItems: "Match items",
    matchText:
      "Each Shopify variant is matched to the RetailCRM offer whose article is its SKU (else whose external id, then XML id, is). Variants without a match get no stock in RetailCRM.",
    matchHeadings: ["Shopify SKU", "RetailCRM offer", "Matched by / why not"],
    noSku: "(no SKU)",
    matchedBy: { article: "article", externalId: "external id", xmlId: "XML id" },
    first50: "First 50 variants",
    next50: "Next 50 variants",
  },
  fr: {
    settings: "Paramètres",
    saved: "Paramètres RetailCRM enregistrés. Testez la connexion pour les vérifier.",
    chooseWarehouse: "Choisissez un entrepôt…",
    store: (name: string, code: string, active: boolean) =>
      active ? `${name} (${code})` : `${name} (${code}, inactif)`,
    connection: "Connexion",
    accountUrl: "Adresse du compte RetailCRM",
    accountUrlHelp: "https:// (http simple seulement pour cette machine)",
    apiKey: "Clé d'API",
    apiKeySaved: "Une clé d'API est enregistrée. Laissez vide pour la garder.",
    notSaved: "Pas encore enregistrée.",
    moduleCode: "Code du module",
    moduleCodeHelp: "Le code du module d'entrepôt dans RetailCRM.",
    warehouseTo: "Entrepôt où va le stock",
    warehouseCode: "Code de l'entrepôt",
    warehouseCodeHelp: "Enregistrez l'adresse et la clé d'API pour choisir parmi les entrepôts de RetailCRM.",
    save: "Enregistrer",
    testConnection: "Tester la connexion",
    testText:
      "Vérifie la clé d'API du formulaire et lit les entrepôts de RetailCRM. Rien n'est enregistré : une clé d'API vide teste la clé enregistrée.",
    stock: "Stock",
    sendStock: "Envoyer le stock à RetailCRM",
    module: "Module d'entrepôt",
    moduleText:
      "Enregistre Passerelle dans RetailCRM comme système d'entrepôt, pour que RetailCRM puisse lui demander les restes en stock.",
    register: "Enregistrer le module",
    matchItems: "Faire correspondre les articles",
    matchText:
      "Chaque variante Shopify correspond à l'offre RetailCRM dont l'article est son SKU (sinon dont l'identifiant externe, puis l'identifiant XML, l'est). Les variantes sans correspondance ne reçoivent pas de stock dans RetailCRM.",
    matchHeadings: ["SKU Shopify", "Offre RetailCRM", "Correspondance par / pourquoi aucune"],
    noSku: "(pas de SKU)",
    matchedBy: { article: "article", externalId: "identifiant externe", xmlId: "identifiant XML" },
    first50: "50 premières variantes",
    next50: "50 variantes suivantes",
  },
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return retailCrmSettingsScreen(session.shop, localeOfRequest(request).locale);
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
  const { locale } = localeOfRequest(request);
  const text = (name: string) => String(form.get(name) ?? "");
  const result = await formResult(async (): Promise<Omit<Answer, "intent">> => {
    switch (intent) {
      case "save": {
        const saved = await saveRetailCrmSettingsForm(
          session.shop,
          {
            accountUrl: text("accountUrl"),
            apiKey: text("apiKey"),
            moduleCode: text("moduleCode"),
            storeCode: text("storeCode"),
          },
          locale,
        );
        return saved.ok ? { ok: true, message: WORDS[locale].saved, fieldErrors: {} } : saved;
      }
      case "test":
        // The screen sends what its form holds (tested, not saved); a bare "test" tests the saved settings.
        return form.has("accountUrl")
          ? await testRetailCrmSettings(
              session.shop,
              {
                accountUrl: text("accountUrl"),
                apiKey: text("apiKey"),
                moduleCode: text("moduleCode"),
                storeCode: text("storeCode"),
              },
              locale,
            )
          : { ...(await testRetailCrm(session.shop, locale)), fieldErrors: {} };
      case "register":
        return { ...(await registerRetailCrm(session.shop, locale)), fieldErrors: {} };
      case "match":
        return { ...(await retailCrmItemMatches(session.shop, text("after") || null, locale)), fieldErrors: {} };
      case "send-stock":
        return { ...(await setRetailCrmReceivesStock(session.shop, text("on") === "on", locale)), fieldErrors: {} };
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
  const t = useWords(WORDS);
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
    { label: t.chooseWarehouse, value: "" },
    ...stores.map((s) => ({
      label: t.store(s.name, s.code, s.active),
      value: s.code,
    })),
  ];
  const banner = (fetcher: typeof save) =>
    fetcher.data ? <Banner tone={fetcher.data.ok ? "success" : "critical"}>{fetcher.data.message}</Banner> : null;

  return (
    <Page title="RetailCRM" backAction={{ content: t.settings, url: "/app/settings" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <FormLayout>
              {banner(save)}
              <Text as="h2" variant="headingMd">
                {t.connection}
              </Text>
              <TextField
                label={t.accountUrl}
                name="accountUrl"
                value={fields.accountUrl}
                onChange={set("accountUrl")}
                autoComplete="off"
                placeholder="https://myshop.retailcrm.ru"
                helpText={t.accountUrlHelp}
                error={errors.accountUrl}
              />
              <TextField
                label={t.apiKey}
                name="apiKey"
                type="password"
                value={fields.apiKey}
                onChange={set("apiKey")}
                autoComplete="new-password"
                helpText={apiKeySet ? t.apiKeySaved : t.notSaved}
                error={errors.apiKey}
              />
              <TextField
                label={t.moduleCode}
                name="moduleCode"
                value={fields.moduleCode}
                onChange={set("moduleCode")}
                autoComplete="off"
                helpText={t.moduleCodeHelp}
                error={errors.moduleCode}
              />
              {stores.length > 0 ? (
                <Select
                  label={t.warehouseTo}
                  name="storeCode"
                  options={storeOptions}
                  value={fields.storeCode}
                  onChange={set("storeCode")}
                  error={errors.storeCode}
                />
              ) : (
                <TextField
                  label={t.warehouseCode}
                  name="storeCode"
                  value={fields.storeCode}
                  onChange={set("storeCode")}
                  autoComplete="off"
                  helpText={storesError ?? t.warehouseCodeHelp}
                  error={errors.storeCode}
                />
              )}
              <InlineStack gap="200">
                <Button variant="primary" onClick={submitSave} loading={save.state !== "idle"}>
                  {t.save}
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
                  {t.testConnection}
                </Text>
                <InlineStack gap="200">
                  <ConnectionBadge state={connection.state} />
                </InlineStack>
                {test.data ? banner(test) : connection.message ? <Text as="p">{connection.message}</Text> : null}
                <Text as="p" tone="subdued">
                  {t.testText}
                </Text>
                <Button
                  onClick={() => test.submit({ intent: "test", ...fields }, { method: "post" })}
                  loading={test.state !== "idle"}
                >
                  {t.testConnection}
                </Button>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t.stock}
                </Text>
                {banner(sendStock)}
                <Checkbox
                  label={t.sendStock}
                  checked={sendStock.formData ? sendStock.formData.get("on") === "on" : sendsStock}
                  disabled={!settings}
                  onChange={(on) => sendStock.submit({ intent: "send-stock", on: on ? "on" : "" }, { method: "post" })}
                />
                <Text as="h2" variant="headingMd">
                  {t.module}
                </Text>
                {banner(register)}
                <Text as="p" tone="subdued">
                  {t.moduleText}
                </Text>
                <Button
                  onClick={() => register.submit({ intent: "register" }, { method: "post" })}
                  loading={register.state !== "idle"}
                  disabled={!settings}
                >
                  {t.register}
                </Button>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** Which RetailCRM offer each Shopify variant's SKU matches, a page of 50 at a time. */
function MatchItems({
  fetcher,
  disabled,
}: {
  fetcher: ReturnType<typeof useFetcher<typeof action>>;
  disabled: boolean;
}) {
  const matches = fetcher.data?.intent === "match" ? fetcher.data.matches : undefined;
  const t = useWords(WORDS);
  const load = (after: string | null) => fetcher.submit({ intent: "match", after: after ?? "" }, { method: "post" });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t.matchItems}
        </Text>
        <Text as="p" tone="subdued">
          {t.matchText}
        </Text>
        {fetcher.data?.intent === "match" ? (
          <Banner tone={fetcher.data.ok ? "info" : "critical"}>{fetcher.data.message}</Banner>
        ) : null}
        {matches ? (
          <DataTable
            columnContentTypes={["text", "text", "text"]}
            headings={t.matchHeadings}
            rows={matches.rows.map((row) => [
              row.sku || t.noSku,
              row.offerId === null ? "—" : String(row.offerId),
              row.offerId === null ? row.reason : t.matchedBy[row.matchedBy],
            ])}
          />
        ) : null}
        <InlineStack gap="200">
          <Button onClick={() => load(null)} loading={fetcher.state !== "idle"} disabled={disabled}>
            {matches ? t.first50 : t.matchItems}
          </Button>
          {matches?.next ? (
            <Button onClick={() => load(matches.next)} disabled={fetcher.state !== "idle"}>
              {t.next50}
            </Button>
          ) : null}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
