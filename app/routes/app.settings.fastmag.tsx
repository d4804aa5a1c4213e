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
import {
  fastmagSettingsScreen,
  saveFastmagSettingsForm,
  testFastmag,
  testFastmagSettings,
  type FastmagSettingsInput,
} from "../settings/fastmag.server";
import { authenticate } from "../shopify.server";

const WORDS = defineWords({
  en: {
    settings: "Settings",
    explorer: "Open the ERP explorer",
    connection: "Connection",
    host: "Fastmag address",
    hostHelp: "https:// (plain http only for this machine)",
    password: "Password",
    passwordSaved: "A password is saved. Leave empty to keep it.",
    notSaved: "Not saved yet.",
    webStock: "Web stock",
    stockA: "Include stock A (general)",
    stockB: "Include stock B (web)",
    safetyMargin: "Safety margin (units held back per variant)",
    location: "Shopify location to sync into",
    inactive: (name: string) => `${name} (inactive)`,
    locationId: "Shopify location id",
    import: "Import",
    seasons: "Seasons to import",
    seasonsHelp: "Separated by commas. Empty imports every season.",
    timeZone: "Fastmag's time zone",
    timeZoneHelp: "IANA name, e.g. Europe/Paris",
    overrides: "Query overrides",
    overridesText:
      "Replace a SQL statement when your Fastmag instance differs. It must be a SELECT returning the same column names as the default.",
    query: (name: string) => `Query ${name}`,
    queryHelp: "Empty it to go back to the default.",
    overrideQuery: "Override a query",
    chooseQuery: "Choose a query…",
    addOverride: "Add override",
    save: "Save",
    testConnection: "Test connection",
    testText:
      "Logs in to Fastmag with the settings in the form and reads its seasons. Nothing is saved: a blank password field tests the saved password.",
    saved: "Fastmag settings saved. Test the connection to check them.",
    unknownAction: "Unknown action.",
  },
  fr: {
    settings: "Paramètres",
    explorer: "Ouvrir l'explorateur de l'ERP",
    connection: "Connexion",
    host: "Adresse de Fastmag",
    hostHelp: "https:// (http simple seulement pour cette machine)",
    password: "Mot de passe",
    passwordSaved: "Un mot de passe est enregistré. Laissez vide pour le garder.",
    notSaved: "Pas encore enregistré.",
    webStock: "Stock web",
    stockA: "Inclure le stock A (général)",
    stockB: "Inclure le stock B (web)",
    safetyMargin: "Marge de sécurité (unités retenues par variante)",
    location: "Emplacement Shopify à synchroniser",
    inactive: (name: string) => `${name} (inactif)`,
    locationId: "Identifiant de l'emplacement Shopify",
    import: "Import",
    seasons: "Saisons à importer",
    seasonsHelp: "Séparées par des virgules. Vide : toutes les saisons sont importées.",
    timeZone: "Fuseau horaire de Fastmag",
    timeZoneHelp: "Nom IANA, par ex. Europe/Paris",
    overrides: "Requêtes remplacées",
    overridesText:
      "Remplacez une instruction SQL quand votre instance Fastmag diffère. Ce doit être un SELECT renvoyant les mêmes noms de colonnes que celle par défaut.",
    query: (name: string) => `Requête ${name}`,
    queryHelp: "Videz-la pour revenir à celle par défaut.",
    overrideQuery: "Remplacer une requête",
    chooseQuery: "Choisissez une requête…",
    addOverride: "Ajouter le remplacement",
    save: "Enregistrer",
    testConnection: "Tester la connexion",
    testText:
      "Se connecte à Fastmag avec les paramètres du formulaire et lit ses saisons. Rien n'est enregistré : un mot de passe vide teste le mot de passe enregistré.",
    saved: "Paramètres Fastmag enregistrés. Testez la connexion pour les vérifier.",
    unknownAction: "Action inconnue.",
  },
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return fastmagSettingsScreen(session.shop, session.accessToken, localeOfRequest(request).locale);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const { locale } = localeOfRequest(request);
  if (form.get("intent") === "test") {
    // The screen sends what its form holds (tested, not saved); a bare "test" tests the saved settings.
    const result = form.has("host")
      ? await testFastmagSettings(session.shop, settingsInput(form), locale)
      : { ...(await testFastmag(session.shop, locale)), fieldErrors: {} as Record<string, string> };
    return { intent: "test" as const, ...result };
  }
  if (form.get("intent") !== "save")
    return {
      intent: "save" as const,
      ok: false,
      message: WORDS[locale].unknownAction,
      fieldErrors: {} as Record<string, string>,
    };
  const result = await saveFastmagSettingsForm(session.shop, session.accessToken, settingsInput(form), locale);
  return result.ok
    ? {
        intent: "save" as const,
        ok: true,
        message: WORDS[locale].saved,
        fieldErrors: {} as Record<string, string>,
      }
    : { intent: "save" as const, ...result };
};

function settingsInput(form: FormData): FastmagSettingsInput {
  const text = (name: string) => String(form.get(name) ?? "");
  const queryOverrides: Record<string, string> = {};
  for (const [key, value] of form.entries())
    if (key.startsWith("query.")) queryOverrides[key.slice("query.".length)] = String(value);
  return {
    host: text("host"),
    enseigne: text("enseigne"),
    magasin: text("magasin"),
    compte: text("compte"),
    motpasse: text("motpasse"),
    stockA: text("stockA"),
    stockB: text("stockB"),
    safetyMargin: text("safetyMargin"),
    locationId: text("locationId"),
    seasons: text("seasons"),
    timeZone: text("timeZone"),
    queryOverrides,
  };
}

export default function FastmagSettingsPage() {
  const { settings, shopifyLocationId, passwordSet, connection, locations, locationsError, queryDefaults } =
    useLoaderData<typeof loader>();
  const save = useFetcher<typeof action>();
  const test = useFetcher<typeof action>();
  const t = useWords(WORDS);
  const [fields, setFields] = useState({
    host: settings?.host ?? "",
    enseigne: settings?.enseigne ?? "",
    magasin: settings?.magasin ?? "",
    compte: settings?.compte ?? "",
    motpasse: "",
    safetyMargin: String(settings?.stock.safetyMargin ?? 0),
    locationId: shopifyLocationId ?? locations[0]?.id ?? "",
    seasons: settings?.seasons.join(", ") ?? "",
    timeZone: settings?.timeZone ?? "Europe/Paris",
  });
  const [stockA, setStockA] = useState(settings?.stock.includeA ?? true);
  const [stockB, setStockB] = useState(settings?.stock.includeB ?? true);
  const [overrides, setOverrides] = useState<Record<string, string>>(settings?.queryOverrides ?? {});
  const [nextOverride, setNextOverride] = useState("");
  const set = (name: keyof typeof fields) => (value: string) => setFields((f) => ({ ...f, [name]: value }));
  const errors =
    save.data && !save.data.ok ? save.data.fieldErrors : test.data && !test.data.ok ? test.data.fieldErrors : {};

  const formValues = (intent: "save" | "test") => {
    const data: Record<string, string> = {
      intent,
      ...fields,
      stockA: stockA ? "on" : "",
      stockB: stockB ? "on" : "",
    };
    for (const [name, sql] of Object.entries(overrides)) data[`query.${name}`] = sql;
    return data;
  };
  const submitSave = () => {
    save.submit(formValues("save"), { method: "post" });
    setFields((f) => ({ ...f, motpasse: "" }));
  };
  const text = (
    name: keyof typeof fields,
    label: string,
    extra: Partial<React.ComponentProps<typeof TextField>> = {},
  ) => (
    <TextField
      label={label}
      name={name}
      value={fields[name]}
      onChange={set(name)}
      autoComplete="off"
      error={errors[name]}
      {...extra}
    />
  );
  const locationOptions = locations.map((l) => ({ label: l.isActive ? l.name : t.inactive(l.name), value: l.id }));
  const overridable = Object.keys(queryDefaults).filter((name) => !(name in overrides));

  return (
    <Page
      title="Fastmag"
      backAction={{ content: t.settings, url: "/app/settings" }}
      secondaryActions={[{ content: t.explorer, url: "/app/fastmag/explorer" }]}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <FormLayout>
              {save.data?.intent === "save" ? (
                <Banner tone={save.data.ok ? "success" : "critical"}>{save.data.message}</Banner>
              ) : null}
              <Text as="h2" variant="headingMd">
                {t.connection}
              </Text>
              {text("host", t.host, {
                placeholder: "https://maboutique.fastmag.fr/",
                helpText: t.hostHelp,
              })}
              <FormLayout.Group>
                {text("enseigne", "Enseigne")}
                {text("magasin", "Magasin")}
                {text("compte", "Compte")}
              </FormLayout.Group>
              {text("motpasse", t.password, {
                type: "password",
                autoComplete: "new-password",
                helpText: passwordSet ? t.passwordSaved : t.notSaved,
              })}
              <Text as="h2" variant="headingMd">
                {t.webStock}
              </Text>
              <InlineStack gap="400">
                <Checkbox label={t.stockA} checked={stockA} onChange={setStockA} error={errors.stockA} />
                <Checkbox label={t.stockB} checked={stockB} onChange={setStockB} />
              </InlineStack>
              {text("safetyMargin", t.safetyMargin, { type: "number", min: 0 })}
              {locations.length > 0 ? (
                <Select
                  label={t.location}
                  name="locationId"
                  options={locationOptions}
                  value={fields.locationId}
                  onChange={set("locationId")}
                  error={errors.locationId}
                />
              ) : (
                text("locationId", t.locationId, {
                  placeholder: "gid://shopify/Location/…",
                  helpText: locationsError ?? undefined,
                })
              )}
              <Text as="h2" variant="headingMd">
                {t.import}
              </Text>
              {text("seasons", t.seasons, {
                placeholder: "E24, H24",
                helpText: t.seasonsHelp,
              })}
              {text("timeZone", t.timeZone, { helpText: t.timeZoneHelp })}
              <Text as="h2" variant="headingMd">
                {t.overrides}
              </Text>
              <Text as="p" tone="subdued">
                {t.overridesText}
              </Text>
              {Object.entries(overrides).map(([name, sql]) => (
                <TextField
                  key={name}
                  label={t.query(name)}
                  name={`query.${name}`}
                  value={sql}
                  onChange={(value) => setOverrides((o) => ({ ...o, [name]: value }))}
                  multiline={4}
                  autoComplete="off"
                  monospaced
                  error={errors[`query.${name}`]}
                  helpText={t.queryHelp}
                />
              ))}
              <InlineStack gap="200" blockAlign="end">
                <Select
                  label={t.overrideQuery}
                  options={[{ label: t.chooseQuery, value: "" }, ...overridable.map((n) => ({ label: n, value: n }))]}
                  value={nextOverride}
                  onChange={setNextOverride}
                />
                <Button
                  disabled={!nextOverride}
                  onClick={() => (
                    setOverrides((o) => ({ ...o, [nextOverride]: queryDefaults[nextOverride] ?? "" })),
                    setNextOverride("")
                  )}
                >
                  {t.addOverride}
                </Button>
              </InlineStack>
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
              {test.data?.intent === "test" ? (
                <Banner tone={test.data.ok ? "success" : "critical"}>{test.data.message}</Banner>
              ) : connection.message ? (
                <Text as="p">{connection.message}</Text>
              ) : null}
              <Text as="p" tone="subdued">
                {t.testText}
              </Text>
              <Button
                onClick={() => test.submit(formValues("test"), { method: "post" })}
                loading={test.state !== "idle"}
              >
                {t.testConnection}
              </Button>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
