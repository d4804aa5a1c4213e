// A shop's run history: every run, newest first, paged by keyset with its total (ListPager), filtered by
// sync and by status. On the Syncs screen (every sync) and on a sync's own page (that sync only).
import { useSearchParams } from "@remix-run/react";
import { BlockStack, Card, DataTable, InlineStack, Link, Select, Text } from "@shopify/polaris";
import { TRIGGER_WORDS } from "../jobs/trigger-words";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { JobStatusBadge, useJobStatusLabels } from "./JobStatusBadge";
import { firstPage, ListPager } from "./ListPager";

const WORDS = defineWords({
  en: {
    title: "Recent runs",
    nothingYet: "Nothing has run yet.",
    nothingMatches: "No run matches these filters.",
    headings: ["Sync", "Started by", "Status", "When", "Result"],
    result: (changed: number, skipped: number, format: (n: number) => string) =>
      `${format(changed)} changed, ${format(skipped)} skipped`,
    sync: "Sync",
    allSyncs: "All syncs",
    status: "Status",
    allStatuses: "All statuses",
  },
  fr: {
    title: "Exécutions récentes",
    nothingYet: "Rien n'a encore été exécuté.",
    nothingMatches: "Aucune exécution ne correspond à ces filtres.",
    headings: ["Synchronisation", "Déclenchement", "Statut", "Quand", "Résultat"],
    result: (changed: number, skipped: number, format: (n: number) => string) =>
      `${format(changed)} modifié${changed > 1 ? "s" : ""}, ${format(skipped)} ignoré${skipped > 1 ? "s" : ""}`,
    sync: "Synchronisation",
    allSyncs: "Toutes les synchronisations",
    status: "Statut",
    allStatuses: "Tous les statuts",
  },
});

export interface RunRow {
  id: string;
  type: string;
  title: string;
  trigger: string;
  status: string;
  withProblems: boolean;
  createdAt: string;
  startedAt: string | null;
  error: { message: string } | null;
  counters: { changed: number; skipped: number };
}

export function RunHistory({
  runs,
  pageSize,
  timeZone,
  types,
  filter,
}: {
  runs: { items: RunRow[]; total: number; next: string | null; previous: string | null };
  pageSize: number;
  timeZone: string;
  /** The syncs to choose from; none on a sync's own page. */
  types?: { type: string; title: string }[];
  filter: { type: string | null; status: string | null };
}) {
  const t = useWords(WORDS);
  const triggers = useWords(TRIGGER_WORDS);
  const statuses = useJobStatusLabels();
  const format = useFormat();
  const [searchParams, setSearchParams] = useSearchParams();
  const choose = (key: "type" | "status", value: string) => {
    const params = firstPage(searchParams);
    if (value) params.set(key, value);
    else params.delete(key);
    setSearchParams(params, { preventScrollReset: true });
  };
  const filtered = Boolean(filter.type || filter.status);
  return (
    <section aria-label={t.title}>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t.title}
          </Text>
          <InlineStack gap="200" blockAlign="end">
            {types ? (
              <Select
                label={t.sync}
                options={[{ label: t.allSyncs, value: "" }, ...types.map((s) => ({ label: s.title, value: s.type }))]}
                value={filter.type ?? ""}
                onChange={(value) => choose("type", value)}
              />
            ) : null}
            <Select
              label={t.status}
              options={[
                { label: t.allStatuses, value: "" },
                ...Object.entries(statuses).map(([value, label]) => ({ label, value })),
              ]}
              value={filter.status ?? ""}
              onChange={(value) => choose("status", value)}
            />
          </InlineStack>
          {runs.items.length === 0 ? (
            <Text as="p" tone="subdued">
              {filtered ? t.nothingMatches : t.nothingYet}
            </Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text"]}
              headings={t.headings}
              rows={runs.items.map((r) => [
                <Link key={r.id} url={`/app/runs/${r.id}`}>
                  {r.title}
                </Link>,
                triggers[r.trigger as keyof typeof triggers] ?? r.trigger,
                <JobStatusBadge key={`${r.id}-s`} status={r.status} withProblems={r.withProblems} />,
                format.dateTime(r.startedAt ?? r.createdAt, timeZone),
                r.error ? r.error.message : t.result(r.counters.changed, r.counters.skipped, format.number),
              ])}
            />
          )}
          <ListPager page={runs} shown={runs.items.length} pageSize={pageSize} />
        </BlockStack>
      </Card>
    </section>
  );
}
