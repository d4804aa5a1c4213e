import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import {
  customerCreditScreen,
  mirrorNow,
  saveStoreCreditMirror,
  storeCreditSettings,
  type CustomerCreditScreen,
  type CustomerCreditView,
} from "../customers/credit.server";
import { formResult, unknownIntent } from "../lib/http.server";
import { authenticate } from "../shopify.server";

// Customers: what the ERP owes a customer (wallets, open credit notes), found by e-mail. The search is
// in the URL (?email=…) so a lookup can be shared.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const email = new URL(request.url).searchParams.get("email") ?? "";
  const found: CustomerCreditScreen = email.trim() ? await customerCreditScreen(session.shop, email) : {};
  return { email, ...found, storeCredit: await storeCreditSettings(session.shop) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "save-mirror")
    return formResult(async () => {
      const mirror = await saveStoreCreditMirror(session.shop, String(form.get("mirror") ?? ""));
      return {
        ok: true as const,
        message: mirror === "off" ? "Store credit is no longer mirrored." : "Saved: the next run mirrors it.",
      };
    });
  if (intent === "mirror-now")
    return formResult(async () => {
      const { jobId } = await mirrorNow(session.shop);
      return { ok: true as const, message: "The store credit run is queued.", runUrl: `/app/runs/${jobId}` };
    });
  return unknownIntent();
};

const money = (amount: number, currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency }).format(amount);

export default function Customers() {
  const data = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  const result = useActionData<typeof action>();
  const [email, setEmail] = useState(data.email);
  const [mirror, setMirror] = useState<string>(data.storeCredit.mirror);
  return (
    <Page title="Customers">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <Form method="get">
                <InlineStack gap="300" blockAlign="end">
                  <TextField
                    label="Customer e-mail"
                    name="email"
                    value={email}
                    onChange={setEmail}
                    autoComplete="off"
                    error={data.fieldErrors?.email}
                    helpText="Shows the customer's wallet balance and open credit notes in the ERP."
                  />
                  <Button submit variant="primary" loading={busy}>
                    Search
                  </Button>
                </InlineStack>
              </Form>
            </Card>
            {data.error && !data.fieldErrors ? (
              <Banner tone="critical" title={data.error}>
                {data.setupUrl ? <RemixLink to={data.setupUrl}>Open the settings</RemixLink> : null}
              </Banner>
            ) : null}
            {data.view ? <CustomerCredit view={data.view} /> : null}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Shopify store credit
                </Text>
                {result ? (
                  <Banner tone={result.ok ? "success" : "critical"} title={result.message}>
                    {result.ok && "runUrl" in result ? (
                      <RemixLink to={String(result.runUrl)}>See the run</RemixLink>
                    ) : null}
                  </Banner>
                ) : null}
                <Form method="post">
                  <input type="hidden" name="intent" value="save-mirror" />
                  <InlineStack gap="300" blockAlign="end">
                    <Select
                      label="Mirror to each customer's store credit"
                      name="mirror"
                      options={Object.entries(data.storeCredit.choices).map(([value, label]) => ({ value, label }))}
                      value={mirror}
                      onChange={setMirror}
                      helpText="So customers can spend it online. Moves follow the ERP every hour; spending online is not told to the ERP."
                    />
                    <Button submit loading={busy}>
                      Save
                    </Button>
                  </InlineStack>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="mirror-now" />
                  <Button submit disabled={data.storeCredit.mirror === "off"} loading={busy}>
                    Mirror now
                  </Button>
                </Form>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function CustomerCredit({ view }: { view: CustomerCreditView }) {
  if (!view.customer)
    return (
      <Card>
        <Text as="p">
          {view.sourceName} has no customer with the e-mail {view.email}.
        </Text>
      </Card>
    );
  const name = [view.customer.firstName, view.customer.lastName].filter(Boolean).join(" ") || view.customer.email;
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="200">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">
              {name}
            </Text>
            <Badge>{`${view.sourceName} customer ${view.customer.id}`}</Badge>
          </InlineStack>
          <Text as="p" tone="subdued">
            {[view.customer.email, view.customer.phone].filter(Boolean).join(" · ")}
          </Text>
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {`Wallet balance: ${money(view.walletBalance, view.currency)}`}
          </Text>
          {view.wallets.length === 0 ? (
            <Text as="p" tone="subdued">
              No wallet.
            </Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "numeric"]}
              headings={["Wallet", "Issued", "Balance"]}
              rows={view.wallets.map((w) => [
                w.code,
                w.issuedIn === "store" ? "In a store" : "On the web shop",
                money(w.balance, view.currency),
              ])}
            />
          )}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {`Open credit notes: ${money(view.creditNotesRemaining, view.currency)}`}
          </Text>
          {view.creditNotes.length === 0 ? (
            <Text as="p" tone="subdued">
              No open credit note.
            </Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "text", "numeric", "numeric"]}
              headings={["Credit note", "Issued on", "Expires on", "Amount", "Left"]}
              rows={view.creditNotes.map((n) => [
                n.id,
                n.createdOn,
                n.expiresOn ?? "Never",
                money(n.amount, view.currency),
                money(n.remaining, view.currency),
              ])}
            />
          )}
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
