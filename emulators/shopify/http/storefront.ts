// The online store of a shop, reached with the shop's own host name (`<shop>.myshopify.com`, any port;
// a browser maps it to the emulator, e.g. Chromium's --host-resolver-rules). It shows the app's theme
// app blocks (`/pages/<block>`, assets under /cdn/extensions/…) and runs the app proxy as Shopify does:
// `<prefix>/<subpath>/<rest>?<query>` is forwarded, body streamed, to `<appUrl><proxy path>/<rest>` with
// `shop`, `logged_in_customer_id`, `path_prefix`, `timestamp` and `signature` (hex HMAC-SHA256 with the
// app secret of the other parameters as sorted `key=value` strings concatenated, repeated keys' values
// joined by commas), the visitor's address in X-Forwarded-For, and no cookies.
import { createHmac } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AppConfig } from "../app-config";
import type { EmulatorStore, ShopRecord } from "../store";
import { themeAsset, themeBlocks, assetUrl, type ThemeBlock } from "../theme-blocks";
import { escapeHtml, sendJson, sendText } from "./io";

const PROXY_TIMEOUT_MS = 30_000;
const HOP_HEADERS = ["content-type", "content-length", "accept", "accept-language", "user-agent"];
const ASSET_TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
};

/** The shop whose storefront the request's Host names, if any. */
export function storefrontShop(req: IncomingMessage, store: EmulatorStore): ShopRecord | undefined {
  const host = String(req.headers.host ?? "")
    .replace(/:\d+$/, "")
    .toLowerCase();
  return host.endsWith(".myshopify.com") ? store.findShop(host) : undefined;
}

export function signProxyQuery(params: URLSearchParams, secret: string): string {
  const message = [...new Set(params.keys())]
    .filter((key) => key !== "signature")
    .map((key) => `${key}=${params.getAll(key).join(",")}`)
    .sort()
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

/** Answers a storefront request; false when the path is not the storefront's. */
export async function handleStorefront(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  shop: ShopRecord,
  deps: { app: AppConfig; now: () => number },
): Promise<boolean> {
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const method = req.method ?? "GET";
  const proxy = deps.app.appProxy;
  if (proxy && parts[0] === proxy.prefix && parts[1] === proxy.subpath) {
    forwardToApp(req, res, url, parts.slice(2), shop, proxy, deps);
    return true;
  }
  if (method !== "GET") return false;
  if (parts[0] === "cdn" && parts[1] === "extensions" && parts[3] === "assets" && parts.length === 5) {
    const asset = themeAsset(deps.app.extensionsDir, parts[2]!, parts[4]!);
    if (!asset) return (sendJson(res, 404, { errors: "Not Found" }), true);
    res.writeHead(200, {
      "content-type": ASSET_TYPES[parts[4]!.split(".").pop()!] ?? "application/octet-stream",
      "content-length": asset.length,
    });
    res.end(asset);
    return true;
  }
  const blocks = themeBlocks(deps.app.extensionsDir);
  if (parts.length === 0) {
    const links = blocks
      .map((b) => `<li><a href="/pages/${encodeURIComponent(b.name)}">${escapeHtml(b.title)}</a></li>`)
      .join("");
    sendText(
      res,
      200,
      "text/html; charset=utf-8",
      page(shop, shop.name, `<ul>${links || "<li>No app block</li>"}</ul>`),
    );
    return true;
  }
  if (parts[0] === "pages" && parts.length === 2) {
    const block = blocks.find((b) => b.name === parts[1]);
    if (!block) return (sendText(res, 404, "text/html; charset=utf-8", page(shop, "Page not found", "")), true);
    sendText(res, 200, "text/html; charset=utf-8", page(shop, block.title, blockHtml(block)));
    return true;
  }
  return false;
}

function blockHtml(block: ThemeBlock): string {
  const css = block.stylesheet
    ? `<link rel="stylesheet" href="${escapeHtml(assetUrl(block.extension, block.stylesheet))}">`
    : "";
  const js = block.javascript
    ? `<script src="${escapeHtml(assetUrl(block.extension, block.javascript))}" defer></script>`
    : "";
  return `${css}<div class="shopify-block shopify-app-block">${block.html}</div>${js}`;
}

function page(shop: ShopRecord, title: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)} – ${escapeHtml(shop.name)}</title>
<style>body{margin:0;font-family:Helvetica,Arial,sans-serif;color:#121212}header{padding:16px 24px;border-bottom:1px solid #e5e5e5;font-weight:700}main{padding:24px}</style>
</head><body><header>${escapeHtml(shop.name)}</header><main>${main}</main></body></html>`;
}

function forwardToApp(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  rest: string[],
  shop: ShopRecord,
  proxy: NonNullable<AppConfig["appProxy"]>,
  deps: { app: AppConfig; now: () => number },
): void {
  const target = new URL(`${deps.app.appUrl}${proxy.path}/${rest.map(encodeURIComponent).join("/")}`);
  for (const [key, value] of url.searchParams) target.searchParams.append(key, value);
  target.searchParams.set("shop", shop.domain);
  target.searchParams.set("logged_in_customer_id", "");
  target.searchParams.set("path_prefix", `/${proxy.prefix}/${proxy.subpath}`);
  target.searchParams.set("timestamp", String(Math.floor(deps.now() / 1000)));
  target.searchParams.set("signature", signProxyQuery(target.searchParams, deps.app.apiSecret));
  const headers: Record<string, string> = {
    "x-forwarded-for": (req.socket.remoteAddress ?? "").replace(/^::ffff:/, ""),
  };
  for (const name of HOP_HEADERS) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  const upstream = http.request(target, { method: req.method, headers, timeout: PROXY_TIMEOUT_MS }, (answer) => {
    const contentType = answer.headers["content-type"];
    res.writeHead(answer.statusCode ?? 502, {
      ...(contentType ? { "content-type": contentType } : {}),
      ...(answer.headers["retry-after"] ? { "retry-after": answer.headers["retry-after"] } : {}),
      "cache-control": "no-store",
    });
    answer.pipe(res);
  });
  upstream.on("timeout", () => upstream.destroy(new Error("the app did not answer in time")));
  upstream.on("error", () => {
    if (!res.headersSent) sendJson(res, 502, { errors: "The app proxy could not reach the app." });
    else res.destroy();
  });
  req.pipe(upstream);
}
