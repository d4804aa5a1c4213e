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
import { defineWords, useFormat, useWords } from "../i18n/words";
import { localeOfRequest } from "../i18n/locale";
import { formResult, unknownIntent } from "../lib/http.server";
import { authenticate } from "../shopify.server";

// Customers: what the ERP owes a customer (wallets, open credit notes), found by e-mail. The search is
// in the URL (?email=…) so a lookup can be shared.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const email = new URL(request.url).searchParams.get("email") ?? "";
  const { locale } = localeOfRequest(request);
  const found: CustomerCreditScreen = email.trim() ? await customerCreditScreen(session.shop, email, locale) : {};
  return { email, ...found, storeCredit: await storeCreditSettings(session.shop, locale) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const { locale } = localeOfRequest(request);
  const t = WORDS[locale];
  if (intent === "save-mirror")
    return formResult(async () => {
      const mirror = await saveStoreCreditMirror(session.shop, String(form.get("mirror") ?? ""), locale);
      return { ok: true as const, message: mirror === "off" ? t.mirrorOff : t.mirrorSaved };
    });
  if (intent === "mirror-now")
    return formResult(async () => {
      const { jobId } = await mirrorNow(session.shop);
      return { ok: true as const, message: t.mirrorQueued, runUrl: `/app/runs/${jobId}` };
    });
  return unknownIntent();
};

const WORDS = defineWords({
  en: {
    title: "Customers",
    email: "Customer e-mail",
    emailHelp: "Shows the customer's wallet balance and open credit notes in the ERP.",
    search: "Search",
    openSettings: "Open the settings",
    storeCredit: "Shopify store credit",
    seeRun: "See the run",
    mirrorLabel: "Mirror to each customer's store credit",
    mirrorHelp:
      "So customers can spend it online. Moves follow the ERP every hour; spending online is not told to the ERP.",
    save: "Save",
    mirrorNow: "Mirror now",
    mirrorOff: "Store credit is no longer mirrored.",
    mirrorSaved: "Saved: the next run mirrors it.",
    mirrorQueued: "The store credit run is queued.",
    noCustomer: (source: string, email: string) => `${source} has no customer with the e-mail ${email}.`,
    sourceCustomer: (source: string, id: string) => `${source} customer ${id}`,
    walletBalance: (amount: string) => `Wallet balance: ${amount}`,
    noWallet: "No wallet.",
    walletHeadings: ["Wallet", "Issued", "Balance"],
    inStore: "In a store",
    onWeb: "On the web shop",
    openCreditNotes: (amount: string) => `Open credit notes: ${amount}`,
    noCreditNote: "No open credit note.",
    creditNoteHeadings: ["Credit note", "Issued on", "Expires on", "Amount", "Left"],
    never: "Never",
  },
  fr: {
    title: "Clients",
    email: "E-mail du client",
    emailHelp: "Affiche le solde du porte-monnaie du client et ses avoirs ouverts dans l'ERP.",
    search: "Rechercher",
    openSettings: "Ouvrir les paramètres",
    storeCredit: "Crédit en magasin Shopify",
    seeRun: "Voir l'exécution",
    mirrorLabel: "Reporter sur le crédit en magasin de chaque client",
    mirrorHelp:
      "Pour que les clients puissent le dépenser en ligne. Les mouvements suivent l'ERP toutes les heures ; les dépenses en ligne ne sont pas signalées à l'ERP.",
    save: "Enregistrer",
    mirrorNow: "Reporter maintenant",
    mirrorOff: "Le crédit en magasin n'est plus reporté.",
    mirrorSaved: "Enregistré : la prochaine exécution le reporte.",
    mirrorQueued: "L'exécution du crédit en magasin est en file d'attente.",
    noCustomer: (source: string, email: string) => `${source} n'a aucun client avec l'e-mail ${email}.`,
    sourceCustomer: (source: string, id: string) => `Client ${source} ${id}`,
    walletBalance: (amount: string) => `Solde du porte-monnaie : ${amount}`,
    noWallet: "Aucun porte-monnaie.",
    walletHeadings: ["Porte-monnaie", "Émis", "Solde"],
    inStore: "En magasin",
    onWeb: "Sur la boutique en ligne",
    openCreditNotes: (amount: string) => `Avoirs ouverts : ${amount}`,
    noCreditNote: "Aucun avoir ouvert.",
    creditNoteHeadings: ["Avoir", "Émis le", "Expire le", "Montant", "Restant"],
    never: "Jamais",
  },
});

export default function Customers() {
  const data = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  const result = useActionData<typeof action>();
  const [email, setEmail] = useState(data.email);
  const [mirror, setMirror] = useState<string>(data.storeCredit.mirror);
  const t = useWords(WORDS);
  return (
    <Page title={t.title}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <Form method="get">
                <InlineStack gap="300" blockAlign="end">
                  <TextField
                    label={t.email}
                    name="email"
                    value={email}
                    onChange={setEmail}
                    autoComplete="off"
                    error={data.fieldErrors?.email}
                    helpText={t.emailHelp}
                  />
                  <Button submit variant="primary" loading={busy}>
                    {t.search}
                  </Button>
                </InlineStack>
              </Form>
            </Card>
            {data.error && !data.fieldErrors ? (
              <Banner tone="critical" title={data.error}>
                {data.setupUrl ? <RemixLink to={data.setupUrl}>{t.openSettings}</RemixLink> : null}
              </Banner>
            ) : null}
            {data.view ? <CustomerCredit view={data.view} /> : null}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t.storeCredit}
                </Text>
                {result ? (
                  <Banner tone={result.ok ? "success" : "critical"} title={result.message}>
                    {result.ok && "runUrl" in result ? (
                      <RemixLink to={String(result.runUrl)}>{t.seeRun}</RemixLink>
                    ) : null}
                  </Banner>
                ) : null}
                <Form method="post">
                  <input type="hidden" name="intent" value="save-mirror" />
                  <InlineStack gap="300" blockAlign="end">
                    <Select
                      label={t.mirrorLabel}
                      name="mirror"
                      options={Object.entries(data.storeCredit.choices).map(([value, label]) => ({ value, label }))}
                      value={mirror}
                      onChange={setMirror}
                      helpText={t.mirrorHelp}
                    />
                    <Button submit loading={busy}>
                      {t.save}
                    </Button>
                  </InlineStack>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="mirror-now" />
                  <Button submit disabled={data.storeCredit.mirror === "off"} loading={busy}>
                    {t.mirrorNow}
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
  const t = useWords(WORDS);
  const format = useFormat();
  const money = (amount: number, currency: string) => format.money(amount, currency);
  // The ERP's calendar days ("2026-03-31"), read as days: no time zone moves them.
  const day = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? format.date(`${value}T12:00:00Z`, "UTC") : value);
  if (!view.customer)
    return (
      <Card>
        <Text as="p">{t.noCustomer(view.sourceName, view.email)}</Text>
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
            <Badge>{t.sourceCustomer(view.sourceName, view.customer.id)}</Badge>
          </InlineStack>
          <Text as="p" tone="subdued">
            {[view.customer.email, view.customer.phone].filter(Boolean).join(" · ")}
          </Text>
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t.walletBalance(money(view.walletBalance, view.currency))}
          </Text>
          {view.wallets.length === 0 ? (
            <Text as="p" tone="subdued">
              {t.noWallet}
            </Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "numeric"]}
              headings={t.walletHeadings}
              rows={view.wallets.map((w) => [
                w.code,
                w.issuedIn === "store" ? t.inStore : t.onWeb,
                money(w.balance, view.currency),
              ])}
            />
          )}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t.openCreditNotes(money(view.creditNotesRemaining, view.currency))}
          </Text>
          {view.creditNotes.length === 0 ? (
            <Text as="p" tone="subdued">
              {t.noCreditNote}
            </Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "text", "numeric", "numeric"]}
              headings={t.creditNoteHeadings}
              rows={view.creditNotes.map((n) => [
                n.id,
                day(n.createdOn),
                n.expiresOn ? day(n.expiresOn) : t.never,
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
