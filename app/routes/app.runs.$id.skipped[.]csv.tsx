import type { LoaderFunctionArgs } from "@remix-run/node";
import { getJob, listSkipped, skippedToCsv } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import { NotFoundError } from "../lib/errors";
import { withErrorResponses } from "../lib/http-errors.server";
import { authenticate } from "../shopify.server";

const EXPORT_LIMIT = 100_000;

export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const job = await getJob(jobDeps, session.shop, params.id ?? "", { logLines: 0 });
  if (!job) throw new NotFoundError("This sync run does not exist.");
  const url = new URL(request.url);
  const { items } = await listSkipped(jobDeps, session.shop, job.id, {
    entity: url.searchParams.get("entity") || undefined,
    search: url.searchParams.get("q") || undefined,
    limit: EXPORT_LIMIT,
  });
  return new Response(skippedToCsv(items), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="skipped-${job.id}.csv"`,
    },
  });
});
