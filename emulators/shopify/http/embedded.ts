// The merchant's view of Shopify admin: a left frame with the app's navigation and an iframe loading
// the app with the embedded parameters and a fresh session token; a postMessage bridge hands the app
// new session tokens. Also `GET /` listing the shops.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppConfig } from "../app-config";
import type { EmulatorStore, ShopRecord } from "../store";
import { escapeHtml, sendJson, sendText } from "./io";

export interface EmbeddedDeps {
  store: EmulatorStore;
  app: AppConfig;
  mintSessionToken: (shop: string) => string;
}

const handleOf = (shop: ShopRecord) => shop.domain.replace(/\.myshopify\.com$/, "");

/** The `host` parameter Shopify gives embedded apps: base64url("admin.shopify.com/store/<handle>"). */
export const hostParam = (handle: string) => Buffer.from(`admin.shopify.com/store/${handle}`).toString("base64url");

/** `locale`: the staff member's admin language, as Shopify passes it to embedded apps ("en", "fr"). */
export function embeddedAppUrl(deps: EmbeddedDeps, shop: ShopRecord, path = "", locale = "en"): string {
  const url = new URL(`/app${path}`, deps.app.appUrl);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", shop.domain);
  url.searchParams.set("host", hostParam(handleOf(shop)));
  url.searchParams.set("id_token", deps.mintSessionToken(shop.domain));
  url.searchParams.set("locale", locale);
  return url.toString();
}

export function handleIndex(res: ServerResponse, deps: EmbeddedDeps): void {
  const rows = [...deps.store.shops.values()]
    .map((shop) => {
      const href = `/store/${handleOf(shop)}/apps/${deps.app.handle}`;
      return `<li><a href="${escapeHtml(href)}">${escapeHtml(shop.name)}</a> <small>${escapeHtml(shop.domain)} · ${shop.plan}</small></li>`;
    })
    .join("");
  sendText(
    res,
    200,
    "text/html; charset=utf-8",
    page(
      "Shopify emulator",
      `<main style="padding:24px"><h1>Shopify emulator</h1><p>Shops:</p><ul>${rows || "<li>none yet</li>"}</ul></main>`,
    ),
  );
}

/** GET /store/<handle>/apps/<app>[/<path>] and its /session-token companion. */
export function handleStoreRoute(
  req: IncomingMessage,
  res: ServerResponse,
  parts: string[],
  deps: EmbeddedDeps,
): boolean {
  const [handle, apps, appHandle, ...rest] = parts;
  if (apps !== "apps" || appHandle !== deps.app.handle) return false;
  const shop = deps.store.findShop(`${handle}.myshopify.com`);
  if (!shop) {
    sendText(
      res,
      404,
      "text/html; charset=utf-8",
      page("Not found", `<p>No shop ${escapeHtml(handle)} in the emulator.</p>`),
    );
    return true;
  }
  if (rest.length === 1 && rest[0] === "session-token") {
    sendJson(res, 200, { token: deps.mintSessionToken(shop.domain) }, { "cache-control": "no-store" });
    return true;
  }
  const path = rest.length ? `/${rest.join("/")}` : "";
  // The admin's language: `?locale=fr` on the admin address stands for a staff member who chose French.
  const locale = new URL(req.url ?? "/", "http://admin").searchParams.get("locale") ?? "en";
  sendText(res, 200, "text/html; charset=utf-8", adminPage(deps, shop, path, locale));
  return true;
}

function adminPage(deps: EmbeddedDeps, shop: ShopRecord, path: string, locale: string): string {
  const base = `/store/${handleOf(shop)}/apps/${deps.app.handle}`;
  const appOrigin = new URL(deps.app.appUrl).origin;
  const state = {
    base,
    appUrl: deps.app.appUrl,
    appOrigin,
    shop: shop.domain,
    host: hostParam(handleOf(shop)),
    locale,
  };
  const body = `
<div style="display:flex;height:100vh">
  <aside id="admin-frame" style="width:240px;background:#ebebeb;border-right:1px solid #d0d0d0;padding:12px;box-sizing:border-box">
    <div style="font-weight:700;margin-bottom:4px">Shopify admin</div>
    <div id="admin-shop" style="color:#616161;margin-bottom:16px">${escapeHtml(shop.name)}</div>
    <div style="font-size:12px;color:#616161;text-transform:uppercase">Apps</div>
    <a id="admin-app-home" href="${escapeHtml(base)}" style="display:block;font-weight:600;margin:6px 0">${escapeHtml(deps.app.handle)}</a>
    <nav id="app-nav" aria-label="App navigation"></nav>
    <div id="admin-loading" hidden style="margin-top:16px;color:#616161">Loading…</div>
  </aside>
  <iframe id="app-frame" title="${escapeHtml(deps.app.handle)}" name="app-iframe" src="${escapeHtml(embeddedAppUrl(deps, shop, path, locale))}" style="flex:1;border:0;height:100%"></iframe>
</div>
<script>
(function () {
  var state = ${JSON.stringify(state).replace(/</g, "\\u003c")};
  var frame = document.getElementById("app-frame");
  var nav = document.getElementById("app-nav");
  function token() {
    return fetch(state.base + "/session-token", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (b) { return b.token; });
  }
  function go(href) {
    token().then(function (t) {
      var url = new URL(href, state.appUrl);
      url.searchParams.set("embedded", "1");
      url.searchParams.set("shop", state.shop);
      url.searchParams.set("host", state.host);
      url.searchParams.set("id_token", t);
      url.searchParams.set("locale", state.locale);
      frame.src = url.toString();
    });
  }
  // App Bridge's resource picker: the shop's products or collections in a dialog of the admin page.
  function pick(request, event) {
    var collections = request.resourceType === "collection";
    var url = "/_emulator/shops/" + encodeURIComponent(state.shop) + (collections ? "/merchandising" : "");
    function answer(selection) {
      event.source.postMessage({ type: "shopify:resourcePicker:response", id: request.id, selection: selection }, event.origin);
    }
    fetch(url, { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (snapshot) {
      var items = collections
        ? (snapshot.collections || []).map(function (c) { return { id: "gid://shopify/Collection/" + c.id, title: c.title, productsCount: c.productIds.length }; })
        : (snapshot.products || []).map(function (p) { return { id: p.id, title: p.title, handle: p.handle, tags: p.tags, variants: p.variants.map(function (v) { return { id: v.id, sku: v.sku, price: v.price }; }) }; });
      var label = collections ? "Select collections" : "Select products";
      var dialog = document.createElement("div");
      dialog.setAttribute("role", "dialog");
      dialog.setAttribute("aria-label", label);
      dialog.style.cssText = "position:fixed;inset:10% 25%;background:#fff;border:1px solid #8a8a8a;border-radius:12px;padding:16px;overflow:auto;z-index:10;box-shadow:0 8px 32px rgba(0,0,0,.3)";
      var heading = document.createElement("h2");
      heading.textContent = label;
      dialog.appendChild(heading);
      var boxes = items.map(function (item) {
        var row = document.createElement("label");
        row.style.cssText = "display:block;padding:4px 0";
        var box = document.createElement("input");
        box.type = request.multiple === false ? "radio" : "checkbox";
        box.name = "pick";
        row.appendChild(box);
        row.appendChild(document.createTextNode(" " + item.title));
        dialog.appendChild(row);
        return box;
      });
      function close(selection) { dialog.remove(); answer(selection); }
      var select = document.createElement("button");
      select.textContent = "Select";
      select.addEventListener("click", function () { close(items.filter(function (_, i) { return boxes[i].checked; })); });
      var cancel = document.createElement("button");
      cancel.textContent = "Cancel";
      cancel.addEventListener("click", function () { close(undefined); });
      dialog.appendChild(select);
      dialog.appendChild(cancel);
      document.body.appendChild(dialog);
    }, function () { answer(undefined); });
  }
  window.addEventListener("message", function (event) {
    if (event.origin !== state.appOrigin || !event.data) return;
    var data = event.data;
    if (data.type === "shopify:idToken:request") {
      token().then(function (t) { event.source.postMessage({ type: "shopify:idToken:response", id: data.id, token: t }, event.origin); },
        function (e) { event.source.postMessage({ type: "shopify:idToken:response", id: data.id, error: String(e) }, event.origin); });
    } else if (data.type === "shopify:nav") {
      nav.innerHTML = "";
      (data.items || []).filter(function (item) { return !item.home; }).forEach(function (item) {
        var a = document.createElement("a");
        a.href = "#";
        a.textContent = item.label;
        a.dataset.href = item.href;
        a.style.cssText = "display:block;padding:4px 0 4px 12px;color:#303030";
        a.addEventListener("click", function (e) { e.preventDefault(); go(item.href); });
        nav.appendChild(a);
      });
    } else if (data.type === "shopify:resourcePicker:request") {
      pick(data, event);
    } else if (data.type === "shopify:loading") {
      document.getElementById("admin-loading").hidden = !data.loading;
    } else if (data.type === "shopify:location" && typeof data.path === "string") {
      var path = data.path.split("?")[0].replace(/^\\/app/, "");
      history.replaceState(null, "", state.base + path + (state.locale === "en" ? "" : "?locale=" + state.locale));
    }
  });
})();
</script>`;
  return page(`${deps.app.handle} · ${shop.name} · Shopify`, body);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>body{margin:0;font:14px system-ui,sans-serif}</style></head><body>${body}</body></html>`;
}
