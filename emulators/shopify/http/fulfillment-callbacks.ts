// POST /_emulator/shops/<shop>/fetch-stock {"sku"?: string, "format"?: "json" | "plain", "secret"?: string}
// Makes Shopify's call to a fulfillment service's callback: GET <callbackUrl>/fetch_stock.json?shop=…
// [&sku=…]&timestamp=…&hmac=…, the hmac being the hex HMAC-SHA256 (app secret) of the other parameters
// sorted and joined as k=v&k=v, with X-Shopify-Shop-Domain. Answers what the app answered.
import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppConfig } from "../app-config";
import { fulfillmentServicesOf } from "../resolvers/fulfillment-services";
import { UnknownShopError, type EmulatorStore } from "../store";
import { readFields, sendJson } from "./io";

export function signCallbackQuery(params: Record<string, string>, secret: string): string {
  const message = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join("&");
  return createHmac("sha256", secret).update(message).digest("hex");
}

export async function handleFetchStockCall(
  req: IncomingMessage,
  res: ServerResponse,
  domain: string,
  deps: { store: EmulatorStore; app: AppConfig; now: () => number },
): Promise<void> {
  let shop;
  try {
    shop = deps.store.shop(domain);
  } catch (error) {
    if (error instanceof UnknownShopError) return sendJson(res, 404, { error: error.message });
    throw error;
  }
  const body = (await readFields(req)) ?? {};
  const service = [...fulfillmentServicesOf(shop).values()].find((s) => s.inventoryManagement && s.callbackUrl);
  if (!service)
    return sendJson(res, 409, { error: "no fulfillment service with inventory management and a callback URL" });
  const params: Record<string, string> = { shop: shop.domain, timestamp: String(Math.floor(deps.now() / 1000)) };
  if (typeof body.sku === "string") params.sku = body.sku;
  const hmac = signCallbackQuery(params, typeof body.secret === "string" ? body.secret : deps.app.apiSecret);
  const path = body.format === "plain" ? "fetch_stock" : "fetch_stock.json";
  const url = `${service.callbackUrl!.replace(/\/$/, "")}/${path}?${new URLSearchParams({ ...params, hmac })}`;
  const started = Date.now();
  try {
    const response = await fetch(url, {
      headers: { "x-shopify-shop-domain": shop.domain },
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return sendJson(res, 200, {
      url,
      status: response.status,
      durationMs: Date.now() - started,
      body: json,
      text: json === null ? text.slice(0, 500) : undefined,
    });
  } catch (error) {
    return sendJson(res, 502, { url, error: (error as Error).message });
  }
}
