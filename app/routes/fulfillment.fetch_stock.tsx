// GET <appUrl>/fulfillment/fetch_stock?shop=…[&sku=…]&timestamp=…&hmac=… — Shopify asking our
// fulfillment service for stock (app/fulfillment/fetch-stock.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { fetchStockCallback } from "../fulfillment/callbacks.server";
import { withErrorResponses } from "../lib/http-errors.server";

export const loader = withErrorResponses(async ({ request }: LoaderFunctionArgs) => {
  const answer = await fetchStockCallback(new URL(request.url), request.headers);
  return new Response(answer.json, {
    status: answer.status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
});
