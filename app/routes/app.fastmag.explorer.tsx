import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Link,
  List,
  Page,
  Pagination,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { exploreFastmagScreen, type ExplorerResult, type ExplorerValue } from "../explorer/fastmag.server";
import { EXPLORER_OPERATIONS, explorerOperation, type ExplorerColumn } from "../explorer/operations";
import { formattingLocale, localeOfRequest, type Locale } from "../i18n/locale";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { authenticate } from "../shopify.server";

const WORDS = defineWords({
  en: {
    title: "Fastmag explorer",
    subtitle: "Look things up in Fastmag, as the syncs see them.",
    settings: "Fastmag settings",
    lookUp: "Look up",
    issued: "Issued",
    allPmes: "All PMEs",
    storePmes: "Store PMEs",
    webPmes: "Web PMEs",
    search: "Search",
    couldNotAnswer: "Fastmag could not answer",
    openSettings: "Open Fastmag settings",
    found: (n: string) => ` — ${n} found`,
    unreadable: (n: number) => `${n} row${n > 1 ? "s" : ""} from Fastmag could not be read`,
    nothingFound: "Nothing found.",
    page: (page: number, of: number) => `Page ${page} of ${of}`,
    yes: "Yes",
    no: "No",
    /** The operations' names, search labels, placeholders and columns (declared in English), by their English. */
    text: {} as Record<string, string>,
  },
  fr: {
    title: "Explorateur Fastmag",
    subtitle: "Consultez Fastmag tel que les synchronisations le voient.",
    settings: "Paramètres Fastmag",
    lookUp: "Type de recherche",
    issued: "Émis",
    allPmes: "Tous les PME",
    storePmes: "PME magasin",
    webPmes: "PME web",
    search: "Rechercher",
    couldNotAnswer: "Fastmag n'a pas pu répondre",
    openSettings: "Ouvrir les paramètres Fastmag",
    found: (n: string) => ` — ${n} trouvé${n === "0" || n === "1" ? "" : "s"}`,
    unreadable: (n: number) =>
      `${n} ligne${n > 1 ? "s" : ""} de Fastmag n'${n > 1 ? "ont" : "a"} pas pu être lue${n > 1 ? "s" : ""}`,
    nothingFound: "Aucun résultat.",
    page: (page: number, of: number) => `Page ${page} sur ${of}`,
    yes: "Oui",
    no: "Non",
    text: {
      "Product by SKU": "Produit par SKU",
      "Product by GENCOD": "Produit par GENCOD",
      "Products of a season": "Produits d'une saison",
      "All products": "Tous les produits",
      "Stock of a SKU": "Stock d'un SKU",
      "Full inventory": "Inventaire complet",
      "Inventory with prices": "Inventaire avec prix",
      "Order by Fastmag id": "Commande par identifiant Fastmag",
      "Order by Shopify order id": "Commande par identifiant de commande Shopify",
      "All orders": "Toutes les commandes",
      "Customer by email": "Client par e-mail",
      "Gift card by id": "Carte cadeau par identifiant",
      "All gift cards": "Toutes les cartes cadeaux",
      "PME by code": "PME par code",
      "PMEs (all, store or web)": "PME (tous, magasin ou web)",
      "PME remaining balance": "Solde restant d'un PME",
      "Avoirs (credit notes)": "Avoirs",
      "GENCOD (barcode)": "GENCOD (code-barres)",
      "Fastmag order id": "Identifiant de commande Fastmag",
      "Shopify order id": "Identifiant de commande Shopify",
      "gid://shopify/Order/1001 or 1001": "gid://shopify/Order/1001 ou 1001",
      "PME code": "Code PME",
      "REFERENCE|COLOR|SIZE": "RÉFÉRENCE|COULEUR|TAILLE",
      "Gift card id": "Identifiant de carte cadeau",
      "Customer email (optional)": "E-mail du client (facultatif)",
      "all customers": "tous les clients",
      Designation: "Désignation",
      Season: "Saison",
      Brand: "Marque",
      Price: "Prix",
      Active: "Actif",
      "Stock A (general)": "Stock A (général)",
      "Stock B (web)": "Stock B (web)",
      "Web stock": "Stock web",
      "Last movement": "Dernier mouvement",
      "Fastmag order": "Commande Fastmag",
      "Shopify order": "Commande Shopify",
      Status: "Statut",
      Shipped: "Expédiée",
      Carrier: "Transporteur",
      Tracking: "Suivi",
      Total: "Total",
      Created: "Créé le",
      Card: "Carte",
      Activated: "Activée",
      Balance: "Solde",
      Currency: "Devise",
      Customer: "Client",
      Expires: "Expire le",
      Issued: "Émis",
      "Customer id": "Identifiant client",
      "Before reduction": "Avant réduction",
      Email: "E-mail",
      "First name": "Prénom",
      "Last name": "Nom",
      Phone: "Téléphone",
      City: "Ville",
      "Remaining balance": "Solde restant",
      Amount: "Montant",
      Remaining: "Restant",
    } as Record<string, string>,
  },
});

type ExplorerWords = (typeof WORDS)["en"];
/** An operation's, a search box's or a column's English as declared, in the admin's language. */
const say = (t: ExplorerWords, text: string) => t.text[text] ?? text;

// The ERP explorer: the search is in the URL (?operation=…&q=…&page=…) so a lookup can be shared
// and the browser's back button works; the loader runs it.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const search = {
    operation: params.get("operation") ?? "",
    query: params.get("q") ?? "",
    page: Number(params.get("page") ?? "1"),
  };
  return { search, ...(await exploreFastmagScreen(session.shop, search, localeOfRequest(request).locale)) };
};

export default function FastmagExplorer() {
  const { search, result, notice, error } = useLoaderData<typeof loader>();
  const t = useWords(WORDS);
  const submit = useSubmit();
  const navigation = useNavigation();
  const [operationId, setOperationId] = useState(search.operation || EXPLORER_OPERATIONS[0].id);
  const [query, setQuery] = useState(search.query);
  useEffect(() => {
    if (search.operation) setOperationId(search.operation);
    setQuery(search.query);
  }, [search.operation, search.query]);
  const operation = explorerOperation(operationId) ?? EXPLORER_OPERATIONS[0];
  const run = (page = 1) =>
    submit(
      { operation: operation.id, q: operation.input === "none" ? "" : query, page: String(page) },
      { method: "get" },
    );
  const loading = navigation.state === "loading" && navigation.location?.pathname === "/app/fastmag/explorer";

  return (
    <Page
      title={t.title}
      subtitle={t.subtitle}
      secondaryActions={[{ content: t.settings, url: "/app/settings/fastmag" }]}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                run();
              }}
            >
              <InlineStack gap="300" blockAlign="end" wrap>
                <div style={{ minWidth: 260 }}>
                  <Select
                    label={t.lookUp}
                    options={EXPLORER_OPERATIONS.map((op) => ({ label: say(t, op.label), value: op.id }))}
                    value={operation.id}
                    onChange={(value) => {
                      setOperationId(value);
                      setQuery("");
                    }}
                  />
                </div>
                {operation.input === "pmeKind" ? (
                  <Select
                    label={operation.inputLabel ? say(t, operation.inputLabel) : t.issued}
                    options={[
                      { label: t.allPmes, value: "all" },
                      { label: t.storePmes, value: "store" },
                      { label: t.webPmes, value: "web" },
                    ]}
                    value={query || "all"}
                    onChange={setQuery}
                  />
                ) : operation.input !== "none" ? (
                  <div style={{ minWidth: 320 }}>
                    <TextField
                      label={operation.inputLabel ? say(t, operation.inputLabel) : t.search}
                      value={query}
                      onChange={setQuery}
                      placeholder={operation.placeholder ? say(t, operation.placeholder) : undefined}
                      autoComplete="off"
                      error={error?.fieldErrors.query}
                    />
                  </div>
                ) : null}
                <Button submit variant="primary" loading={loading}>
                  {t.search}
                </Button>
              </InlineStack>
            </form>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="300">
            {error && !error.fieldErrors.query ? (
              <Banner
                tone="critical"
                title={t.couldNotAnswer}
                action={error.setup ? { content: t.openSettings, url: "/app/settings/fastmag" } : undefined}
              >
                {error.message}
              </Banner>
            ) : null}
            {notice ? <Banner tone="info">{notice}</Banner> : null}
            {result ? (
              <ResultView result={result} columns={explorerOperation(result.operation)?.columns ?? []} onPage={run} />
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function ResultView({
  result,
  columns,
  onPage,
}: {
  result: ExplorerResult;
  columns: ExplorerColumn[];
  onPage: (page: number) => void;
}) {
  const t = useWords(WORDS);
  const format = useFormat();
  const paging = result.paging;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {say(t, explorerOperation(result.operation)?.label ?? result.label)}
          {paging ? t.found(format.number(paging.totalItems)) : ""}
        </Text>
        {result.skipped.length > 0 ? (
          <Banner tone="warning" title={t.unreadable(result.skipped.length)}>
            <List>
              {result.skipped.slice(0, 10).map((s, i) => (
                <List.Item key={`${s.externalId}-${i}`}>
                  {s.externalId}: {s.reason}
                </List.Item>
              ))}
            </List>
          </Banner>
        ) : null}
        {result.items.length === 0 ? (
          <Text as="p" tone="subdued">
            {t.nothingFound}
          </Text>
        ) : (
          <DataTable
            columnContentTypes={columns.map((c) => (c.numeric ? "numeric" : "text"))}
            headings={columns.map((c) => say(t, c.label))}
            rows={result.items.map((item) => columns.map((c) => cell(c.key, item[c.key] ?? null, t, format.locale)))}
          />
        )}
        {paging && paging.totalPages > 1 ? (
          <InlineStack align="center" gap="200" blockAlign="center">
            <Pagination
              hasPrevious={paging.page > 1}
              onPrevious={() => onPage(paging.page - 1)}
              hasNext={paging.page < paging.totalPages}
              onNext={() => onPage(paging.page + 1)}
              label={t.page(paging.page, paging.totalPages)}
            />
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}

/** A SKU opens the variant's stock page (ERP stock vs Shopify stock vs last sync). */
function cell(key: string, value: ExplorerValue, t: ExplorerWords, locale: Locale) {
  if (key === "sku" && typeof value === "string" && value) {
    return (
      <Link key={value} url={`/app/stock/${encodeURIComponent(value)}`}>
        {value}
      </Link>
    );
  }
  return show(value, t, locale);
}

function show(value: ExplorerValue, t: ExplorerWords, locale: Locale): string {
  if (value === null) return "—";
  if (typeof value === "boolean") return value ? t.yes : t.no;
  // Ids and counts as Fastmag gives them; amounts with two decimals in the admin's notation.
  if (typeof value === "number")
    return Number.isInteger(value)
      ? String(value)
      : new Intl.NumberFormat(formattingLocale(locale), {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
          useGrouping: false,
        }).format(value);
  return value;
}
