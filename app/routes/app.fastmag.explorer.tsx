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
import { authenticate } from "../shopify.server";

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
  return { search, ...(await exploreFastmagScreen(session.shop, search)) };
};

export default function FastmagExplorer() {
  const { search, result, notice, error } = useLoaderData<typeof loader>();
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
      title="Fastmag explorer"
      subtitle="Look things up in Fastmag, as the syncs see them."
      secondaryActions={[{ content: "Fastmag settings", url: "/app/settings/fastmag" }]}
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
                    label="Look up"
                    options={EXPLORER_OPERATIONS.map((op) => ({ label: op.label, value: op.id }))}
                    value={operation.id}
                    onChange={(value) => {
                      setOperationId(value);
                      setQuery("");
                    }}
                  />
                </div>
                {operation.input === "pmeKind" ? (
                  <Select
                    label={operation.inputLabel ?? "Issued"}
                    options={[
                      { label: "All PMEs", value: "all" },
                      { label: "Store PMEs", value: "store" },
                      { label: "Web PMEs", value: "web" },
                    ]}
                    value={query || "all"}
                    onChange={setQuery}
                  />
                ) : operation.input !== "none" ? (
                  <div style={{ minWidth: 320 }}>
                    <TextField
                      label={operation.inputLabel ?? "Search"}
                      value={query}
                      onChange={setQuery}
                      placeholder={operation.placeholder}
                      autoComplete="off"
                      error={error?.fieldErrors.query}
                    />
                  </div>
                ) : null}
                <Button submit variant="primary" loading={loading}>
                  Search
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
                title="Fastmag could not answer"
                action={error.setup ? { content: "Open Fastmag settings", url: "/app/settings/fastmag" } : undefined}
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
  const paging = result.paging;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {result.label}
          {paging ? ` — ${paging.totalItems} found` : ""}
        </Text>
        {result.skipped.length > 0 ? (
          <Banner
            tone="warning"
            title={`${result.skipped.length} row${result.skipped.length > 1 ? "s" : ""} from Fastmag could not be read`}
          >
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
            Nothing found.
          </Text>
        ) : (
          <DataTable
            columnContentTypes={columns.map((c) => (c.numeric ? "numeric" : "text"))}
            headings={columns.map((c) => c.label)}
            rows={result.items.map((item) => columns.map((c) => cell(c.key, item[c.key] ?? null)))}
          />
        )}
        {paging && paging.totalPages > 1 ? (
          <InlineStack align="center" gap="200" blockAlign="center">
            <Pagination
              hasPrevious={paging.page > 1}
              onPrevious={() => onPage(paging.page - 1)}
              hasNext={paging.page < paging.totalPages}
              onNext={() => onPage(paging.page + 1)}
              label={`Page ${paging.page} of ${paging.totalPages}`}
            />
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}

/** A SKU opens the variant's stock page (ERP stock vs Shopify stock vs last sync). */
function cell(key: string, value: ExplorerValue) {
  if (key === "sku" && typeof value === "string" && value) {
    return (
      <Link key={value} url={`/app/stock/${encodeURIComponent(value)}`}>
        {value}
      </Link>
    );
  }
  return show(value);
}

function show(value: ExplorerValue): string {
  if (value === null) return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return value;
}
