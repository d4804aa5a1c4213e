import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { getJob, listRunItems } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import { NotFoundError } from "../lib/errors";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";

// GET /api/jobs/<id>/items?outcome=skipped|failed&entity=&q=&limit=&after=&before= — the items a run
// skipped (on purpose) or failed (unreadable source rows…), each with its reason, paged by cursor.
export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  const job = await getJob(jobDeps, caller.shop, params.id ?? "", { logLines: 0 });
  if (!job) throw new NotFoundError("No such job for this shop.");
  const query = new URL(request.url).searchParams;
  return json(
    await listRunItems(jobDeps, caller.shop, job.id, {
      outcome: query.get("outcome") === "failed" ? "failed" : "skipped",
      entity: query.get("entity") || undefined,
      search: query.get("q") || undefined,
      limit: query.get("limit") ? Number(query.get("limit")) || undefined : undefined,
      after: query.get("after"),
      before: query.get("before"),
    }),
  );
});

export const action = () => methodNotAllowed("GET");
