// The emulator's admin page and App Bridge stand-in in a real browser (Debian's Chromium): the app in
// the iframe gets session tokens from the admin, its fetches carry them, <ui-nav-menu> links appear in
// the admin's navigation, and the bounce page comes back with a fresh token.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Frame } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { uniqueShop } from "../support/shops";

const shop = uniqueShop("bridge");
let emulator: ShopifyEmulator;
let appServer: http.Server;
let browser: Browser;
let bridgeUrl = "";

function appPage(title: string, body: string): string {
  return `<!doctype html><html><head><title>${title}</title>
<script src="${bridgeUrl}" data-api-key="test-api-key"></script></head><body>
<ui-nav-menu><a href="/app" rel="home">Accueil</a><a href="/app/syncs">Synchronisations</a></ui-nav-menu>
<h1>${title}</h1>${body}</body></html>`;
}

beforeAll(async () => {
  // A stand-in for the app: pages that load App Bridge, and an API echoing the Authorization header.
  appServer = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://app.invalid");
    const html = (body: string) => res.writeHead(200, { "content-type": "text/html" }).end(body);
    if (url.pathname === "/api/whoami")
      return res.writeHead(200, { "content-type": "text/plain" }).end(req.headers.authorization ?? "none");
    if (url.pathname === "/app")
      return html(
        appPage(
          "Accueil",
          `<p id="out">…</p><script>fetch("/api/whoami").then(function (r) { return r.text(); }).then(function (t) { document.getElementById("out").textContent = t; });</script>`,
        ),
      );
    if (url.pathname === "/app/syncs")
      return html(
        appPage(
          "Synchronisations",
          `<p id="params">${url.searchParams.has("id_token") ? "with token" : "no token"}</p>`,
        ),
      );
    if (url.pathname === "/auth/session-token") return html(appPage("Bounce", ""));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => appServer.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
  emulator = await startShopifyEmulator({
    app: { apiKey: "test-api-key", apiSecret: "test-api-secret", appUrl },
    shops: [{ domain: shop }],
  });
  bridgeUrl = `${emulator.url}/app-bridge.js`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  await new Promise((resolve) => appServer?.close(resolve));
});

async function appFrame(page: import("playwright-core").Page): Promise<Frame> {
  const handle = await page.waitForSelector("#app-frame");
  return (await handle.contentFrame())!;
}

describe("the embedded app in the emulator's admin", () => {
  it("authenticates the app's fetches, shows its navigation and navigates with fresh tokens", async () => {
    const page = await browser.newPage();
    await page.goto(emulator.adminUrl(shop));
    const frame = await appFrame(page);

    await frame.waitForFunction(() => document.getElementById("out")?.textContent?.startsWith("Bearer "));
    const config = await frame.evaluate(
      () => (window as unknown as { shopify: { config: Record<string, string> } }).shopify.config,
    );
    expect(config).toMatchObject({ apiKey: "test-api-key", shop, locale: "en" });

    // The parent answers idToken() requests over postMessage.
    const token = await frame.evaluate(() =>
      (window as unknown as { shopify: { idToken(): Promise<string> } }).shopify.idToken(),
    );
    expect(token.split(".")).toHaveLength(3);

    // <ui-nav-menu> links (minus the home link) appear in the admin frame and navigate the iframe.
    const link = page.locator("#app-nav a", { hasText: "Synchronisations" });
    await link.waitFor();
    expect(await page.locator("#app-nav a").allTextContents()).toEqual(["Synchronisations"]);
    await link.click();
    await page.waitForFunction(() =>
      (document.getElementById("app-frame") as HTMLIFrameElement).src.includes("/app/syncs"),
    );
    const syncs = await appFrame(page);
    await syncs.waitForSelector("#params");
    expect(await syncs.textContent("#params")).toBe("with token");

    // Toasts are visible in the app's document.
    await syncs.evaluate(() =>
      (window as unknown as { shopify: { toast: { show(m: string): void } } }).shopify.toast.show(
        "Synchronisation lancée",
      ),
    );
    expect(await syncs.textContent(".shopify-emulator-toast")).toBe("Synchronisation lancée");
    await page.close();
  });

  it("brings the bounce page back with a session token", async () => {
    const page = await browser.newPage();
    await page.goto(emulator.adminUrl(shop));
    const frame = await appFrame(page);
    await frame.waitForSelector("#out");
    const target = `${emulator.app.appUrl}/app/syncs`;
    await frame.goto(`${emulator.app.appUrl}/auth/session-token?shopify-reload=${encodeURIComponent(target)}`);
    // No id_token in the bounce URL: the stand-in asks the admin for one, then replaces the location.
    const after = await appFrame(page);
    await after.waitForURL(/\/app\/syncs\?.*id_token=/);
    expect(await after.textContent("#params")).toBe("with token");
    await page.close();
  });
});
