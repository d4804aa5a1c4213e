// GET <appUrl>/fulfillment/fetch_stock?shop=…[&sku=…]&timestamp=…&hmac=… — Shopify asking our
// fulfillment service for stock (app/fulfillment/fetch-stock.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../db.server";
import { env } from "../env.server";
import { answerFetchStock } from "../fulfillment/fetch-stock.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const answer = await answerFetchStock(db, new URL(request.url), request.headers, env().SHOPIFY_API_SECRET);
  return new Response(answer.json, {
    status: answer.status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}
