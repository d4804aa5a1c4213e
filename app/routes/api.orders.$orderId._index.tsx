import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { NotFoundError } from "../lib/errors";
import { withErrorResponses } from "../lib/http-errors.server";
import { orderScreen } from "../sync/orders/screens.server";

// GET /api/orders/<id> — one order: where it stands, customer, lines, amounts and its timeline.
export const loader = withErrorResponses(async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  const screen = await orderScreen(caller.shop, params.orderId ?? "");
  if (!screen) throw new NotFoundError("This order is not in the app's records.");
  const { order, customer, lines, amounts, timeline } = screen;
  return json({ order, customer, lines, amounts, timeline });
});
