// Routes requests of the emulator's HTTP server to the handlers.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { GraphQLSchema } from "graphql";
import type { AppConfig } from "./app-config";
import type { CallLog } from "./calls";
import { resetConnection, sendJson as sendKitJson, type FaultInjector } from "../_kit/index";
import type { AdminFaults } from "./faults";
import { handleAdminGraphQL } from "./http/admin-graphql";
import { APP_BRIDGE_SCRIPT } from "./http/app-bridge-script";
import { handleControl } from "./http/control";
import { handleOrderControl } from "./http/order-control";
import { handleMerchandisingControl } from "./http/merchandising-control";
import { handleFiles } from "./http/files";
import { handleFetchStockCall } from "./http/fulfillment-callbacks";
import { FILES_PREFIX } from "./files";
import { handleIndex, handleStoreRoute } from "./http/embedded";
import { sendJson, sendText } from "./http/io";
import { handleTokenExchange } from "./http/oauth";
import { handleStorefront, storefrontShop } from "./http/storefront";
import type { EmulatorStore } from "./store";
import type { WebhookDispatcher } from "./webhooks/deliver";

export interface ServerDeps {
  store: EmulatorStore;
  app: AppConfig;
  schema: () => GraphQLSchema;
  calls: CallLog;
  webhooks: WebhookDispatcher;
  now: () => number;
  mintSessionToken: (shop: string) => string;
  faults?: AdminFaults;
  /** The kit's HTTP-level fault rules (latency, hang, status, reset) on every emulated route. */
  rules?: FaultInjector;
  /** Keeps a hung response open until the server closes. */
  hold?(res: ServerResponse): void;
  /** Back to the seeded shops: data, call log, faults (POST /_emulator/reset). */
  reset?(): void;
}

const MERCHANDISING_ROUTES = ["customers", "collections", "merchandising"];

export function createHandler(deps: ServerDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      await route(req, res, deps);
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { errors: `emulator: ${(error as Error).message}` });
      else res.end();
    }
  };
}

async function route(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const method = req.method ?? "GET";
  // Control routes are never faulted; every other route may be (the kit's rules).
  if (parts[0] !== "_emulator" && deps.rules && (await injectedFault(req, res, url, deps))) return;

  const adminApi = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname);
  if (adminApi && method === "POST") return handleAdminGraphQL(req, res, adminApi[1], deps);
  if (url.pathname === "/admin/oauth/access_token" && method === "POST") return handleTokenExchange(req, res, deps);
  if (url.pathname.startsWith(FILES_PREFIX)) return handleFiles(req, res, url.pathname);
  if (parts[0] === "_emulator" && parts[1] === "shops" && parts[3] === "fetch-stock" && method === "POST") {
    return handleFetchStockCall(req, res, parts[2], deps);
  }
  if (parts[0] === "_emulator" && parts[1] === "shops" && parts[3] === "orders")
    return handleOrderControl(req, res, parts.slice(1), deps);
  if (parts[0] === "_emulator" && parts[1] === "shops" && MERCHANDISING_ROUTES.includes(parts[3] ?? ""))
    return handleMerchandisingControl(req, res, parts.slice(1), deps);
  if (parts[0] === "_emulator") return handleControl(req, res, parts.slice(1), url, deps);
  if (method === "GET" && url.pathname === "/app-bridge.js") {
    res.setHeader("access-control-allow-origin", "*");
    return sendText(res, 200, "text/javascript; charset=utf-8", APP_BRIDGE_SCRIPT);
  }
  // A shop's own host name: its online store (theme app blocks, the app proxy).
  const storefront = storefrontShop(req, deps.store);
  if (storefront && (await handleStorefront(req, res, url, storefront, deps))) return;
  if (method === "GET" && url.pathname === "/") return handleIndex(res, deps);
  if (method === "GET" && parts[0] === "store" && handleStoreRoute(req, res, parts.slice(1), deps)) return;
  sendJson(res, 404, { errors: "Not Found" });
}

/** Applies the kit's fault rules to an emulated request; true when a fault answered (or held, or dropped) it. */
async function injectedFault(req: IncomingMessage, res: ServerResponse, url: URL, deps: ServerDeps): Promise<boolean> {
  const { latencyMs, outcome } = deps.rules!.decide(req.method ?? "GET", url.pathname);
  if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
  switch (outcome.kind) {
    case "none":
      return false;
    case "hang":
      req.resume();
      deps.hold?.(res);
      if (outcome.ms !== undefined) setTimeout(() => res.destroy(), outcome.ms).unref();
      return true;
    case "reset":
      resetConnection(res);
      return true;
    case "status":
      req.resume();
      // Shopify's own shape for an error status: { errors }.
      sendKitJson(res, outcome.status, outcome.body ?? { errors: `Injected fault: HTTP ${outcome.status}` });
      return true;
  }
}
