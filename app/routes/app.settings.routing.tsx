import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  FormLayout,
  Layout,
  Page,
  Select,
  Text,
} from "@shopify/polaris";
import { useState } from "react";
import { localeOfRequest } from "../i18n/locale";
import { defineWords, useWords } from "../i18n/words";
import { formResult } from "../lib/http.server";
import { routingChooserScreen, saveRoutingChoice, type RoutingOption } from "../settings/routing.server";
import { authenticate } from "../shopify.server";

const WORDS = defineWords({
  en: {
    title: "Where your data goes",
    settings: "Settings",
    saved: "Saved. Syncs use this routing from their next run.",
    noneChosen: "None chosen",
    unavailable: (name: string) => `${name} (not available: set it up first)`,
    stockFrom: "Stock comes from",
    stockTo: "Stock is sent to",
    alwaysReceives: "Always receives stock.",
    pricesFrom: "Prices come from",
    ordersTo: "Orders are sent to",
    save: "Save",
    plainWords: "In plain words",
  },
  fr: {
    title: "Où vont vos données",
    settings: "Paramètres",
    saved: "Enregistré. Les synchronisations suivent ce routage dès leur prochaine exécution.",
    noneChosen: "Aucun choix",
    unavailable: (name: string) => `${name} (indisponible : configurez-le d'abord)`,
    stockFrom: "Le stock vient de",
    stockTo: "Le stock est envoyé à",
    alwaysReceives: "Reçoit toujours le stock.",
    pricesFrom: "Les prix viennent de",
    ordersTo: "Les commandes sont envoyées à",
    save: "Enregistrer",
    plainWords: "En clair",
  },
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return routingChooserScreen(session.shop, localeOfRequest(request).locale);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "");
  const { locale } = localeOfRequest(request);
  return formResult(async () => {
    const { sentences } = await saveRoutingChoice(
      session.shop,
      {
        stockSource: text("stockSource"),
        priceSource: text("priceSource"),
        orderDestination: text("orderDestination"),
        // Ticked boxes, as repeated fields or one comma-separated list.
        stockDestinations: form.getAll("stockDestinations").flatMap((v) => String(v).split(",")),
      },
      locale,
    );
    return { ok: true as const, message: WORDS[locale].saved, sentences };
  });
};

const selectOptions = (options: RoutingOption[], t: (typeof WORDS)["en"]) => [
  { label: t.noneChosen, value: "" },
  ...options.map((o) => ({
    label: o.unavailable ? t.unavailable(o.name) : o.name,
    value: o.id,
    disabled: !!o.unavailable,
  })),
];

export default function RoutingSettingsPage() {
  const { options, current, alwaysReceivesStock, sentences } = useLoaderData<typeof loader>();
  const save = useFetcher<typeof action>();
  const t = useWords(WORDS);
  const [choice, setChoice] = useState({
    stockSource: current.stockSource,
    priceSource: current.priceSource,
    orderDestination: current.orderDestination,
  });
  const [receivers, setReceivers] = useState<string[]>(current.stockDestinations);
  const set = (name: keyof typeof choice) => (value: string) => setChoice((c) => ({ ...c, [name]: value }));
  const errors = save.data && !save.data.ok ? save.data.fieldErrors : {};
  const shown = save.data?.ok ? save.data.sentences : sentences;
  const submit = () =>
    save.submit(
      { ...choice, stockDestinations: receivers.filter((id) => !alwaysReceivesStock.includes(id)).join(",") },
      { method: "post" },
    );

  return (
    <Page title={t.title} backAction={{ content: t.settings, url: "/app/settings" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <FormLayout>
              {save.data ? <Banner tone={save.data.ok ? "success" : "critical"}>{save.data.message}</Banner> : null}
              <Select
                label={t.stockFrom}
                name="stockSource"
                options={selectOptions(options.stockSources, t)}
                value={choice.stockSource}
                onChange={set("stockSource")}
                error={errors.stockSource}
              />
              <BlockStack gap="100">
                <Text as="p">{t.stockTo}</Text>
                {options.stockDestinations.map((o) => {
                  const help = alwaysReceivesStock.includes(o.id) ? t.alwaysReceives : o.unavailable;
                  // The reason is read next to the box, in text that stays legible when the box is disabled
                  // (Polaris greys a disabled box's help text below readable contrast).
                  return (
                    <BlockStack key={o.id} gap="050">
                      <Checkbox
                        label={o.name}
                        name="stockDestinations"
                        ariaDescribedBy={help ? `stock-destination-${o.id}-help` : undefined}
                        checked={alwaysReceivesStock.includes(o.id) || receivers.includes(o.id)}
                        disabled={alwaysReceivesStock.includes(o.id) || (!!o.unavailable && !receivers.includes(o.id))}
                        onChange={(on) =>
                          setReceivers((list) => (on ? [...list, o.id] : list.filter((id) => id !== o.id)))
                        }
                      />
                      {help ? (
                        <Box paddingInlineStart="600">
                          <Text as="p" variant="bodySm" tone="subdued" id={`stock-destination-${o.id}-help`}>
                            {help}
                          </Text>
                        </Box>
                      ) : null}
                    </BlockStack>
                  );
                })}
                {errors.stockDestinations ? (
                  <Text as="p" tone="critical">
                    {errors.stockDestinations}
                  </Text>
                ) : null}
              </BlockStack>
              <Select
                label={t.pricesFrom}
                name="priceSource"
                options={selectOptions(options.priceSources, t)}
                value={choice.priceSource}
                onChange={set("priceSource")}
                error={errors.priceSource}
              />
              <Select
                label={t.ordersTo}
                name="orderDestination"
                options={selectOptions(options.orderDestinations, t)}
                value={choice.orderDestination}
                onChange={set("orderDestination")}
                error={errors.orderDestination}
              />
              <Button variant="primary" onClick={submit} loading={save.state !== "idle"}>
                {t.save}
              </Button>
            </FormLayout>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t.plainWords}
              </Text>
              {shown.map((sentence) => (
                <Text as="p" key={sentence}>
                  {sentence}
                </Text>
              ))}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
