import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { ValidationError } from "../lib/errors";
import { publishNow, readinessScreen, saveReadinessSettings } from "../sync/publishing/screen.server";

// GET /api/catalog/readiness[?reason=no image] — draft products with why each is not ready, the rules and
// channels. PUT — { rules?: { image: false, … }, publicationIds?: [...] }. POST — publish the ready
// ones now (202 with the job id). docs/api.md.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  return json(await readinessScreen(caller.shop, new URL(request.url).searchParams.get("reason")));
});

export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  const caller = await authenticateApi(request);
  if (request.method === "POST") {
    const { jobId, status } = await publishNow(caller.shop, "api");
    return json(
      { jobId, status, statusUrl: `/api/jobs/${jobId}` },
      { status: 202, headers: { Location: `/api/jobs/${jobId}` } },
    );
  }
  if (request.method !== "PUT") return methodNotAllowed("GET, PUT, POST");
  const body = await readJsonObjectBody(request, { maxBytes: 16 * KiB });
  const unknown = Object.keys(body).filter((key) => key !== "rules" && key !== "publicationIds");
  if (unknown.length)
    throw new ValidationError(
      'The body takes "rules" and "publicationIds".',
      Object.fromEntries(unknown.map((key) => [key, "not a field of this request"])),
    );
  return json(await saveReadinessSettings(caller.shop, body));
});
