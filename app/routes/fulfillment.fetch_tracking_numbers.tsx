import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../db.server";
import { env } from "../env.server";
import { isSignedByShopify } from "../shopify/callback-signature.server";
import { trackingNumbersFor } from "../sync/orders/orders.server";

// Shopify's fetch_tracking_numbers callback (about hourly): ?order_names[]=#1001&shop=… → the tracking
// numbers we hold. Served as /fulfillment/fetch_tracking_numbers and …/fetch_tracking_numbers.json.
// (`json()`, not Response.json: remix-serve's fetch polyfill has no static Response.json.)
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (!isSignedByShopify(url, request.headers, env().SHOPIFY_API_SECRET))
    return json({ success: false, message: "invalid signature" }, { status: 401 });
  const shop = request.headers.get("x-shopify-shop-domain") ?? url.searchParams.get("shop");
  if (!shop) return json({ success: false, message: "missing shop" }, { status: 400 });
  const names = [...url.searchParams.getAll("order_names[]"), ...url.searchParams.getAll("order_names")];
  const trackingNumbers = await trackingNumbersFor(db, shop, names);
  return json({
    tracking_numbers: trackingNumbers,
    message: "Successfully received the tracking numbers",
    success: true,
  });
}
