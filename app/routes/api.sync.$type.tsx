import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { enqueueJob } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import { jsonError } from "../lib/http.server";

// POST /api/sync/<type> — starts a sync and answers 202 with the job id at once (the seed's
// "async call: I don't wait for an answer"). Optional JSON body: { "params": { … } }.
export const action = async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return json({ error: "Use POST." }, { status: 405, headers: { Allow: "POST" } });
  try {
    const caller = await authenticateApi(request);
    const body = await readJsonBody(request);
    const { jobId, status } = await enqueueJob(jobDeps, {
      shop: caller.shop,
      type: params.type ?? "",
      trigger: "api",
      params: body.params,
    });
    return json(
      { jobId, status, statusUrl: `/api/jobs/${jobId}` },
      { status: 202, headers: { Location: `/api/jobs/${jobId}` } },
    );
  } catch (error) {
    return jsonError(error);
  }
};

export const loader = () => json({ error: "Use POST to start a sync." }, { status: 405, headers: { Allow: "POST" } });

async function readJsonBody(request: Request): Promise<{ params?: Record<string, unknown> }> {
  const text = await request.text();
  if (!text.trim()) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw json({ error: "The body is not valid JSON." }, { status: 400 });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw json({ error: "The body must be a JSON object." }, { status: 400 });
  const params = (body as { params?: unknown }).params;
  if (params !== undefined && (typeof params !== "object" || params === null || Array.isArray(params))) {
    throw json({ error: '"params" must be an object.' }, { status: 400 });
  }
  return { params: params as Record<string, unknown> | undefined };
}
