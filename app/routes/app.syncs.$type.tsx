import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineStack,
  Layout,
  List,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import { describeSchedule, listJobTypes, previewNextRuns, updateSchedule } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import { scheduleErrors } from "../jobs/schedules.server";
import { formatDateTime } from "../lib/format";
import { formResult } from "../lib/http.server";
import { authenticate } from "../shopify.server";
import { shopTimeZone } from "../shops/time-zone.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const jobType = (await listJobTypes(jobDeps, session.shop)).find((t) => t.type === params.type);
  if (!jobType) throw new Response("There is no such sync.", { status: 404 });
  return { jobType, shopTimeZone: await shopTimeZone(session.shop) };
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

export default function ScheduleEditor() {
  const { jobType, shopTimeZone } = useLoaderData<typeof loader>();
  const schedule = jobType.schedule;
  const [cron, setCron] = useState(schedule?.cron ?? "");
  const [timezone, setTimezone] = useState(schedule?.timezone ?? shopTimeZone);
  const preview = useFetcher<typeof action>();
  const save = useFetcher<typeof action>();

  // Preview as the merchant types (debounced), so a wrong cron is visible before saving.
  useEffect(() => {
    const timer = setTimeout(() => preview.submit({ intent: "preview", cron, timezone }, { method: "post" }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- preview.submit is stable enough; re-run only on input
  }, [cron, timezone]);

  const fieldErrors =
    (save.data && !save.data.ok ? save.data.fieldErrors : undefined) ??
    (preview.data && !preview.data.ok ? preview.data.fieldErrors : {});
  const nextRuns = preview.data?.ok ? preview.data.nextRuns : [];

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
                  <TextField
                    label="When (cron: minute hour day-of-month month day-of-week)"
                    name="cron"
                    value={cron}
                    onChange={setCron}
                    autoComplete="off"
                    error={fieldErrors.cron}
                    helpText="Examples: */2 * * * * (every 2 minutes), 35 * * * * (every hour at :35), 10 0-2,5-23 * * * (at :10 except 3–4 am)"
                  />
                  <TextField
                    label="Time zone"
                    name="timezone"
                    value={timezone}
                    onChange={setTimezone}
                    autoComplete="off"
                    error={fieldErrors.timezone}
                  />
                  <InlineStack gap="200">
                    <Button submit variant="primary" loading={save.state !== "idle"}>
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
                {preview.data?.ok ? (
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
