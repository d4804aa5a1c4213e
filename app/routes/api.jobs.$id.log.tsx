import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { getJob, listRunLog } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import { NotFoundError } from "../lib/errors";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";

// GET /api/jobs/<id>/log?level=&limit=&after=&before= — a run's whole log, oldest line first, paged by cursor.
export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  const job = await getJob(jobDeps, caller.shop, params.id ?? "", { logLines: 0 });
  if (!job) throw new NotFoundError("No such job for this shop.");
  const query = new URL(request.url).searchParams;
  return json(
    await listRunLog(jobDeps, caller.shop, job.id, {
      level: query.get("level") || undefined,
      limit: query.get("limit") ? Number(query.get("limit")) || undefined : undefined,
      after: query.get("after"),
      before: query.get("before"),
    }),
  );
});

export const action = () => methodNotAllowed("GET");
