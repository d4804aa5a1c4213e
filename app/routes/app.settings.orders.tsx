import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  List,
  Page,
  Select,
  TextField,
} from "@shopify/polaris";
import { useRef, useState } from "react";
import { SectionCard } from "../components/SectionCard";
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useWords } from "../i18n/words";
import { formResult } from "../lib/http.server";
import { authenticate } from "../shopify.server";
import { orderSettingsView, saveOrderSettingsForm, testCarrierConnections } from "../sync/orders/settings-form.server";

const WORDS = defineWords({
  en: {
    title: "Orders and carriers",
    settings: "Settings",
    saved: "Order settings saved",
    test: "Test carriers",
    tested: "Carrier test (nothing was saved)",
    notifications: "Shipping notifications",
    notify: "Shopify e-mails the customer when an order ships",
    carriers: "Carriers",
    chronopost: "Chronopost tracking service",
    chronopostHelp: "Empty: Chronopost's own service",
    tntProtocol: "TNT protocol",
    expressConnect: "ExpressConnect (international)",
    tntFrance: "TNT France service",
    tntExpressConnect: "TNT ExpressConnect service",
    tntUser: "TNT user",
    tntPassword: "TNT password",
    passwordSaved: "A password is saved. Leave empty to keep it.",
    save: "Save",
  },
  fr: {
    title: "Commandes et transporteurs",
    settings: "Paramètres",
    saved: "Paramètres des commandes enregistrés",
    test: "Tester les transporteurs",
    tested: "Test des transporteurs (rien n'a été enregistré)",
    notifications: "Notifications d'expédition",
    notify: "Shopify envoie un e-mail au client quand une commande est expédiée",
    carriers: "Transporteurs",
    chronopost: "Service de suivi Chronopost",
    chronopostHelp: "Vide : le service de Chronopost lui-même",
    tntProtocol: "Protocole TNT",
    expressConnect: "ExpressConnect (international)",
    tntFrance: "Service TNT France",
    tntExpressConnect: "Service TNT ExpressConnect",
    tntUser: "Utilisateur TNT",
    tntPassword: "Mot de passe TNT",
    passwordSaved: "Un mot de passe est enregistré. Laissez vide pour le garder.",
    save: "Enregistrer",
  },
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return orderSettingsView(session.shop);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
  const { locale } = localeOfRequest(request);
  if (form.intent === "test")
    // The values as typed, not the saved ones: checking a new password never overwrites a working one.
    return formResult(async () => {
      const tests = await testCarrierConnections(session.shop, form, locale);
      return { ok: tests.every((t) => t.ok), message: WORDS[locale].tested, tests };
    });
  return formResult(async () => {
    await saveOrderSettingsForm(session.shop, form, locale);
    return { ok: true as const, message: WORDS[locale].saved };
  });
};

export default function OrderSettings() {
  const { settings, tntPasswordSet } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state !== "idle";
  const t = useWords(WORDS);
  const errors: Record<string, string> = result && "fieldErrors" in result ? result.fieldErrors : {};
  const [notify, setNotify] = useState(settings.notifyCustomer);
  const [protocol, setProtocol] = useState(settings.tntProtocol ?? "france");
  const form = useRef<HTMLFormElement>(null);
  const submit = useSubmit();
  const tests = result && "tests" in result ? result.tests : null;
  return (
    <Page title={t.title} backAction={{ content: t.settings, url: "/app/settings" }}>
      <Layout>
        <Layout.Section>
          <Form method="post" ref={form}>
            <BlockStack gap="400">
              {result ? (
                <Banner tone={result.ok ? "success" : "critical"} title={result.message}>
                  {tests ? (
                    <List>
                      {tests.map((test) => (
                        <List.Item key={test.carrier}>{test.message}</List.Item>
                      ))}
                    </List>
                  ) : null}
                </Banner>
              ) : null}
              <SectionCard title={t.notifications}>
                <Checkbox label={t.notify} name="notifyCustomer" checked={notify} onChange={setNotify} />
                <input type="hidden" name="notifyCustomer" value={notify ? "on" : "off"} />
              </SectionCard>
              <SectionCard title={t.carriers}>
                <FormLayout>
                  <Field
                    label={t.chronopost}
                    name="chronopostUrl"
                    initial={settings.chronopostUrl ?? ""}
                    helpText={t.chronopostHelp}
                    error={errors.chronopostUrl}
                  />
                  <Select
                    label={t.tntProtocol}
                    name="tntProtocol"
                    options={[
                      { label: "TNT France (SOAP)", value: "france" },
                      { label: t.expressConnect, value: "expressconnect" },
                    ]}
                    value={protocol}
                    onChange={(v) => setProtocol(v as typeof protocol)}
                  />
                  <Field
                    label={t.tntFrance}
                    name="tntFranceUrl"
                    initial={settings.tntFranceUrl ?? ""}
                    error={errors.tntFranceUrl}
                  />
                  <Field
                    label={t.tntExpressConnect}
                    name="tntExpressConnectUrl"
                    initial={settings.tntExpressConnectUrl ?? ""}
                    error={errors.tntExpressConnectUrl}
                  />
                  <Field label={t.tntUser} name="tntUsername" initial={settings.tntUsername ?? ""} />
                  <Field
                    label={t.tntPassword}
                    name="tntPassword"
                    type="password"
                    initial=""
                    helpText={tntPasswordSet ? t.passwordSaved : undefined}
                  />
                </FormLayout>
              </SectionCard>
              <InlineStack gap="300">
                <Button submit variant="primary" loading={saving}>
                  {t.save}
                </Button>
                <Button
                  loading={saving}
                  onClick={() => {
                    const data = new FormData(form.current ?? undefined);
                    data.set("intent", "test");
                    submit(data, { method: "post" });
                  }}
                >
                  {t.test}
                </Button>
              </InlineStack>
            </BlockStack>
          </Form>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** A text field posted with the form (Polaris fields are controlled). */
function Field(props: {
  label: string;
  name: string;
  initial: string;
  type?: "text" | "password";
  helpText?: string;
  error?: string;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <TextField
      label={props.label}
      name={props.name}
      type={props.type}
      value={value}
      onChange={setValue}
      autoComplete="off"
      helpText={props.helpText}
      error={props.error}
    />
  );
}
