import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, FormLayout, Layout, Page, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { formResult } from "../lib/http.server";
import { routingChooserScreen, saveRoutingChoice, type RoutingOption } from "../settings/routing.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return routingChooserScreen(session.shop);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "");
  return formResult(async () => {
    const { sentences } = await saveRoutingChoice(session.shop, {
      stockSource: text("stockSource"),
      priceSource: text("priceSource"),
      orderDestination: text("orderDestination"),
      // Ticked boxes, as repeated fields or one comma-separated list.
      stockDestinations: form.getAll("stockDestinations").flatMap((v) => String(v).split(",")),
    });
    return { ok: true as const, message: "Saved. Syncs use this routing from their next run.", sentences };
  });
};

const selectOptions = (options: RoutingOption[]) => [
  { label: "None chosen", value: "" },
  ...options.map((o) => ({
    label: o.unavailable ? `${o.name} (not available: set it up first)` : o.name,
    value: o.id,
    disabled: !!o.unavailable,
  })),
];

export default function RoutingSettingsPage() {
  const { options, current, alwaysReceivesStock, sentences } = useLoaderData<typeof loader>();
  const save = useFetcher<typeof action>();
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
    <Page title="Where your data goes" backAction={{ content: "Settings", url: "/app/settings" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <FormLayout>
              {save.data ? <Banner tone={save.data.ok ? "success" : "critical"}>{save.data.message}</Banner> : null}
              <Select
                label="Stock comes from"
                name="stockSource"
                options={selectOptions(options.stockSources)}
                value={choice.stockSource}
                onChange={set("stockSource")}
                error={errors.stockSource}
              />
              <BlockStack gap="100">
                <Text as="p">Stock is sent to</Text>
                {options.stockDestinations.map((o) => (
                  <Checkbox
                    key={o.id}
                    label={o.name}
                    name="stockDestinations"
                    helpText={
                      alwaysReceivesStock.includes(o.id) ? "Always receives stock." : (o.unavailable ?? undefined)
                    }
                    checked={alwaysReceivesStock.includes(o.id) || receivers.includes(o.id)}
                    disabled={alwaysReceivesStock.includes(o.id) || (!!o.unavailable && !receivers.includes(o.id))}
                    onChange={(on) => setReceivers((list) => (on ? [...list, o.id] : list.filter((id) => id !== o.id)))}
                  />
                ))}
                {errors.stockDestinations ? (
                  <Text as="p" tone="critical">
                    {errors.stockDestinations}
                  </Text>
                ) : null}
              </BlockStack>
              <Select
                label="Prices come from"
                name="priceSource"
                options={selectOptions(options.priceSources)}
                value={choice.priceSource}
                onChange={set("priceSource")}
                error={errors.priceSource}
              />
              <Select
                label="Orders are sent to"
                name="orderDestination"
                options={selectOptions(options.orderDestinations)}
                value={choice.orderDestination}
                onChange={set("orderDestination")}
                error={errors.orderDestination}
              />
              <Button variant="primary" onClick={submit} loading={save.state !== "idle"}>
                Save
              </Button>
            </FormLayout>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                In plain words
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
