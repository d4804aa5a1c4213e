import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { getJob } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import { jsonError } from "../lib/http.server";

// GET /api/jobs/<id> — the state of a sync run: status, progress, counters, error, recent log.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  try {
    const caller = await authenticateApi(request);
    const job = await getJob(jobDeps, caller.shop, params.id ?? "", { logLines: 50 });
    if (!job) return json({ error: "No such job for this shop." }, { status: 404 });
    return json(job);
  } catch (error) {
    return jsonError(error);
  }
};
