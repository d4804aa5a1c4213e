import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
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
import { useEffect, useMemo, useState } from "react";
import { describeSchedule, listJobTypes, previewNextRuns, updateSchedule } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import {
  DAY_NAMES,
  MINUTE_STEPS,
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
import { formatDateTime } from "../lib/format";
import { formResult } from "../lib/http.server";
import { authenticate } from "../shopify.server";
import { shopTimeZone } from "../shops/time-zone.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const jobType = (await listJobTypes(jobDeps, session.shop)).find((t) => t.type === params.type);
  if (!jobType) throw new Response("There is no such sync.", { status: 404 });
  return { jobType, shopTimeZone: await shopTimeZone(session.shop), timeZones: timeZoneNames() };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const cron = String(form.get("cron") ?? "");
  const timezone = String(form.get("timezone") ?? "");
  if (form.get("intent") === "preview") {
    const fieldErrors = scheduleErrors(cron, timezone);
    if (Object.keys(fieldErrors).length) return { ok: false as const, message: "", fieldErrors, saved: false };
    return {
      ok: true as const,
      saved: false,
      description: describeSchedule(cron, timezone),
      nextRuns: previewNextRuns(cron, timezone, 5).map((d) => d.toISOString()),
    };
  }
  const result = await formResult(async () => ({
    ok: true as const,
    ...(await updateSchedule(jobDeps, session.shop, params.type ?? "", { cron, timezone })),
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
): { cron: string } | { errors: Record<string, string> } {
  if (mode === "cron") return { cron };
  const errors: Record<string, string> = {};
  const windows = windowsFromText(fields.windows);
  if (mode !== "daily" && windows === null)
    errors.windows = "Write hours of the day from 0 to 23, like 0-2, 5-23 (both ends included).";
  const minute = Number(fields.minute);
  if (mode === "hourly" && !(Number.isInteger(minute) && minute >= 0 && minute <= 59 && fields.minute.trim() !== ""))
    errors.minute = "A minute from 0 to 59.";
  const times = timesFromText(fields.times);
  if (mode === "daily" && !times)
    errors.times = "Times like 6:00, or 8:30, 12:30 (several times share the same minutes).";
  if (fields.days.length === 0) errors.days = "Choose at least one day.";
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
  const { jobType, shopTimeZone, timeZones } = useLoaderData<typeof loader>();
  const schedule = jobType.schedule;
  const initial = useMemo(() => pickerState(schedule?.cron ?? ""), [schedule?.cron]);
  const [mode, setMode] = useState<Mode>(initial.mode);
  const [fields, setFields] = useState(initial);
  const [customCron, setCustomCron] = useState(schedule?.cron ?? "");
  const [timezone, setTimezone] = useState(schedule?.timezone ?? shopTimeZone);
  const preview = useFetcher<typeof action>();
  const save = useFetcher<typeof action>();
  const set = (patch: Partial<typeof fields>) => setFields((current) => ({ ...current, ...patch }));

  const picked = pickedCron(mode, fields, customCron);
  const cron = "cron" in picked ? picked.cron : null;
  const chooseMode = (next: Mode) => {
    // Switching to the advanced field shows the cron the picker made, to start from.
    if (next === "cron" && cron) setCustomCron(cron);
    setMode(next);
  };

  // Preview as the merchant picks (debounced), so a wrong schedule is visible before saving.
  useEffect(() => {
    if (cron === null) return;
    const timer = setTimeout(() => preview.submit({ intent: "preview", cron, timezone }, { method: "post" }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- preview.submit is stable enough; re-run only on input
  }, [cron, timezone]);

  const serverErrors =
    (save.data && !save.data.ok ? save.data.fieldErrors : undefined) ??
    (preview.data && !preview.data.ok ? preview.data.fieldErrors : {});
  const fieldErrors: Record<string, string> = { ...serverErrors, ...("errors" in picked ? picked.errors : {}) };
  const nextRuns = cron !== null && preview.data?.ok ? preview.data.nextRuns : [];
  const zoneOptions = timeZones.includes(timezone) ? timeZones : [timezone, ...timeZones];

  return (
    <Page title={`Schedule — ${jobType.title}`} backAction={{ content: "Syncs", url: "/app/syncs" }}>
      <Layout>
        <Layout.Section>
          {!schedule ? (
            <Banner tone="info">This sync has no schedule; it runs when started from the Syncs page or the API.</Banner>
          ) : (
            <Card>
              <save.Form method="post">
                <FormLayout>
                  {save.data?.ok && save.data.saved ? (
                    <Banner tone="success">Saved: runs {save.data.description}.</Banner>
                  ) : null}
                  {save.data && !save.data.ok && save.data.message ? (
                    <Banner tone="critical">{save.data.message}</Banner>
                  ) : null}
                  <input type="hidden" name="cron" value={cron ?? ""} />
                  <Select
                    label="How often"
                    value={mode}
                    onChange={(value) => chooseMode(value as Mode)}
                    options={[
                      { label: "Every few minutes", value: "minutes" },
                      { label: "Every hour", value: "hourly" },
                      { label: "At set times of the day", value: "daily" },
                      { label: "Custom (advanced: cron)", value: "cron" },
                    ]}
                  />
                  {mode === "minutes" ? (
                    <Select
                      label="Every"
                      value={fields.every}
                      onChange={(every) => set({ every })}
                      options={MINUTE_STEPS.map((n) => ({
                        label: n === 1 ? "minute" : `${n} minutes`,
                        value: String(n),
                      }))}
                    />
                  ) : null}
                  {mode === "hourly" ? (
                    <TextField
                      label="At this many minutes past the hour"
                      type="number"
                      min={0}
                      max={59}
                      value={fields.minute}
                      onChange={(minute) => set({ minute })}
                      autoComplete="off"
                      error={fieldErrors.minute}
                      helpText="10 runs at 0:10, 1:10, 2:10 …"
                    />
                  ) : null}
                  {mode === "daily" ? (
                    <TextField
                      label="At"
                      value={fields.times}
                      onChange={(times) => set({ times })}
                      autoComplete="off"
                      error={fieldErrors.times}
                      helpText="One time like 6:30, or several with the same minutes: 8:30, 12:30, 18:30."
                    />
                  ) : null}
                  {mode === "minutes" || mode === "hourly" ? (
                    <TextField
                      label="Only during these hours (leave empty for all day)"
                      value={fields.windows}
                      onChange={(windows) => set({ windows })}
                      autoComplete="off"
                      error={fieldErrors.windows}
                      helpText="Hours of the day, both ends included: 0-2, 5-23 leaves out 3:00 to 4:59."
                    />
                  ) : null}
                  {mode !== "cron" ? (
                    <BlockStack gap="100">
                      <Text as="p">On these days</Text>
                      <InlineStack gap="300">
                        {WEEK.map((day) => (
                          <Checkbox
                            key={day}
                            label={DAY_NAMES[day]}
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
                      label="Cron (minute, hour, day of the month, month, day of the week)"
                      value={customCron}
                      onChange={setCustomCron}
                      autoComplete="off"
                      error={fieldErrors.cron}
                      helpText="For schedules the choices above cannot say, e.g. 0 2 1 * * (at 2:00 on the first of each month)."
                    />
                  )}
                  {mode !== "cron" && fieldErrors.cron ? <Banner tone="critical">{fieldErrors.cron}</Banner> : null}
                  <Select
                    label="Time zone"
                    name="timezone"
                    value={timezone}
                    onChange={setTimezone}
                    options={zoneOptions.map((zone) => ({ label: zone.replaceAll("_", " "), value: zone }))}
                    error={fieldErrors.timezone}
                  />
                  <InlineStack gap="200">
                    <Button submit variant="primary" loading={save.state !== "idle"} disabled={cron === null}>
                      Save schedule
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
                  Next five runs
                </Text>
                {cron !== null && preview.data?.ok ? (
                  <>
                    <Text as="p">Runs {preview.data.description}.</Text>
                    <List>
                      {nextRuns.map((run) => (
                        <List.Item key={run}>{formatDateTime(run, timezone)}</List.Item>
                      ))}
                    </List>
                  </>
                ) : (
                  <Text as="p" tone="subdued">
                    {Object.keys(fieldErrors).length ? "Fix the schedule to see when it runs." : "…"}
                  </Text>
                )}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
