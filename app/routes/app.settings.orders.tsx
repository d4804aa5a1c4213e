import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Checkbox, FormLayout, Layout, Page, Select, TextField } from "@shopify/polaris";
import { useState } from "react";
import { SectionCard } from "../components/SectionCard";
import { formResult } from "../lib/http.server";
import { authenticate } from "../shopify.server";
import { orderSettingsView, saveOrderSettingsForm } from "../sync/orders/settings-form.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return orderSettingsView(session.shop);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
  return formResult(async () => {
    await saveOrderSettingsForm(session.shop, form);
    return { ok: true as const, message: "Order settings saved" };
  });
};

export default function OrderSettings() {
  const { settings, tntPasswordSet } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state !== "idle";
  const errors = result && !result.ok ? result.fieldErrors : {};
  const [notify, setNotify] = useState(settings.notifyCustomer);
  const [protocol, setProtocol] = useState(settings.tntProtocol ?? "france");
  return (
    <Page title="Orders and carriers" backAction={{ content: "Settings", url: "/app/settings" }}>
      <Layout>
        <Layout.Section>
          <Form method="post">
            <BlockStack gap="400">
              {result ? <Banner tone={result.ok ? "success" : "critical"} title={result.message} /> : null}
              <SectionCard title="Shipping notifications">
                <Checkbox
                  label="Shopify e-mails the customer when an order ships"
                  name="notifyCustomer"
                  checked={notify}
                  onChange={setNotify}
                />
                <input type="hidden" name="notifyCustomer" value={notify ? "on" : "off"} />
              </SectionCard>
              <SectionCard title="Carriers">
                <FormLayout>
                  <Field
                    label="Chronopost tracking service"
                    name="chronopostUrl"
                    initial={settings.chronopostUrl ?? ""}
                    helpText="Empty: Chronopost's own service"
                    error={errors.chronopostUrl}
                  />
                  <Select
                    label="TNT protocol"
                    name="tntProtocol"
                    options={[
                      { label: "TNT France (SOAP)", value: "france" },
                      { label: "ExpressConnect (international)", value: "expressconnect" },
                    ]}
                    value={protocol}
                    onChange={(v) => setProtocol(v as typeof protocol)}
                  />
                  <Field
                    label="TNT France service"
                    name="tntFranceUrl"
                    initial={settings.tntFranceUrl ?? ""}
                    error={errors.tntFranceUrl}
                  />
                  <Field
                    label="TNT ExpressConnect service"
                    name="tntExpressConnectUrl"
                    initial={settings.tntExpressConnectUrl ?? ""}
                    error={errors.tntExpressConnectUrl}
                  />
                  <Field label="TNT user" name="tntUsername" initial={settings.tntUsername ?? ""} />
                  <Field
                    label="TNT password"
                    name="tntPassword"
                    type="password"
                    initial=""
                    helpText={tntPasswordSet ? "A password is saved. Leave empty to keep it." : undefined}
                  />
                </FormLayout>
              </SectionCard>
              <Button submit variant="primary" loading={saving}>
                Save
              </Button>
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
