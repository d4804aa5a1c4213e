// The emulated API: routing, the x-api-token key, the required fresh `timestamp` (ms since 1970,
// judged on the emulator clock), the JSON body, and Tuyo's { status, response } for every refusal.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isRouteMatch, readBody, Router, sendJson, type EmulatorClock } from "../_kit/index";
import { bulkUpdate } from "./bulk";
import type { ApiRoute } from "./context";
import { INTERNAL_ERROR, TuyoError } from "./envelope";
import { changeOrder, updateOrder } from "./orders";
import { createProducts } from "./products";
import type { Tuyo } from "./store";
import { deleteProducts, setPromo, updateManyProducts, updateProduct } from "./updates";

export interface ApiDeps {
  tuyo: () => Tuyo;
  clock: EmulatorClock;
  /** How far a timestamp may be from the emulator clock, either way. */
  timestampToleranceMs: number;
}

const getCategories: ApiRoute = ({ tuyo }) => [...tuyo.categories.values()];

const router = new Router<ApiRoute>()
  .add("GET", "/api/get_categories", getCategories)
  .add("POST", "/api/create_products", createProducts)
  .add("PATCH", "/api/update_product/:sku", updateProduct)
  .add("POST", "/api/update_product", updateManyProducts)
  .add("PATCH", "/api/bulk_update", bulkUpdate)
  .add("POST", "/api/set_promo", setPromo)
  .add("DELETE", "/api/delete_products/:sku", deleteProducts)
  .add("DELETE", "/api/delete_products", deleteProducts)
  .add("PATCH", "/api/update_order/:sku", updateOrder)
  .add("PATCH", "/api/change_order/:code", changeOrder);

export function createApiHandler(deps: ApiDeps) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    try {
      const text = await readBody(req);
      const match = router.match(req.method ?? "GET", url.pathname);
      if (!isRouteMatch(match)) throw TuyoError.notFound("Endpoint not found");

      const tuyo = deps.tuyo();
      const token = req.headers["x-api-token"];
      const key = typeof token === "string" ? tuyo.keys.get(token) : undefined;
      if (!key) throw TuyoError.unauthorized();
      if (!isFresh(url.searchParams.get("timestamp"), deps)) throw TuyoError.expired();

      const catalog = tuyo.catalog(key.mode, key.storeId)!;
      const answer = match.handler({
        tuyo,
        catalog,
        key,
        clock: deps.clock,
        body: parseJson(text),
        path: match.params,
      });
      sendJson(res, 200, answer);
    } catch (error) {
      if (error instanceof TuyoError) return sendJson(res, error.status, error.body());
      sendJson(res, 500, INTERNAL_ERROR);
    }
  };
}

/** Milliseconds since 1970 (what `new Date().getTime()` gives), close to the emulator's now. */
function isFresh(raw: string | null, deps: ApiDeps): boolean {
  if (!raw || !/^\d+$/.test(raw)) return false;
  return Math.abs(Number(raw) - deps.clock.now()) <= deps.timestampToleranceMs;
}

function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw TuyoError.bad("The body must be JSON");
  }
}
