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
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useWords } from "../i18n/words";
import { formResult, unknownIntent } from "../lib/http.server";
import {
  saveTuyoSettingsForm,
  setTuyoReceivesStock,
  testTuyo,
  testTuyoForm,
  tuyoSettingsScreen,
} from "../settings/tuyo.server";
import { authenticate } from "../shopify.server";

const WORDS = defineWords({
  en: {
    saved: "Tuyo settings saved. Test the connection to check them.",
    settings: "Settings",
    categories: "Categories",
    listings: "Listings",
    orders: "Orders",
    apiUrl: "Tuyo API address",
    apiUrlHelp: "https:// (plain http only for this machine)",
    mode: "Key in use",
    production: "Production",
    testing: "Testing",
    productionKey: "Production API key",
    testingKey: "Testing API key",
    keySaved: "A key is saved. Leave empty to keep it.",
    keyNotSaved: "Not saved yet.",
    storeId: "Store id",
    branchId: "Branch id",
    userId: "User id",
    preparationHours: "Default preparation time (hours)",
    freeShipping: "Free shipping",
    fragile: "Fragile",
    save: "Save",
    testConnection: "Test connection",
    testHelp: "Reads Tuyo's categories with the address and key in the form; saves nothing.",
    sendStock: "Send stock to Tuyo",
  },
  fr: {
    saved: "Paramètres Tuyo enregistrés. Testez la connexion pour les vérifier.",
    settings: "Paramètres",
    categories: "Catégories",
    listings: "Publications",
    orders: "Commandes",
    apiUrl: "Adresse de l'API Tuyo",
    apiUrlHelp: "https:// (http simple seulement pour cette machine)",
    mode: "Clé utilisée",
    production: "Production",
    testing: "Test",
    productionKey: "Clé d'API de production",
    testingKey: "Clé d'API de test",
    keySaved: "Une clé est enregistrée. Laissez vide pour la conserver.",
    keyNotSaved: "Pas encore enregistrée.",
    storeId: "Identifiant de boutique",
    branchId: "Identifiant d'établissement",
    userId: "Identifiant d'utilisateur",
    preparationHours: "Délai de préparation par défaut (heures)",
    freeShipping: "Livraison gratuite",
    fragile: "Fragile",
    save: "Enregistrer",
    testConnection: "Tester la connexion",
    testHelp: "Lit les catégories de Tuyo avec l'adresse et la clé du formulaire ; n'enregistre rien.",
    sendStock: "Envoyer le stock à Tuyo",
  },
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return tuyoSettingsScreen(session.shop, localeOfRequest(request).locale);
};

type Answer = { intent: string; ok: boolean; message: string; fieldErrors: Record<string, string> };

export const action = async ({ request }: ActionFunctionArgs): Promise<Answer> => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => String(form.get(name) ?? "");
  const formInput = () => ({
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
  const result = await formResult(async (): Promise<Omit<Answer, "intent">> => {
    switch (intent) {
      case "save": {
        const saved = await saveTuyoSettingsForm(session.shop, formInput(), locale);
        return saved.ok ? { ok: true, message: WORDS[locale].saved, fieldErrors: {} } : saved;
      }
      case "test":
        // The screen sends what its form holds (tested, not saved); a bare "test" tests the saved settings.
        return form.has("apiUrl")
          ? await testTuyoForm(session.shop, formInput(), locale)
          : { ...(await testTuyo(session.shop, locale)), fieldErrors: {} };
      case "send-stock":
        return { ...(await setTuyoReceivesStock(session.shop, text("on") === "on", locale)), fieldErrors: {} };
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
  const t = useWords(WORDS);
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
  const errors =
    save.data && !save.data.ok ? save.data.fieldErrors : test.data && !test.data.ok ? test.data.fieldErrors : {};
  const formValues = (intent: string) => ({
    intent,
    ...fields,
    freeShipping: flags.freeShipping ? "on" : "",
    fragile: flags.fragile ? "on" : "",
  });
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
  const keyHelp = (set: boolean) => (set ? t.keySaved : t.keyNotSaved);

  return (
    <Page
      title="Tuyo"
      backAction={{ content: t.settings, url: "/app/settings" }}
      secondaryActions={[
        { content: t.categories, url: "/app/tuyo/categories" },
        { content: t.listings, url: "/app/tuyo/listings" },
        { content: t.orders, url: "/app/tuyo/orders" },
      ]}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <FormLayout>
              {banner(save)}
              <TextField
                label={t.apiUrl}
                value={fields.apiUrl}
                onChange={set("apiUrl")}
                autoComplete="off"
                helpText={t.apiUrlHelp}
                error={errors.apiUrl}
              />
              <Select
                label={t.mode}
                options={[
                  { label: t.production, value: "production" },
                  { label: t.testing, value: "testing" },
                ]}
                value={fields.mode}
                onChange={set("mode")}
                error={errors.mode}
              />
              <TextField
                label={t.productionKey}
                type="password"
                value={fields.productionKey}
                onChange={set("productionKey")}
                autoComplete="new-password"
                helpText={keyHelp(productionKeySet)}
                error={errors.productionKey}
              />
              <TextField
                label={t.testingKey}
                type="password"
                value={fields.testingKey}
                onChange={set("testingKey")}
                autoComplete="new-password"
                helpText={keyHelp(testingKeySet)}
                error={errors.testingKey}
              />
              <FormLayout.Group>
                <TextField
                  label={t.storeId}
                  value={fields.storeId}
                  onChange={set("storeId")}
                  autoComplete="off"
                  error={errors.storeId}
                />
                <TextField
                  label={t.branchId}
                  value={fields.branchId}
                  onChange={set("branchId")}
                  autoComplete="off"
                  error={errors.branchId}
                />
                <TextField
                  label={t.userId}
                  value={fields.userId}
                  onChange={set("userId")}
                  autoComplete="off"
                  error={errors.userId}
                />
              </FormLayout.Group>
              <TextField
                label={t.preparationHours}
                value={fields.preparationHours}
                onChange={set("preparationHours")}
                autoComplete="off"
                error={errors.preparationHours}
              />
              <Checkbox
                label={t.freeShipping}
                checked={flags.freeShipping}
                onChange={(on) => setFlags((f) => ({ ...f, freeShipping: on }))}
              />
              <Checkbox
                label={t.fragile}
                checked={flags.fragile}
                onChange={(on) => setFlags((f) => ({ ...f, fragile: on }))}
              />
              <InlineStack gap="200">
                <Button variant="primary" onClick={submitSave} loading={save.state !== "idle"}>
                  {t.save}
                </Button>
              </InlineStack>
            </FormLayout>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
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
                {t.testHelp}
              </Text>
              <Button
                onClick={() => test.submit(formValues("test"), { method: "post" })}
                loading={test.state !== "idle"}
              >
                {t.testConnection}
              </Button>
              {banner(sendStock)}
              <Checkbox
                label={t.sendStock}
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
