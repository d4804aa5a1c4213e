import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  List,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { startTransition, useEffect, useMemo, useState } from "react";
import { RunHistory } from "../components/RunHistory";
import { describeSchedule, jobTypeOverview, listRuns, previewNextRuns, updateSchedule } from "../jobs/api.server";
import { localeOfRequest, type Locale } from "../i18n/locale";
import { defineWords, useFormat, useLocale, useWords } from "../i18n/words";
import { jobDeps } from "../jobs/deps.server";
import { mapPage, pageRequestFrom } from "../lib/keyset.server";
import {
  MINUTE_STEPS,
  dayNames,
  cronFromPlan,
  planFromCron,
  timeZoneNames,
  timesFromText,
  timesToText,
  windowsFromText,
  windowsToText,
  type PlanKind,
  type SchedulePlan,
} from "../jobs/schedule-words";
import { scheduleErrors } from "../jobs/schedules.server";
import { formResult } from "../lib/http.server";
import { authenticate } from "../shopify.server";
import { shopTimeZone } from "../shops/time-zone.server";

/** Runs on a page of the sync's history. */
const RUNS_PER_PAGE = 20;

const WORDS = defineWords({
  en: {
    noSuchSync: "There is no such sync.",
    notValid: "The schedule is not valid.",
    title: (sync: string) => `Schedule — ${sync}`,
    syncs: "Syncs",
    noSchedule: "This sync has no schedule; it runs when started from the Syncs page or the API.",
    saved: (description: string) => `Saved: runs ${description}.`,
    howOften: "How often",
    modes: {
      minutes: "Every few minutes",
      hourly: "Every hour",
      daily: "At set times of the day",
      cron: "Custom (advanced: cron)",
    },
    every: "Every",
    minuteStep: (n: number) => (n === 1 ? "minute" : `${n} minutes`),
    minutePast: "At this many minutes past the hour",
    minutePastHelp: "10 runs at 0:10, 1:10, 2:10 …",
    at: "At",
    atHelp: "One time like 6:30, or several with the same minutes: 8:30, 12:30, 18:30.",
    windows: "Only during these hours (leave empty for all day)",
    windowsHelp: "Hours of the day, both ends included: 0-2, 5-23 leaves out 3:00 to 4:59.",
    onDays: "On these days",
    cron: "Cron (minute, hour, day of the month, month, day of the week)",
    cronHelp: "For schedules the choices above cannot say, e.g. 0 2 1 * * (at 2:00 on the first of each month).",
    timeZone: "Time zone",
    save: "Save schedule",
    nextFive: "Next five runs",
    runs: (description: string) => `Runs ${description}.`,
    fixToSee: "Fix the schedule to see when it runs.",
    errors: {
      windows: "Write hours of the day from 0 to 23, like 0-2, 5-23 (both ends included).",
      minute: "A minute from 0 to 59.",
      times: "Times like 6:00, or 8:30, 12:30 (several times share the same minutes).",
      days: "Choose at least one day.",
    },
  },
  fr: {
    noSuchSync: "Cette synchronisation n'existe pas.",
    notValid: "La planification n'est pas valide.",
    title: (sync: string) => `Planification — ${sync}`,
    syncs: "Synchronisations",
    noSchedule:
      "Cette synchronisation n'a pas de planification ; elle s'exécute quand on la lance depuis la page Synchronisations ou l'API.",
    saved: (description: string) => `Enregistré : s'exécute ${description}.`,
    howOften: "Fréquence",
    modes: {
      minutes: "Toutes les quelques minutes",
      hourly: "Toutes les heures",
      daily: "À des heures précises de la journée",
      cron: "Personnalisée (avancé : cron)",
    },
    every: "Toutes les",
    minuteStep: (n: number) => (n === 1 ? "minute" : `${n} minutes`),
    minutePast: "À cette minute de chaque heure",
    minutePastHelp: "Avec 10, s'exécute à 0:10, 1:10, 2:10 …",
    at: "À",
    atHelp: "Une heure comme 6:30, ou plusieurs avec les mêmes minutes : 8:30, 12:30, 18:30.",
    windows: "Seulement pendant ces heures (laisser vide pour toute la journée)",
    windowsHelp: "Heures de la journée, bornes comprises : 0-2, 5-23 exclut de 3:00 à 4:59.",
    onDays: "Jours d'exécution",
    cron: "Cron (minute, heure, jour du mois, mois, jour de la semaine)",
    cronHelp:
      "Pour les planifications que les choix ci-dessus ne permettent pas, par ex. 0 2 1 * * (à 2:00 le premier de chaque mois).",
    timeZone: "Fuseau horaire",
    save: "Enregistrer la planification",
    nextFive: "Cinq prochaines exécutions",
    runs: (description: string) => `S'exécute ${description}.`,
    fixToSee: "Corrigez la planification pour voir quand elle s'exécute.",
    errors: {
      windows: "Écrivez des heures de la journée de 0 à 23, comme 0-2, 5-23 (bornes comprises).",
      minute: "Une minute de 0 à 59.",
      times: "Des heures comme 6:00, ou 8:30, 12:30 (plusieurs heures partagent les mêmes minutes).",
      days: "Choisissez au moins un jour.",
    },
  },
});

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const jobType = await jobTypeOverview(jobDeps, session.shop, params.type ?? "", locale);
  if (!jobType) throw new Response(WORDS[locale].noSuchSync, { status: 404 });
  const search = new URL(request.url).searchParams;
  const filter = { type: jobType.type, status: search.get("status") || null };
  const [timeZone, runs] = await Promise.all([
    shopTimeZone(session.shop),
    listRuns(jobDeps, session.shop, { ...filter, ...pageRequestFrom(search), limit: RUNS_PER_PAGE }, locale),
  ]);
  // The first preview comes with the page: the screen's largest text is there at first paint, instead
  // of after the scripts, a debounce and a request (what made this screen's LCP seconds long).
  const start = jobType.schedule ? startingPreview(jobType.schedule.cron, jobType.schedule.timezone, locale) : null;
  const history = mapPage(runs, (r) => ({ ...r, title: jobType.title }));
  return { jobType, shopTimeZone: timeZone, start, runs: history, filter };
};

/** The preview of the cron the picker makes from a stored one, as the preview action would answer it. */
function startingPreview(storedCron: string, timezone: string, locale: Locale) {
  const state = pickerState(storedCron);
  const picked = pickedCron(state.mode, state, storedCron, WORDS[locale].errors);
  if (!("cron" in picked) || Object.keys(scheduleErrors(picked.cron, timezone, locale)).length) return null;
  return {
    cron: picked.cron,
    timezone,
    description: describeSchedule(picked.cron, timezone, locale),
    nextRuns: previewNextRuns(picked.cron, timezone, 5).map((d) => d.toISOString()),
  };
}

// A preview reads nothing the loaders return: it must not reload them (and the time zones' page data).
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" ? false : defaultShouldRevalidate;

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const form = await request.formData();
  const cron = String(form.get("cron") ?? "");
  const timezone = String(form.get("timezone") ?? "");
  // The field errors in the admin's language, before saving (the use-case's own are in English).
  const fieldErrors = scheduleErrors(cron, timezone, locale);
  const preview = form.get("intent") === "preview";
  if (Object.keys(fieldErrors).length)
    return { ok: false as const, message: preview ? "" : WORDS[locale].notValid, fieldErrors, saved: false };
  if (preview) {
    return {
      ok: true as const,
      saved: false,
      description: describeSchedule(cron, timezone, locale),
      nextRuns: previewNextRuns(cron, timezone, 5).map((d) => d.toISOString()),
    };
  }
  const result = await formResult(async () => ({
    ok: true as const,
    ...(await updateSchedule(jobDeps, session.shop, params.type ?? "", { cron, timezone }, locale)),
  }));
  return { ...result, saved: result.ok };
};

type Mode = PlanKind | "cron";

/** What the picker's fields hold (text as typed), from a stored cron. */
function pickerState(cron: string) {
  const plan = planFromCron(cron);
  // Crons with days of the month or months have no place in the picker: they stay crons.
  const simple = plan && plan.monthDays.length === 0 && plan.months.length === 0;
  return {
    mode: (simple && (plan.kind === "minutes" || plan.minutes.length === 1) ? plan.kind : "cron") as Mode,
    every: String(plan?.kind === "minutes" ? plan.every : 15),
    minute: String(plan?.kind === "hourly" ? (plan.minutes[0] ?? 0) : 0),
    times: plan?.kind === "daily" ? timesToText(plan.hours, plan.minutes) : "6:00",
    windows: plan && plan.kind !== "daily" ? windowsToText(plan.windows) : "",
    days: plan?.days.length ? plan.days : [0, 1, 2, 3, 4, 5, 6],
  };
}

/** The cron the picker's fields make, or the field errors that stop it. */
function pickedCron(
  mode: Mode,
  fields: ReturnType<typeof pickerState>,
  cron: string,
  words: (typeof WORDS)["en"]["errors"],
): { cron: string } | { errors: Record<string, string> } {
  if (mode === "cron") return { cron };
  const errors: Record<string, string> = {};
  const windows = windowsFromText(fields.windows);
  if (mode !== "daily" && windows === null) errors.windows = words.windows;
  const minute = Number(fields.minute);
  if (mode === "hourly" && !(Number.isInteger(minute) && minute >= 0 && minute <= 59 && fields.minute.trim() !== ""))
    errors.minute = words.minute;
  const times = timesFromText(fields.times);
  if (mode === "daily" && !times) errors.times = words.times;
  if (fields.days.length === 0) errors.days = words.days;
  if (Object.keys(errors).length) return { errors };
  const days = fields.days.length === 7 ? [] : fields.days;
  const plan: SchedulePlan = {
    kind: mode,
    every: Number(fields.every),
    minutes: mode === "hourly" ? [minute] : mode === "daily" ? [times!.minute] : [],
    hours: mode === "daily" ? times!.hours : [],
    windows: mode === "daily" ? [] : windows!,
    days,
    monthDays: [],
    months: [],
  };
  return { cron: cronFromPlan(plan) };
}

const WEEK = [1, 2, 3, 4, 5, 6, 0];

export default function ScheduleEditor() {
  const { jobType, shopTimeZone, start, runs, filter } = useLoaderData<typeof loader>();
  const t = useWords(WORDS);
  const format = useFormat();
  const days = dayNames(useLocale());
  const schedule = jobType.schedule;
  const initial = useMemo(() => pickerState(schedule?.cron ?? ""), [schedule?.cron]);
  const [mode, setMode] = useState<Mode>(initial.mode);
  const [fields, setFields] = useState(initial);
  const [customCron, setCustomCron] = useState(schedule?.cron ?? "");
  const [timezone, setTimezone] = useState(schedule?.timezone ?? shopTimeZone);
  const preview = useFetcher<typeof action>();
  const save = useFetcher<typeof action>();
  const set = (patch: Partial<typeof fields>) => setFields((current) => ({ ...current, ...patch }));

  const picked = pickedCron(mode, fields, customCron, t.errors);
  const cron = "cron" in picked ? picked.cron : null;
  const chooseMode = (next: Mode) => {
    // Switching to the advanced field shows the cron the picker made, to start from.
    if (next === "cron" && cron) setCustomCron(cron);
    setMode(next);
  };

  // The loader's preview while the picker says what is stored; the action's once the merchant changes it.
  const atStart = start !== null && cron === start.cron && timezone === start.timezone;
  // Preview as the merchant picks (debounced), so a wrong schedule is visible before saving.
  useEffect(() => {
    if (cron === null || atStart) return;
    const timer = setTimeout(() => preview.submit({ intent: "preview", cron, timezone }, { method: "post" }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- preview.submit is stable enough; re-run only on input
  }, [cron, timezone]);

  const serverErrors =
    (save.data && !save.data.ok ? save.data.fieldErrors : undefined) ??
    (preview.data && !preview.data.ok && !atStart ? preview.data.fieldErrors : {});
  const fieldErrors: Record<string, string> = { ...serverErrors, ...("errors" in picked ? picked.errors : {}) };
  const shown = atStart ? start : cron !== null && preview.data?.ok ? preview.data : null;
  const zoneOptions = useZoneOptions(timezone);

  return (
    <Page title={t.title(jobType.title)} backAction={{ content: t.syncs, url: "/app/syncs" }}>
      <Layout>
        <Layout.Section>
          {!schedule ? (
            <Banner tone="info">{t.noSchedule}</Banner>
          ) : (
            <Card>
              <save.Form method="post">
                <FormLayout>
                  {save.data?.ok && save.data.saved ? (
                    <Banner tone="success">{t.saved(save.data.description)}</Banner>
                  ) : null}
                  {save.data && !save.data.ok && save.data.message ? (
                    <Banner tone="critical">{save.data.message}</Banner>
                  ) : null}
                  <input type="hidden" name="cron" value={cron ?? ""} />
                  <Select
                    label={t.howOften}
                    value={mode}
                    onChange={(value) => chooseMode(value as Mode)}
                    options={(["minutes", "hourly", "daily", "cron"] as const).map((value) => ({
                      label: t.modes[value],
                      value,
                    }))}
                  />
                  {mode === "minutes" ? (
                    <Select
                      label={t.every}
                      value={fields.every}
                      onChange={(every) => set({ every })}
                      options={MINUTE_STEPS.map((n) => ({
                        label: t.minuteStep(n),
                        value: String(n),
                      }))}
                    />
                  ) : null}
                  {mode === "hourly" ? (
                    <TextField
                      label={t.minutePast}
                      type="number"
                      min={0}
                      max={59}
                      value={fields.minute}
                      onChange={(minute) => set({ minute })}
                      autoComplete="off"
                      error={fieldErrors.minute}
                      helpText={t.minutePastHelp}
                    />
                  ) : null}
                  {mode === "daily" ? (
                    <TextField
                      label={t.at}
                      value={fields.times}
                      onChange={(times) => set({ times })}
                      autoComplete="off"
                      error={fieldErrors.times}
                      helpText={t.atHelp}
                    />
                  ) : null}
                  {mode === "minutes" || mode === "hourly" ? (
                    <TextField
                      label={t.windows}
                      value={fields.windows}
                      onChange={(windows) => set({ windows })}
                      autoComplete="off"
                      error={fieldErrors.windows}
                      helpText={t.windowsHelp}
                    />
                  ) : null}
                  {mode !== "cron" ? (
                    <BlockStack gap="100">
                      <Text as="p">{t.onDays}</Text>
                      <InlineStack gap="300">
                        {WEEK.map((day) => (
                          <Checkbox
                            key={day}
                            label={days[day]}
                            checked={fields.days.includes(day)}
                            onChange={(checked) =>
                              set({
                                days: checked
                                  ? [...fields.days, day].sort((a, b) => a - b)
                                  : fields.days.filter((d) => d !== day),
                              })
                            }
                          />
                        ))}
                      </InlineStack>
                      {fieldErrors.days ? (
                        <Text as="p" tone="critical">
                          {fieldErrors.days}
                        </Text>
                      ) : null}
                    </BlockStack>
                  ) : (
                    <TextField
                      label={t.cron}
                      value={customCron}
                      onChange={setCustomCron}
                      autoComplete="off"
                      error={fieldErrors.cron}
                      helpText={t.cronHelp}
                    />
                  )}
                  {mode !== "cron" && fieldErrors.cron ? <Banner tone="critical">{fieldErrors.cron}</Banner> : null}
                  <Select
                    label={t.timeZone}
                    name="timezone"
                    value={timezone}
                    onChange={setTimezone}
                    options={zoneOptions}
                    error={fieldErrors.timezone}
                  />
                  <InlineStack gap="200">
                    <Button submit variant="primary" loading={save.state !== "idle"} disabled={cron === null}>
                      {t.save}
                    </Button>
                  </InlineStack>
                </FormLayout>
              </save.Form>
            </Card>
          )}
        </Layout.Section>
        {schedule ? (
          <Layout.Section variant="oneThird">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t.nextFive}
                </Text>
                {shown ? (
                  <>
                    <Text as="p">{t.runs(shown.description)}</Text>
                    <List>
                      {shown.nextRuns.map((run) => (
                        <List.Item key={run}>{format.dateTime(run, timezone)}</List.Item>
                      ))}
                    </List>
                  </>
                ) : (
                  <Text as="p" tone="subdued">
                    {Object.keys(fieldErrors).length ? t.fixToSee : "…"}
                  </Text>
                )}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <RunHistory runs={runs} pageSize={RUNS_PER_PAGE} timeZone={shopTimeZone} filter={filter} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/**
 * The time zones this browser knows (some 430), the chosen one first when it knows it by another
 * name. The page comes with the chosen zone alone: the whole list goes in once the screen is up, not
 * in the page's HTML, its data and its first render.
 */
function useZoneOptions(timezone: string): { label: string; value: string }[] {
  const [zones, setZones] = useState<string[]>([]);
  useEffect(() => {
    startTransition(() => setZones(timeZoneNames()));
  }, []);
  return useMemo(
    () =>
      (zones.includes(timezone) ? zones : [timezone, ...zones]).map((zone) => ({
        label: zone.replaceAll("_", " "),
        value: zone,
      })),
    [zones, timezone],
  );
}
