// GET /app-bridge.js — a small local stand-in for Shopify's App Bridge CDN script (App Bridge 4 API
// surface the app uses). It talks to the emulator's admin page (the iframe's parent) over postMessage.
export const APP_BRIDGE_SCRIPT = String.raw`(function () {
  "use strict";
  if (window.shopify && window.shopify.__emulator) return;
  var script = document.currentScript;
  var params = new URLSearchParams(location.search);
  // sessionStorage's first use in a frame waits on the browser process (about 100 ms on a busy machine,
  // before the app's first paint): read only when the URL lacks what the admin passes, write after it.
  var remembered = {};
  if (!params.get("shop") || !params.get("host")) {
    try { remembered = JSON.parse(sessionStorage.getItem("shopify-emulator-config") || "{}"); } catch (e) {}
  }
  var config = {
    apiKey: (script && script.dataset.apiKey) || remembered.apiKey || "",
    shop: params.get("shop") || remembered.shop || "",
    host: params.get("host") || remembered.host || "",
    locale: params.get("locale") || remembered.locale || "en",
  };
  var saved = false;
  function saveConfig() {
    if (saved) return;
    saved = true;
    try { sessionStorage.setItem("shopify-emulator-config", JSON.stringify(config)); } catch (e) {}
  }
  // Right after the first frame; or in a second when no frame is drawn (a hidden tab), or on leaving.
  if (window.requestAnimationFrame) requestAnimationFrame(function () { setTimeout(saveConfig, 0); });
  setTimeout(saveConfig, 1000);
  window.addEventListener("pagehide", saveConfig);
  // The admin page that frames us is served by the emulator, which also serves this script.
  var parentOrigin = script && script.src ? new URL(script.src).origin : "*";
  var embedded = window.parent !== window;

  function post(message) { window.parent.postMessage(message, parentOrigin); }

  function expiryOf(token) {
    try {
      var payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
      return payload.exp * 1000;
    } catch (e) { return 0; }
  }

  var cached = params.get("id_token");
  var pending = {};
  var nextId = 1;
  window.addEventListener("message", function (event) {
    if (event.origin !== parentOrigin || !event.data || event.data.type !== "shopify:idToken:response") return;
    var waiter = pending[event.data.id];
    if (!waiter) return;
    delete pending[event.data.id];
    if (event.data.token) { cached = event.data.token; waiter.resolve(event.data.token); }
    else waiter.reject(new Error(event.data.error || "no session token"));
  });

  function idToken() {
    // Cached until 10 s before expiry, like App Bridge.
    if (cached && expiryOf(cached) - Date.now() > 10000) return Promise.resolve(cached);
    if (!embedded) return Promise.reject(new Error("App Bridge stand-in: not embedded in the emulator's admin"));
    return new Promise(function (resolve, reject) {
      var id = nextId++;
      pending[id] = { resolve: resolve, reject: reject };
      post({ type: "shopify:idToken:request", id: id });
      setTimeout(function () {
        if (pending[id]) { delete pending[id]; reject(new Error("App Bridge stand-in: the admin did not answer")); }
      }, 5000);
    });
  }

  // Same-origin requests carry the session token, as real App Bridge does.
  var originalFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin !== location.origin) return originalFetch(input, init);
    return idToken().then(function (token) {
      var headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
      if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + token);
      return originalFetch(input, Object.assign({}, init || {}, { headers: headers }));
    }, function () { return originalFetch(input, init); });
  };

  function toastHost() {
    var host = document.getElementById("shopify-emulator-toasts");
    if (!host) {
      host = document.createElement("div");
      host.id = "shopify-emulator-toasts";
      host.setAttribute("aria-live", "polite");
      host.style.cssText = "position:fixed;left:50%;bottom:24px;transform:translateX(-50%);z-index:2147483647;display:flex;flex-direction:column;gap:8px;font:14px system-ui,sans-serif";
      document.body.appendChild(host);
    }
    return host;
  }
  var toastCount = 0;
  var toast = {
    show: function (message, options) {
      options = options || {};
      var id = "toast-" + (++toastCount);
      var el = document.createElement("div");
      el.id = id;
      el.className = "shopify-emulator-toast" + (options.isError ? " is-error" : "");
      el.setAttribute("role", "status");
      el.textContent = message;
      el.style.cssText = "padding:10px 16px;border-radius:8px;color:#fff;background:" + (options.isError ? "#8e1f0b" : "#303030");
      toastHost().appendChild(el);
      setTimeout(function () { el.remove(); }, options.duration || 5000);
      return id;
    },
    hide: function (id) { var el = document.getElementById(id); if (el) el.remove(); },
  };

  function loading(on) {
    if (on === undefined) return document.documentElement.hasAttribute("data-shopify-loading");
    document.documentElement.toggleAttribute("data-shopify-loading", !!on);
    post({ type: "shopify:loading", loading: !!on });
  }

  // <ui-nav-menu>: its links become the app's navigation in the admin frame.
  function publishNav(menu) {
    var items = Array.prototype.map.call(menu.querySelectorAll("a"), function (a) {
      return { label: (a.textContent || "").trim(), href: a.getAttribute("href") || "/", home: a.getAttribute("rel") === "home" };
    });
    post({ type: "shopify:nav", items: items });
  }
  if (window.customElements && !customElements.get("ui-nav-menu")) {
    customElements.define("ui-nav-menu", class extends HTMLElement {
      connectedCallback() {
        var self = this;
        this.style.display = "none";
        publishNav(this);
        this._observer = new MutationObserver(function () { publishNav(self); });
        this._observer.observe(this, { childList: true, subtree: true, characterData: true, attributes: true });
      }
      disconnectedCallback() { if (this._observer) this._observer.disconnect(); }
    });
  }

  // resourcePicker({ type: "product" | "collection", multiple }): the admin shows a dialog; resolves with
  // the selection ([{ id, title, … }]) or undefined when cancelled, like App Bridge 4.
  var picks = {};
  window.addEventListener("message", function (event) {
    if (event.origin !== parentOrigin || !event.data || event.data.type !== "shopify:resourcePicker:response") return;
    var resolve = picks[event.data.id];
    if (!resolve) return;
    delete picks[event.data.id];
    resolve(event.data.selection);
  });
  function resourcePicker(options) {
    options = options || {};
    if (!embedded) return Promise.reject(new Error("App Bridge stand-in: not embedded in the emulator's admin"));
    return new Promise(function (resolve) {
      var id = nextId++;
      picks[id] = resolve;
      post({ type: "shopify:resourcePicker:request", id: id, resourceType: options.type || "product", multiple: options.multiple !== false });
    });
  }

  window.shopify = {
    __emulator: true,
    resourcePicker: resourcePicker,
    config: config,
    environment: { embedded: embedded, mobile: false, pos: false },
    origin: parentOrigin,
    ready: Promise.resolve(),
    idToken: idToken,
    toast: toast,
    loading: loading,
  };

  if (embedded) post({ type: "shopify:location", path: location.pathname + location.search });

  // Bounce page: fetch a fresh session token and go back to where the app wanted to be.
  var reload = params.get("shopify-reload");
  if (reload) {
    idToken().then(function (token) {
      var target = new URL(reload, location.href);
      target.searchParams.set("id_token", token);
      location.replace(target.toString());
    });
  }
})();
`;
