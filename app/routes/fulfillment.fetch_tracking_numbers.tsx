import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { trackingNumbersCallback } from "../fulfillment/callbacks.server";
import { withErrorResponses } from "../lib/http-errors.server";

// Shopify's fetch_tracking_numbers callback (about hourly): ?order_names[]=#1001&shop=…&timestamp=…
// → the tracking numbers we hold for that shop, the shop being the signed one. Served as
// /fulfillment/fetch_tracking_numbers and …/fetch_tracking_numbers.json.
// (`json()`, not Response.json: remix-serve's fetch polyfill has no static Response.json.)
export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const answer = await trackingNumbersCallback(new URL(request.url), request.headers);
  if (!answer.ok) return json({ success: false, message: answer.error }, { status: answer.status });
  return json(
    { tracking_numbers: answer.trackingNumbers, message: "Successfully received the tracking numbers", success: true },
    { headers: { "cache-control": "no-store" } },
  );
});
