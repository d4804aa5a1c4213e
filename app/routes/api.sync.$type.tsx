import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { enqueueJob } from "../jobs/api.server";
import { jobDeps } from "../jobs/deps.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { ValidationError } from "../lib/errors";

/** A sync's settings are a few fields; anything bigger is not a sync request. */
const MAX_BODY_BYTES = 16 * KiB;

// POST /api/sync/<type> — starts a sync and answers 202 with the job id at once (the seed's
// "async call: I don't wait for an answer"). Optional JSON body: { "params": { … } }.
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await authenticateApi(request);
  const body = await readJsonObjectBody(request, { maxBytes: MAX_BODY_BYTES, optional: true });
  const { jobId, status } = await enqueueJob(jobDeps, {
    shop: caller.shop,
    type: params.type ?? "",
    trigger: "api",
    params: syncParams(body),
  });
  return json(
    { jobId, status, statusUrl: `/api/jobs/${jobId}` },
    { status: 202, headers: { Location: `/api/jobs/${jobId}` } },
  );
});

export const loader = () => methodNotAllowed("POST");

function syncParams(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const unknown = Object.keys(body).filter((key) => key !== "params");
  if (unknown.length > 0)
    throw new ValidationError(
      'The body takes only "params".',
      Object.fromEntries(unknown.map((key) => [key, "not a field of this request"])),
    );
  const { params } = body;
  if (params !== undefined && (typeof params !== "object" || params === null || Array.isArray(params)))
    throw new ValidationError('"params" must be an object.', { params: "must be an object" });
  return params as Record<string, unknown> | undefined;
}
