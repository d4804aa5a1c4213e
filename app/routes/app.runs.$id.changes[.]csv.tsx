import type { LoaderFunctionArgs } from "@remix-run/node";
import { allChanges, changesToCsv, getJob } from "../jobs/api.server";
import { localeOfRequest } from "../i18n/locale";
import { jobDeps } from "../jobs/deps.server";
import { NotFoundError } from "../lib/errors";
import { withErrorResponses } from "../lib/http-errors.server";
import { authenticate } from "../shopify.server";
import { shopTimeZone } from "../shops/time-zone.server";

// What a run changed (item, field, before, after) as CSV, headed in the admin's language; times in the shop's time zone with its offset.
export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const job = await getJob(jobDeps, session.shop, params.id ?? "", { logLines: 0 });
  if (!job) throw new NotFoundError("This sync run does not exist.");
  const url = new URL(request.url);
  const [changes, timeZone] = await Promise.all([
    allChanges(jobDeps, session.shop, job.id, {
      field: url.searchParams.get("field") || undefined,
      search: url.searchParams.get("q") || undefined,
    }),
    shopTimeZone(session.shop),
  ]);
  return new Response(changesToCsv(changes, timeZone, locale), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="changes-${job.id}.csv"`,
    },
  });
});
