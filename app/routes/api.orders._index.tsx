import { json } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { orderListParams, ordersScreen } from "../sync/orders/screens.server";

// GET /api/orders?status=&q=&from=&to=&limit=&after=&before= — the orders the app follows, newest first,
// a keyset page with the total matching and the cursors of the next and previous pages.
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const caller = await authenticateApi(request);
  const list = await ordersScreen(caller.shop, orderListParams(new URL(request.url).searchParams));
  return json({
    orders: list.orders,
    total: list.total,
    errorCount: list.errorCount,
    next: list.page.next,
    previous: list.page.previous,
  });
});
