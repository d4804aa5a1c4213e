import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Await, useFetcher, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineGrid,
  InlineStack,
  Layout,
  Modal,
  Page,
  ProgressBar,
  Select,
  SkeletonBodyText,
  Text,
  TextField,
} from "@shopify/polaris";
import { Suspense, useEffect, useState } from "react";
import { JobStatusBadge } from "../components/JobStatusBadge";
import { firstPage, ListPager } from "../components/ListPager";
import { TechnicalDetails } from "../components/TechnicalDetails";
import { cancelJob, getJob, listChanges, listRunItems, listRunLog, retryJob } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import { jobTypeTitle } from "../jobs/registry.server";
import { TRIGGER_WORDS } from "../jobs/trigger-words";
import { localeOfRequest, type Locale } from "../i18n/locale";
import { defineWords, useFormat, useWords } from "../i18n/words";
import { formResult, unknownIntent } from "../lib/http.server";
import { pageRequestFrom } from "../lib/keyset.server";
import { authenticate } from "../shopify.server";
import { shopTimeZone } from "../shops/time-zone.server";

const WORDS = defineWords({
  en: {
    notFound: "This sync run does not exist (it may have been cleaned up).",
    waitingToStart: "Waiting to start",
    syncs: "Syncs",
    retry: "Retry",
    cancel: "Cancel",
    cancelTitle: (title: string) => `Cancel this ${title} run?`,
    cancelRun: "Cancel the run",
    keepRunning: "Keep it running",
    cancelQueued: "It has not started yet: it will not run.",
    cancelRunning:
      "It stops once the items it is writing right now are done. What it has already changed in Shopify stays changed; nothing more is written.",
    cancelled: "This run was cancelled",
    stoppedBeforeChange: "It stopped before it changed anything.",
    stoppedAfter: (n: number, count: string) =>
      `It had made ${count} change${n === 1 ? "" : "s"} before it stopped; nothing was written after that.`,
    withProblems: "Succeeded with problems",
    itemsFailed: (n: number, count: string) =>
      `${count} item${n === 1 ? "" : "s"} could not be synced: see Failed rows below for the reason of each.`,
    runFailed: "This run failed",
    waitsForSetup: "This sync waits for setup; it did not run",
    nextAttemptAt: (when: string) => `The last attempt failed; next attempt at ${when}`,
    willRetry: "The last attempt failed; it will be retried",
    progress: "Progress",
    progressLabel: "progress",
    attempt: (attempt: number, max: number, trigger: string) =>
      ` · attempt ${attempt} of ${max} · started by ${trigger}`,
    waitingToRetry: (when: string) => ` · waiting to retry at ${when}`,
    stopping: " · stopping once the items being written now are done",
    counters: { seen: "Seen", changed: "Changed", unchanged: "Unchanged", skipped: "Skipped", failed: "Failed" },
    queuedAt: (when: string) => `Queued ${when}`,
    startedAt: (when: string) => ` · started ${when}`,
    finishedAt: (when: string) => ` · finished ${when}`,
    took: (duration: string) => ` · took ${duration}`,
    failedRows: "Failed rows",
    skippedRecords: "Skipped records",
    log: (count: string) => `Log (${count})`,
    noLog: "No log lines yet.",
    levels: { info: "info", warn: "warn", error: "error" } as Record<string, string>,
    changes: (count: string) => `Changes (${count})`,
    exportChanges: "Export changes as CSV",
    field: "Field",
    all: "All",
    searchItem: "Search item",
    filterChanges: "Filter changes",
    nothingChanged: (filtered: boolean) => `Nothing changed${filtered ? " matches this filter" : ""}.`,
    changeHeadings: ["Item", "Field", "Before", "After", "When"],
    exportFailed: "Export failed rows as CSV",
    exportCsv: "Export CSV",
    kind: "Kind",
    searchIdOrReason: "Search id or reason",
    filter: "Filter",
    nothing: (outcome: "skipped" | "failed", filtered: boolean) =>
      `Nothing ${outcome}${filtered ? " matches this filter" : ""}.`,
    itemHeadings: ["Kind", "Id", "Reason", "When"],
    listsFailed: "The run's changes, rows and log could not be read just now. Reload the page to try again.",
  },
  fr: {
    notFound: "Cette exécution n'existe pas (elle a peut-être été supprimée lors d'un nettoyage).",
    waitingToStart: "En attente de démarrage",
    syncs: "Synchronisations",
    retry: "Réessayer",
    cancel: "Annuler",
    cancelTitle: (title: string) => `Annuler cette exécution de ${title} ?`,
    cancelRun: "Annuler l'exécution",
    keepRunning: "La laisser continuer",
    cancelQueued: "Elle n'a pas encore commencé : elle ne s'exécutera pas.",
    cancelRunning:
      "Elle s'arrête une fois terminés les éléments en cours d'écriture. Ce qu'elle a déjà modifié dans Shopify le reste ; plus rien n'est écrit.",
    cancelled: "Cette exécution a été annulée",
    stoppedBeforeChange: "Elle s'est arrêtée avant de modifier quoi que ce soit.",
    stoppedAfter: (n: number, count: string) =>
      `Elle avait fait ${count} modification${n > 1 ? "s" : ""} avant de s'arrêter ; rien n'a été écrit ensuite.`,
    withProblems: "Réussie avec des problèmes",
    itemsFailed: (n: number, count: string) =>
      n > 1
        ? `${count} éléments n'ont pas pu être synchronisés : voyez les lignes en échec ci-dessous pour la raison de chacun.`
        : `${count} élément n'a pas pu être synchronisé : voyez les lignes en échec ci-dessous pour la raison.`,
    runFailed: "Cette exécution a échoué",
    waitsForSetup: "Cette synchronisation attend sa configuration ; elle ne s'est pas exécutée",
    nextAttemptAt: (when: string) => `La dernière tentative a échoué ; prochaine tentative le ${when}`,
    willRetry: "La dernière tentative a échoué ; elle sera retentée",
    progress: "Progression",
    progressLabel: "progression",
    attempt: (attempt: number, max: number, trigger: string) =>
      ` · tentative ${attempt} sur ${max} · déclenchement : ${trigger}`,
    waitingToRetry: (when: string) => ` · nouvel essai prévu le ${when}`,
    stopping: " · s'arrête une fois terminés les éléments en cours d'écriture",
    counters: { seen: "Vus", changed: "Modifiés", unchanged: "Inchangés", skipped: "Ignorés", failed: "En échec" },
    queuedAt: (when: string) => `Mise en file le ${when}`,
    startedAt: (when: string) => ` · démarrée le ${when}`,
    finishedAt: (when: string) => ` · terminée le ${when}`,
    took: (duration: string) => ` · durée ${duration}`,
    failedRows: "Lignes en échec",
    skippedRecords: "Enregistrements ignorés",
    log: (count: string) => `Journal (${count})`,
    noLog: "Aucune ligne de journal pour l'instant.",
    levels: { info: "info", warn: "avertissement", error: "erreur" },
    changes: (count: string) => `Modifications (${count})`,
    exportChanges: "Exporter les modifications en CSV",
    field: "Champ",
    all: "Tous",
    searchItem: "Rechercher un élément",
    filterChanges: "Filtrer les modifications",
    nothingChanged: (filtered: boolean) =>
      filtered ? "Aucune modification ne correspond à ce filtre." : "Rien n'a été modifié.",
    changeHeadings: ["Élément", "Champ", "Avant", "Après", "Quand"],
    exportFailed: "Exporter les lignes en échec en CSV",
    exportCsv: "Exporter en CSV",
    kind: "Type",
    searchIdOrReason: "Rechercher un identifiant ou une raison",
    filter: "Filtrer",
    nothing: (outcome: "skipped" | "failed", filtered: boolean) =>
      filtered
        ? "Aucune ligne ne correspond à ce filtre."
        : outcome === "failed"
          ? "Aucune ligne en échec."
          : "Rien n'a été ignoré.",
    itemHeadings: ["Type", "Identifiant", "Raison", "Quand"],
    listsFailed:
      "Les modifications, lignes et journal de l'exécution n'ont pas pu être lus pour l'instant. Rechargez la page pour réessayer.",
  },
});

const PAGE_SIZE = 100;

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  // Stored messages (the failure, reasons, log lines) are said again in the admin's language.
  const stored = await getJob(jobDeps, session.shop, params.id ?? "", { logLines: 0 }, locale);
  if (!stored) throw new Response(WORDS[locale].notFound, { status: 404 });
  const job = { ...stored, title: jobTypeTitle(stored.type, locale) };
  const url = new URL(request.url);
  const filter = {
    entity: url.searchParams.get("entity") || undefined,
    search: url.searchParams.get("q") || undefined,
  };
  const changeFilter = {
    field: url.searchParams.get("cfield") || undefined,
    search: url.searchParams.get("cq") || undefined,
  };
  const places = {
    changes: pageRequestFrom(url.searchParams, "c"),
    failed: pageRequestFrom(url.searchParams, "f"),
    skipped: pageRequestFrom(url.searchParams, "s"),
    log: pageRequestFrom(url.searchParams, "l"),
  };
  // The run's summary is what the merchant reads first (and the page's largest paint): it goes out as
  // soon as the run and the shop's time zone are read; the four lists follow in the same response
  // (streamed), so their queries and rows no longer hold the first paint.
  const timeZone = await shopTimeZone(session.shop);
  const lists = Promise.all([
    listChanges(jobDeps, session.shop, job.id, { ...changeFilter, ...places.changes, limit: PAGE_SIZE }),
    listRunItems(jobDeps, session.shop, job.id, { outcome: "failed", ...places.failed, limit: PAGE_SIZE }, locale),
    listRunItems(
      jobDeps,
      session.shop,
      job.id,
      { outcome: "skipped", ...filter, ...places.skipped, limit: PAGE_SIZE },
      locale,
    ),
    listRunLog(jobDeps, session.shop, job.id, { ...places.log, limit: PAGE_SIZE }, locale),
  ]).then(([changes, failed, skipped, log]) => ({ changes, failed, skipped, log }));
  return { job, changeFilter, filter, timeZone, lists };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, redirect } = await authenticate.admin(request);
  const intent = (await request.formData()).get("intent");
  // A retry is a new run: the merchant follows it there.
  if (intent === "retry")
    return formResult(async () =>
      redirect(`/app/runs/${(await retryJob(jobDeps, session.shop, params.id ?? "")).jobId}`),
    );
  if (intent === "cancel")
    return formResult(async () => {
      await cancelJob(jobDeps, session.shop, params.id ?? "");
      return { ok: true as const };
    });
  return unknownIntent();
};

export default function RunDetail() {
  const { job, changeFilter, filter, timeZone, lists } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const fetcher = useFetcher<typeof action>();
  const t = useWords(WORDS);
  const triggers = useWords(TRIGGER_WORDS);
  const format = useFormat();
  const live = job.status === "running" || job.status === "queued";

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [live, revalidator]);

  const percent = job.progress.total
    ? Math.min(100, Math.round((job.progress.done / job.progress.total) * 100))
    : job.status === "succeeded"
      ? 100
      : 0;
  const failure = fetcher.data && !fetcher.data.ok ? fetcher.data.message : null;
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const cancelRun = () => {
    setConfirmingCancel(false);
    fetcher.submit({ intent: "cancel" }, { method: "post" });
  };
  const phase = job.progress.phase
    ? `${job.progress.phase}${job.progress.total ? ` ${format.percent(percent / 100)}` : ""}`
    : live
      ? t.waitingToStart
      : "";

  return (
    <Page
      title={job.title}
      titleMetadata={
        <JobStatusBadge status={job.status} withProblems={job.withProblems} retrying={job.nextRetryAt !== null} />
      }
      backAction={{ content: t.syncs, url: "/app/syncs" }}
      primaryAction={
        job.status === "failed" || job.status === "cancelled"
          ? {
              content: t.retry,
              loading: fetcher.state !== "idle",
              onAction: () => fetcher.submit({ intent: "retry" }, { method: "post" }),
            }
          : undefined
      }
      secondaryActions={
        live && !job.cancelRequested
          ? [
              {
                content: t.cancel,
                destructive: true,
                onAction: () => setConfirmingCancel(true),
              },
            ]
          : []
      }
    >
      <Modal
        open={confirmingCancel}
        onClose={() => setConfirmingCancel(false)}
        title={t.cancelTitle(job.title)}
        primaryAction={{ content: t.cancelRun, destructive: true, onAction: cancelRun }}
        secondaryActions={[{ content: t.keepRunning, onAction: () => setConfirmingCancel(false) }]}
      >
        <Modal.Section>
          <Text as="p">{job.status === "queued" ? t.cancelQueued : t.cancelRunning}</Text>
        </Modal.Section>
      </Modal>
      <Layout>
        {job.status === "cancelled" ? (
          <Layout.Section>
            <Banner tone="warning" title={t.cancelled}>
              <p>
                {job.counters.changed === 0
                  ? t.stoppedBeforeChange
                  : t.stoppedAfter(job.counters.changed, format.number(job.counters.changed))}
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        {job.withProblems ? (
          <Layout.Section>
            <Banner tone="warning" title={t.withProblems}>
              <p>{t.itemsFailed(job.counters.failed, format.number(job.counters.failed))}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {failure ? (
          <Layout.Section>
            <Banner tone="critical">{failure}</Banner>
          </Layout.Section>
        ) : null}
        {job.error && job.status !== "succeeded" ? (
          <Layout.Section>
            <Banner
              tone={job.status === "failed" ? "critical" : "warning"}
              title={
                job.status === "failed"
                  ? t.runFailed
                  : job.status === "skipped"
                    ? t.waitsForSetup
                    : job.nextRetryAt
                      ? t.nextAttemptAt(format.dateTime(job.nextRetryAt, timeZone))
                      : t.willRetry
              }
            >
              <p>{job.error.message}</p>
              {job.error.cause ? <TechnicalDetails details={job.error.cause} /> : null}
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between">
                <Text as="h2" variant="headingMd">
                  {t.progress}
                </Text>
                <Text as="span" tone="subdued">
                  {phase}
                  {job.progress.total
                    ? ` · ${format.number(job.progress.done)} / ${format.number(job.progress.total)}`
                    : ""}
                </Text>
              </InlineStack>
              <ProgressBar
                animated={false}
                progress={percent}
                tone={job.status === "failed" ? "critical" : "primary"}
                aria-label={t.progressLabel}
              />
              <Text as="p" tone="subdued">
                {format.percent(percent / 100)}
                {t.attempt(job.attempt, job.maxAttempts, triggers[job.trigger] ?? job.trigger)}
                {job.nextRetryAt ? t.waitingToRetry(format.dateTime(job.nextRetryAt, timeZone)) : ""}
                {job.cancelRequested && live ? t.stopping : ""}
              </Text>
              <InlineGrid columns={5} gap="200">
                <Counter label={t.counters.seen} value={job.counters.seen} />
                <Counter label={t.counters.changed} value={job.counters.changed} />
                <Counter label={t.counters.unchanged} value={job.counters.unchanged} />
                <Counter label={t.counters.skipped} value={job.counters.skipped} />
                <Counter label={t.counters.failed} value={job.counters.failed} />
              </InlineGrid>
              <Text as="p" tone="subdued">
                {t.queuedAt(format.dateTime(job.createdAt, timeZone))}
                {job.firstStartedAt ? t.startedAt(format.dateTime(job.firstStartedAt, timeZone)) : ""}
                {job.finishedAt ? t.finishedAt(format.dateTime(job.finishedAt, timeZone)) : ""}
                {job.durationSeconds !== null ? t.took(formatDuration(job.durationSeconds, format.locale)) : ""}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        {/* Last on the page: when the lists arrive after the first paint, nothing below them moves. */}
        <Suspense fallback={<ListsPlaceholder />}>
          <Await resolve={lists} errorElement={<ListsFailed />}>
            {({ changes, failed, skipped, log }) => (
              <>
                <Layout.Section>
                  <ChangesCard jobId={job.id} changes={changes} filter={changeFilter} timeZone={timeZone} />
                </Layout.Section>
                {failed.total > 0 ? (
                  <Layout.Section>
                    <ItemsCard
                      jobId={job.id}
                      outcome="failed"
                      title={t.failedRows}
                      prefix="f"
                      items={failed}
                      timeZone={timeZone}
                    />
                  </Layout.Section>
                ) : null}
                <Layout.Section>
                  <ItemsCard
                    jobId={job.id}
                    outcome="skipped"
                    title={t.skippedRecords}
                    prefix="s"
                    items={skipped}
                    filter={filter}
                    timeZone={timeZone}
                  />
                </Layout.Section>
                <Layout.Section>
                  <LogCard log={log} timeZone={timeZone} />
                </Layout.Section>
              </>
            )}
          </Await>
        </Suspense>
      </Layout>
    </Page>
  );
}

/** Wall-clock seconds as a merchant reads them: "54 s", "3 min 05 s", "1 h 02 min" (French: "4,5 s"). */
function formatDuration(seconds: number, locale: Locale): string {
  if (seconds < 60) {
    const short = seconds.toFixed(1).replace(/\.0$/, "");
    return `${seconds < 10 ? (locale === "fr" ? short.replace(".", ",") : short) : Math.round(seconds)} s`;
  }
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}

function Counter({ label, value }: { label: string; value: number }) {
  const format = useFormat();
  return (
    <BlockStack gap="050">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="headingLg">
        {format.number(value)}
      </Text>
    </BlockStack>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Lists = Awaited<LoaderData["lists"]>;

/** Where the lists go while they are on their way. */
function ListsPlaceholder() {
  return (
    <Layout.Section>
      <Card>
        <SkeletonBodyText lines={4} />
      </Card>
    </Layout.Section>
  );
}

function ListsFailed() {
  const t = useWords(WORDS);
  return (
    <Layout.Section>
      <Banner tone="critical">{t.listsFailed}</Banner>
    </Layout.Section>
  );
}

function LogCard({ log, timeZone }: { log: Lists["log"]; timeZone: string }) {
  const t = useWords(WORDS);
  const format = useFormat();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t.log(format.number(log.total))}
        </Text>
        {log.items.length === 0 ? (
          <Text as="p" tone="subdued">
            {t.noLog}
          </Text>
        ) : (
          log.items.map((line) => (
            <InlineStack key={line.id} gap="200" wrap={false} blockAlign="start">
              <Text as="span" tone="subdued">
                {format.dateTime(line.at, timeZone)}
              </Text>
              <Badge tone={line.level === "error" ? "critical" : line.level === "warn" ? "warning" : undefined}>
                {t.levels[line.level] ?? line.level}
              </Badge>
              <Text as="span">{line.message}</Text>
            </InlineStack>
          ))
        )}
        <ListPager prefix="l" page={log} shown={log.items.length} pageSize={PAGE_SIZE} />
      </BlockStack>
    </Card>
  );
}

/** Downloads a CSV route of this app (fetch, not a link, so App Bridge adds the session token). */
async function download(path: string, filename: string) {
  const response = await fetch(path);
  const url = URL.createObjectURL(await response.blob());
  const a = Object.assign(document.createElement("a"), { href: url, download: filename });
  a.click();
  URL.revokeObjectURL(url);
}

function ChangesCard({
  jobId,
  changes,
  filter,
  timeZone,
}: {
  jobId: string;
  changes: Lists["changes"];
  filter: LoaderData["changeFilter"];
  timeZone: string;
}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const t = useWords(WORDS);
  const format = useFormat();
  const [search, setSearch] = useState(filter.search ?? "");
  const applyFilter = (next: { field?: string; q?: string }) => {
    const params = firstPage(searchParams, "c");
    for (const key of ["cfield", "cq"]) params.delete(key);
    const field = next.field ?? filter.field;
    const q = next.q ?? search;
    if (field) params.set("cfield", field);
    if (q) params.set("cq", q);
    setSearchParams(params, { preventScrollReset: true });
  };
  const query = new URLSearchParams();
  if (filter.field) query.set("field", filter.field);
  if (filter.search) query.set("q", filter.search);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t.changes(format.number(changes.total))}
          </Text>
          <Button
            onClick={() => download(`/app/runs/${jobId}/changes.csv?${query.toString()}`, `changes-${jobId}.csv`)}
            disabled={changes.total === 0}
          >
            {t.exportChanges}
          </Button>
        </InlineStack>
        <InlineStack gap="200" blockAlign="end">
          <Select
            label={t.field}
            options={[{ label: t.all, value: "" }, ...changes.fields.map((f) => ({ label: f, value: f }))]}
            value={filter.field ?? ""}
            onChange={(field) => applyFilter({ field })}
          />
          <div style={{ minWidth: 280 }}>
            <TextField
              label={t.searchItem}
              value={search}
              onChange={setSearch}
              autoComplete="off"
              connectedRight={<Button onClick={() => applyFilter({ q: search })}>{t.filterChanges}</Button>}
            />
          </div>
        </InlineStack>
        {changes.items.length === 0 ? (
          <Text as="p" tone="subdued">
            {t.nothingChanged(Boolean(filter.field || filter.search))}
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text", "text"]}
            headings={t.changeHeadings}
            rows={changes.items.map((c) => [
              c.externalId,
              c.field,
              c.before ?? "—",
              c.after ?? "—",
              format.dateTime(c.at, timeZone),
            ])}
          />
        )}
        <ListPager prefix="c" page={changes} shown={changes.items.length} pageSize={PAGE_SIZE} />
      </BlockStack>
    </Card>
  );
}

function ItemsCard({
  jobId,
  outcome,
  title,
  prefix,
  items,
  filter,
  timeZone,
}: {
  jobId: string;
  outcome: "skipped" | "failed";
  title: string;
  prefix: string;
  items: Lists["skipped"];
  filter?: LoaderData["filter"];
  timeZone: string;
}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const t = useWords(WORDS);
  const format = useFormat();
  const [search, setSearch] = useState(filter?.search ?? "");
  const applyFilter = (next: { entity?: string; q?: string }) => {
    const params = firstPage(searchParams, prefix);
    for (const key of ["entity", "q"]) params.delete(key);
    const entity = next.entity ?? filter?.entity;
    const q = next.q ?? search;
    if (entity) params.set("entity", entity);
    if (q) params.set("q", q);
    setSearchParams(params, { preventScrollReset: true });
  };
  const query = new URLSearchParams({ outcome });
  if (filter?.entity) query.set("entity", filter.entity);
  if (filter?.search) query.set("q", filter.search);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {title} ({format.number(items.total)})
          </Text>
          <Button
            onClick={() => download(`/app/runs/${jobId}/skipped.csv?${query.toString()}`, `${outcome}-${jobId}.csv`)}
            disabled={items.total === 0}
          >
            {outcome === "failed" ? t.exportFailed : t.exportCsv}
          </Button>
        </InlineStack>
        {filter ? (
          <InlineStack gap="200" blockAlign="end">
            <Select
              label={t.kind}
              options={[{ label: t.all, value: "" }, ...items.entities.map((e) => ({ label: e, value: e }))]}
              value={filter.entity ?? ""}
              onChange={(entity) => applyFilter({ entity })}
            />
            <div style={{ minWidth: 280 }}>
              <TextField
                label={t.searchIdOrReason}
                value={search}
                onChange={setSearch}
                autoComplete="off"
                connectedRight={<Button onClick={() => applyFilter({ q: search })}>{t.filter}</Button>}
              />
            </div>
          </InlineStack>
        ) : null}
        {items.items.length === 0 ? (
          <Text as="p" tone="subdued">
            {t.nothing(outcome, Boolean(filter?.entity || filter?.search))}
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text"]}
            headings={t.itemHeadings}
            rows={items.items.map((s) => [s.entity, s.externalId, s.reason, format.dateTime(s.at, timeZone)])}
          />
        )}
        <ListPager prefix={prefix} page={items} shown={items.items.length} pageSize={PAGE_SIZE} />
      </BlockStack>
    </Card>
  );
}
