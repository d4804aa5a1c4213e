import { json, type ActionFunctionArgs } from "@remix-run/node";
import { authenticateApi } from "../api/auth.server";
import { withErrorResponses } from "../lib/http-errors.server";
import { methodNotAllowed } from "../lib/request-body.server";
import { updateTracking } from "../sync/orders/update-tracking.server";

// POST /api/orders/<order id>/update-tracking (the seed's /update-tracking/:orderId): asks the
// carrier (TNT) about this order's parcel and updates Shopify when it moved. <order id> is our record
// id, the Shopify order id (numeric or gid) or its name ("#1001").
export const action = withErrorResponses(async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await authenticateApi(request);
  return json(await updateTracking(shop, params.orderId ?? ""));
});

export const loader = () => methodNotAllowed("POST");
