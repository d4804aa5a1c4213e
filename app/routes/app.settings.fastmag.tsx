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
import {
  fastmagSettingsScreen,
  saveFastmagSettingsForm,
  testFastmag,
  testFastmagSettings,
  type FastmagSettingsInput,
} from "../settings/fastmag.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return fastmagSettingsScreen(session.shop, session.accessToken);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") === "test") {
    // The screen sends what its form holds (tested, not saved); a bare "test" tests the saved settings.
    const result = form.has("host")
      ? await testFastmagSettings(session.shop, settingsInput(form))
      : { ...(await testFastmag(session.shop)), fieldErrors: {} as Record<string, string> };
    return { intent: "test" as const, ...result };
  }
  if (form.get("intent") !== "save")
    return {
      intent: "save" as const,
      ok: false,
      message: "Unknown action.",
      fieldErrors: {} as Record<string, string>,
    };
  const result = await saveFastmagSettingsForm(session.shop, session.accessToken, settingsInput(form));
  return result.ok
    ? {
        intent: "save" as const,
        ok: true,
        message: "Fastmag settings saved. Test the connection to check them.",
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
  const locationOptions = locations.map((l) => ({ label: l.isActive ? l.name : `${l.name} (inactive)`, value: l.id }));
  const overridable = Object.keys(queryDefaults).filter((name) => !(name in overrides));

  return (
    <Page
      title="Fastmag"
      backAction={{ content: "Settings", url: "/app/settings" }}
      secondaryActions={[{ content: "Open the ERP explorer", url: "/app/fastmag/explorer" }]}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <FormLayout>
              {save.data?.intent === "save" ? (
                <Banner tone={save.data.ok ? "success" : "critical"}>{save.data.message}</Banner>
              ) : null}
              <Text as="h2" variant="headingMd">
                Connection
              </Text>
              {text("host", "Fastmag address", {
                placeholder: "https://maboutique.fastmag.fr/",
                helpText: "https:// (plain http only for this machine)",
              })}
              <FormLayout.Group>
                {text("enseigne", "Enseigne")}
                {text("magasin", "Magasin")}
                {text("compte", "Compte")}
              </FormLayout.Group>
              {text("motpasse", "Password", {
                type: "password",
                autoComplete: "new-password",
                helpText: passwordSet ? "A password is saved. Leave empty to keep it." : "Not saved yet.",
              })}
              <Text as="h2" variant="headingMd">
                Web stock
              </Text>
              <InlineStack gap="400">
                <Checkbox
                  label="Include stock A (general)"
                  checked={stockA}
                  onChange={setStockA}
                  error={errors.stockA}
                />
                <Checkbox label="Include stock B (web)" checked={stockB} onChange={setStockB} />
              </InlineStack>
              {text("safetyMargin", "Safety margin (units held back per variant)", { type: "number", min: 0 })}
              {locations.length > 0 ? (
                <Select
                  label="Shopify location to sync into"
                  name="locationId"
                  options={locationOptions}
                  value={fields.locationId}
                  onChange={set("locationId")}
                  error={errors.locationId}
                />
              ) : (
                text("locationId", "Shopify location id", {
                  placeholder: "gid://shopify/Location/…",
                  helpText: locationsError ?? undefined,
                })
              )}
              <Text as="h2" variant="headingMd">
                Import
              </Text>
              {text("seasons", "Seasons to import", {
                placeholder: "E24, H24",
                helpText: "Separated by commas. Empty imports every season.",
              })}
              {text("timeZone", "Fastmag's time zone", { helpText: "IANA name, e.g. Europe/Paris" })}
              <Text as="h2" variant="headingMd">
                Query overrides
              </Text>
              <Text as="p" tone="subdued">
                Replace a SQL statement when your Fastmag instance differs. It must be a SELECT returning the same
                column names as the default.
              </Text>
              {Object.entries(overrides).map(([name, sql]) => (
                <TextField
                  key={name}
                  label={`Query ${name}`}
                  name={`query.${name}`}
                  value={sql}
                  onChange={(value) => setOverrides((o) => ({ ...o, [name]: value }))}
                  multiline={4}
                  autoComplete="off"
                  monospaced
                  error={errors[`query.${name}`]}
                  helpText="Empty it to go back to the default."
                />
              ))}
              <InlineStack gap="200" blockAlign="end">
                <Select
                  label="Override a query"
                  options={[
                    { label: "Choose a query…", value: "" },
                    ...overridable.map((n) => ({ label: n, value: n })),
                  ]}
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
                  Add override
                </Button>
              </InlineStack>
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
              {test.data?.intent === "test" ? (
                <Banner tone={test.data.ok ? "success" : "critical"}>{test.data.message}</Banner>
              ) : connection.message ? (
                <Text as="p">{connection.message}</Text>
              ) : null}
              <Text as="p" tone="subdued">
                Logs in to Fastmag with the settings in the form and reads its seasons. Nothing is saved: a blank
                password field tests the saved password.
              </Text>
              <Button
                onClick={() => test.submit(formValues("test"), { method: "post" })}
                loading={test.state !== "idle"}
              >
                Test connection
              </Button>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
