import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { getJob } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import { NotFoundError } from "../lib/errors";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";

// GET /api/jobs/<id> — the state of a sync run: status, progress, counters, error, recent log.
export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  const job = await getJob(jobDeps, caller.shop, params.id ?? "", { logLines: 50 });
  if (!job) throw new NotFoundError("No such job for this shop.");
  return json(job);
});

export const action = () => methodNotAllowed("GET");
