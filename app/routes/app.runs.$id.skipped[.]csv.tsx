import type { LoaderFunctionArgs } from "@remix-run/node";
import { allRunItems, getJob, skippedToCsv } from "../jobs/api.server";
import { localeOfRequest } from "../i18n/locale";
import { jobDeps } from "../jobs/deps.server";
import { NotFoundError } from "../lib/errors";
import { withErrorResponses } from "../lib/http-errors.server";
import { authenticate } from "../shopify.server";
import { shopTimeZone } from "../shops/time-zone.server";

// The run's skipped records (or, with ?outcome=failed, its failed rows) as CSV, headed and reasoned in the
// admin's language; times with the shop's offset.
export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { locale } = localeOfRequest(request);
  const job = await getJob(jobDeps, session.shop, params.id ?? "", { logLines: 0 });
  if (!job) throw new NotFoundError("This sync run does not exist.");
  const url = new URL(request.url);
  const outcome = url.searchParams.get("outcome") === "failed" ? "failed" : "skipped";
  const [items, timeZone] = await Promise.all([
    allRunItems(
      jobDeps,
      session.shop,
      job.id,
      {
        outcome,
        entity: url.searchParams.get("entity") || undefined,
        search: url.searchParams.get("q") || undefined,
      },
      undefined,
      locale,
    ),
    shopTimeZone(session.shop),
  ]);
  return new Response(skippedToCsv(items, timeZone, locale), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${outcome}-${job.id}.csv"`,
    },
  });
});
