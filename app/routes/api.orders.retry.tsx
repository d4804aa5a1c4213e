import { json } from "@remix-run/node";
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { ValidationError } from "../lib/errors";
import { withErrorResponses } from "../lib/http-errors.server";
import { KiB, methodNotAllowed, readJsonObjectBody } from "../lib/request-body.server";
import { retryOrders } from "../sync/orders/screens.server";

// POST /api/orders/retry — { ids: [...] }: Retry on each order (up to 250) → 202 with the queued jobs and
// the orders not retried, each with the reason.
export const action = withErrorResponses(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const caller = await authenticateApi(request);
  const body = await readJsonObjectBody(request, { maxBytes: 64 * KiB });
  const ids = body.ids;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string"))
    throw new ValidationError("ids must be a list of order ids.", { ids: "a list of order ids" });
  return json(await retryOrders(caller.shop, ids), { status: 202 });
});
