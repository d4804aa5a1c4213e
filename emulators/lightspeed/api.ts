// The emulated API: POST /auth/oauth/token, then every /API/... request: the Bearer token (expired or
// revoked → 401), the account it opens, the leaky bucket (429 + Retry-After when full, the level on
// every answer), JSON bodies, and Lightspeed's error body for every refusal.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isRouteMatch, readBody, Router, sendJson, type EmulatorClock } from "../_kit/index";
import { requestCost, type LeakyBucket } from "./bucket";
import { lightspeedTime, type LsMethod } from "./context";
import { LightspeedError, OAuthError } from "./errors";
import type { TokenBook } from "./oauth";
import {
  getAccount,
  getItem,
  getItemShop,
  listEmployees,
  listItems,
  listItemShops,
  listRegisters,
  listShops,
  updateItem,
  updateItemShop,
} from "./resources";
import { createSale, getSale, listSales, updateSale } from "./sales";
import type { Account } from "./store";

export interface ApiDeps {
  account: () => Account;
  clock: EmulatorClock;
  tokens: TokenBook;
  bucket: () => LeakyBucket;
}

interface Route {
  method: LsMethod;
  version: "v3" | "legacy";
}

const router = new Router<Route>();
for (const [prefix, version] of [
  ["/API/V3", "v3"],
  ["/API", "legacy"],
] as const) {
  const add = (method: string, path: string, handler: LsMethod) =>
    router.add(method, `${prefix}${path}`, { method: handler, version });
  add("GET", "/Account", getAccount);
  add("GET", "/Account/:accountID/Shop", listShops);
  add("GET", "/Account/:accountID/Register", listRegisters);
  add("GET", "/Account/:accountID/Employee", listEmployees);
  add("GET", "/Account/:accountID/Item", listItems);
  add("GET", "/Account/:accountID/Item/:id", getItem);
  add("PUT", "/Account/:accountID/Item/:id", updateItem);
  add("GET", "/Account/:accountID/ItemShop", listItemShops);
  add("GET", "/Account/:accountID/ItemShop/:id", getItemShop);
  add("PUT", "/Account/:accountID/ItemShop/:id", updateItemShop);
  add("GET", "/Account/:accountID/Sale", listSales);
  add("POST", "/Account/:accountID/Sale", createSale);
  add("GET", "/Account/:accountID/Sale/:id", getSale);
  add("PUT", "/Account/:accountID/Sale/:id", updateSale);
}

export function createApiHandler(deps: ApiDeps) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const method = req.method ?? "GET";
    if (url.pathname === "/auth/oauth/token") return tokenEndpoint(deps, req, res, method);
    let headers: Record<string, string> = {};
    try {
      const accountId = deps.tokens.authenticate(req.headers.authorization);
      const bucket = deps.bucket();
      const poured = bucket.pour(requestCost(method));
      headers = bucket.headers();
      if (!poured.ok) {
        req.resume();
        return sendJson(res, 429, new LightspeedError(429, "Rate limit exceeded: the bucket is full.").body(), {
          ...headers,
          "retry-after": String(poured.retryAfterSeconds),
        });
      }
      if (!url.pathname.endsWith(".json")) throw LightspeedError.notFound("Only .json resources are emulated.");
      const match = router.match(method, url.pathname.slice(0, -".json".length));
      if (!isRouteMatch(match)) {
        throw match
          ? new LightspeedError(405, `${method} is not allowed here.`)
          : LightspeedError.notFound(`No resource ${url.pathname}.`);
      }
      if (match.params.accountID !== undefined && match.params.accountID !== accountId)
        throw LightspeedError.forbidden(match.params.accountID);
      const account = deps.account();
      if (accountId !== account.accountID) throw LightspeedError.forbidden(accountId);
      const body = method === "POST" || method === "PUT" ? await jsonBody(req) : {};
      const answer = await match.handler.method({
        account,
        clock: deps.clock,
        version: match.handler.version,
        query: url.searchParams,
        body,
        path: match.params,
        pageUrl: new URL(`${url.pathname}${url.search}`, `http://${req.headers.host ?? "127.0.0.1"}`),
        now: lightspeedTime(deps.clock.date()),
      });
      sendJson(res, answer.status ?? 200, answer.body, headers);
    } catch (error) {
      req.resume();
      if (error instanceof LightspeedError) return sendJson(res, error.status, error.body(), headers);
      sendJson(res, 500, new LightspeedError(500, "An internal error occurred.").body(), headers);
    }
  };
}

async function tokenEndpoint(deps: ApiDeps, req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
  try {
    if (method !== "POST") throw new OAuthError(400, "invalid_request", "Use POST.");
    const text = await readBody(req);
    let fields: Record<string, string>;
    if ((req.headers["content-type"] ?? "").includes("application/json")) {
      try {
        fields = Object.fromEntries(
          Object.entries(JSON.parse(text || "{}") as Record<string, unknown>).map(([key, value]) => [
            key,
            String(value),
          ]),
        );
      } catch {
        throw new OAuthError(400, "invalid_request", "The body must be JSON or form-encoded.");
      }
    } else fields = Object.fromEntries(new URLSearchParams(text));
    sendJson(res, 200, deps.tokens.exchange(fields, basicClient(req.headers.authorization)), {
      "cache-control": "no-store",
    });
  } catch (error) {
    if (error instanceof OAuthError) return sendJson(res, error.status, error.body());
    throw error;
  }
}

function basicClient(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (!text.trim()) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // falls through
  }
  throw LightspeedError.badRequest("The body must be a JSON object.");
}
