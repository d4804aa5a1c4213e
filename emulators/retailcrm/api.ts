// The emulated API: routing, the API key (X-API-KEY header or apiKey parameter), the per-key rate
// limit, and RetailCRM's error envelope for every refusal.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isRouteMatch, readFormPairs, Router, sendJson, SlidingWindowLimiter, type EmulatorClock } from "../_kit/index";
import { listProductGroups, listProductProperties, listProducts } from "./catalog";
import type { ApiMethod } from "./context";
import { RetailCrmError } from "./envelope";
import { listInventories, uploadInventories } from "./inventories";
import { editIntegrationModule, getIntegrationModule } from "./modules";
import { editOrder, getOrder } from "./orders";
import { parseParams } from "./params";
import type { Account } from "./store";

export interface ApiDeps {
  account: () => Account;
  clock: EmulatorClock;
  apiKeys: Set<string>;
  limiter: SlidingWindowLimiter;
}

const listStores: ApiMethod = ({ account }) => ({
  body: {
    success: true,
    stores: [...account.warehouses.values()].map((store) => ({
      code: store.code,
      name: store.name,
      active: store.active,
      type: "store-type-warehouse",
      inventoryType: "integer",
    })),
  },
});

const credentials: ApiMethod = ({ account }) => ({
  body: {
    success: true,
    scopes: ["integration_write", "integration_read", "store_read", "store_write", "order_read", "order_write"],
    siteAccess: "access_full",
    sitesAvailable: [account.site],
  },
});

const router = new Router<ApiMethod>()
  .add("GET", "/api/credentials", credentials)
  .add("GET", "/api/v5/credentials", credentials)
  .add("GET", "/api/v5/reference/stores", listStores)
  .add("GET", "/api/v5/integration-modules/:code", getIntegrationModule)
  .add("POST", "/api/v5/integration-modules/:code/edit", editIntegrationModule)
  .add("GET", "/api/v5/store/inventories", listInventories)
  .add("POST", "/api/v5/store/inventories/upload", uploadInventories)
  .add("GET", "/api/v5/store/product-groups", listProductGroups)
  .add("GET", "/api/v5/store/products", listProducts)
  .add("GET", "/api/v5/store/products/properties", listProductProperties)
  .add("GET", "/api/v5/orders/:externalId", getOrder)
  .add("POST", "/api/v5/orders/:externalId/edit", editOrder);

export function createApiHandler(deps: ApiDeps) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    try {
      const method = req.method ?? "GET";
      const pairs = [...url.searchParams.entries()];
      if (method === "POST") pairs.push(...(await readFormPairs(req)));
      else req.resume();
      const params = parseParams(pairs);

      const header = req.headers["x-api-key"];
      const key = (typeof header === "string" && header) || (typeof params.apiKey === "string" && params.apiKey) || "";
      if (!key) throw RetailCrmError.missingKey();
      if (!deps.limiter.take(key)) throw RetailCrmError.rateLimited();
      if (!deps.apiKeys.has(key)) throw RetailCrmError.wrongKey();

      const match = router.match(method, url.pathname);
      if (!isRouteMatch(match)) throw match ? RetailCrmError.methodNotAllowed() : RetailCrmError.methodNotFound();
      const answer = await match.handler({ account: deps.account(), clock: deps.clock, params, path: match.params });
      sendJson(res, answer.status ?? 200, answer.body);
    } catch (error) {
      if (error instanceof RetailCrmError) return sendJson(res, error.status, error.body());
      sendJson(res, 500, { success: false, errorMsg: "Internal Server Error" });
    }
  };
}
