import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { feedApi } from "../event-feed/api.server";
import { NotFoundError } from "../lib/errors";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";

// POST /api/event-feed/endpoints/<id>/test — posts a sample event now and answers what the endpoint said.
// POST /api/event-feed/endpoints/<id>/rotate-secret — { overlapHours? (24) }: the new secret, shown once.
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await authenticateApi(request);
  const id = params.id ?? "";
  if (params.operation === "test") return json(await feedApi.sendTest(caller.shop, id));
  if (params.operation === "rotate-secret") {
    const hasBody = (request.headers.get("content-length") ?? "0") !== "0";
    const body = hasBody ? await readJsonObjectBody(request, { maxBytes: 1 * KiB }) : {};
    const overlapHours = body.overlapHours === undefined ? undefined : Number(body.overlapHours);
    return json(await feedApi.rotateSecret(caller.shop, id, overlapHours));
  }
  throw new NotFoundError("Endpoints take POST …/test and POST …/rotate-secret.");
});

export const loader = () => methodNotAllowed("POST");
