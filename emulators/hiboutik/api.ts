// The emulated API under /api: Basic auth (user e-mail + API key), the call quota, JSON or form bodies, and Hiboutik's error body for every refusal.
import type { IncomingMessage, ServerResponse } from "node:http";
import { BadRequestBody, isRouteMatch, readBody, Router, sendJson, type EmulatorClock } from "../_kit/index";
import {
  getProduct,
  listProducts,
  listStores,
  listWarehouses,
  stockByProduct,
  stockByProductSize,
  stockByWarehouse,
} from "./catalog";
import type { HiboutikMethod } from "./context";
import { HiboutikError } from "./errors";
import type { CallQuota } from "./quota";
import { addProduct, closeSale, createSale, getSale, searchSales } from "./sales";
import type { HiboutikAccount } from "./store";

export interface ApiDeps {
  account: () => HiboutikAccount;
  clock: EmulatorClock;
  /** API key by user e-mail. */
  users: Map<string, string>;
  quota: CallQuota;
  pageSize: () => number;
}

const router = new Router<HiboutikMethod>()
  .add("GET", "/api/stores", listStores)
  .add("GET", "/api/warehouses", listWarehouses)
  .add("GET", "/api/products", listProducts)
  .add("GET", "/api/products/:productId", getProduct)
  .add("GET", "/api/stock_available/warehouse_id/:warehouseId", stockByWarehouse)
  .add("GET", "/api/stock_available/product_id/:productId", stockByProduct)
  .add("GET", "/api/stock_available/product_id_size/:productId/:sizeId", stockByProductSize)
  .add("POST", "/api/sales", createSale)
  .add("POST", "/api/sales/add_product", addProduct)
  .add("POST", "/api/sales/close", closeSale)
  .add("GET", "/api/sales/search", searchSales)
  .add("GET", "/api/sales/:saleId", getSale);

export function createApiHandler(deps: ApiDeps) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    try {
      const method = req.method ?? "GET";
      if (!authorized(req.headers.authorization, deps.users)) throw HiboutikError.unauthorized();
      if (!deps.quota.take()) throw HiboutikError.quotaExceeded(deps.quota.limit, deps.quota.period);

      const match = router.match(method, url.pathname);
      if (!isRouteMatch(match)) {
        throw match
          ? new HiboutikError(405, "method_not_allowed", `${method} is not allowed here`)
          : HiboutikError.notFound(`No resource ${url.pathname}`);
      }
      const body = method === "POST" || method === "PUT" ? await readFields(req) : {};
      const answer = await match.handler({
        account: deps.account(),
        clock: deps.clock,
        body,
        query: url.searchParams,
        path: match.params,
        pageSize: deps.pageSize(),
        url: new URL(`${url.pathname}${url.search}`, `http://${req.headers.host ?? "127.0.0.1"}`),
      });
      sendJson(res, answer.status ?? 200, answer.body, answer.headers);
    } catch (error) {
      if (error instanceof HiboutikError) return sendJson(res, error.status, error.body());
      if (error instanceof BadRequestBody) return sendJson(res, 400, HiboutikError.badRequest(error.message).body());
      sendJson(res, 500, { error: "internal_error", error_description: "An internal error occurred in Hiboutik." });
    } finally {
      req.resume();
    }
  };
}

function authorized(header: string | undefined, users: Map<string, string>): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match) return false;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return false;
  const key = users.get(decoded.slice(0, colon).toLowerCase());
  return key !== undefined && key === decoded.slice(colon + 1);
}

/** JSON or application/x-www-form-urlencoded, as Hiboutik accepts both. */
async function readFields(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (!text.trim()) return {};
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new BadRequestBody("the body must be JSON");
    }
    if (!value || typeof value !== "object" || Array.isArray(value))
      throw new BadRequestBody("the body must be a JSON object");
    return value as Record<string, unknown>;
  }
  return Object.fromEntries(new URLSearchParams(text));
}
