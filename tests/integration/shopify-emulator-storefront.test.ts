// The emulator's online store: the app's theme app block served on the shop's own host name, its
// assets, and the app proxy forwarding a visitor's POST (body streamed) to the app, signed as Shopify
// signs it — checked here with the app's own verifier.
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAppProxyRequest } from "~/storefront/app-proxy.server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { uniqueShop } from "../support/shops";

const shop = uniqueShop("storefront");
const SECRET = "storefront-secret";
let emulator: ShopifyEmulator;
let app: http.Server;
const received: { url: string; method: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  app = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        url: req.url!,
        method: req.method!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(422, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "Some fields need fixing.", fieldErrors: { name: "Enter your name." } }));
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  emulator = await startShopifyEmulator({
    app: {
      apiKey: "k",
      apiSecret: SECRET,
      appUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}`,
      tomlPath: path.resolve("shopify.app.toml"),
    },
    shops: [{ domain: shop, name: "Maison Démo" }],
  });
});
afterAll(async () => {
  await emulator?.close();
  await new Promise((resolve) => app?.close(resolve));
});

/** A visitor's request to the shop's host name (as a browser whose DNS sends it to the emulator). */
function visit(pathname: string, init: { method?: string; body?: string; contentType?: string } = {}) {
  const { port } = new URL(emulator.url);
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: pathname,
        method: init.method ?? "GET",
        headers: {
          host: `${shop}:${port}`,
          cookie: "_secure_session_id=visitor",
          ...(init.contentType ? { "content-type": init.contentType } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode!,
            type: String(res.headers["content-type"]),
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

describe("emulated online store", () => {
  it("serves the app's theme block with its settings' defaults, and its assets", async () => {
    const index = await visit("/");
    expect(index.body).toContain('href="/pages/job-application"');
    const pageHtml = await visit("/pages/job-application");
    expect(pageHtml.status).toBe(200);
    expect(pageHtml.body).toContain('action="/apps/passerelle/job-application"');
    expect(pageHtml.body).toContain("Join our team");
    expect(pageHtml.body).toContain('name="website"');
    expect(pageHtml.body).not.toMatch(/\{\{|\{%/);
    const script = /<script src="([^"]+)"/.exec(pageHtml.body)![1]!;
    const js = await visit(script);
    expect(js.type).toMatch(/javascript/);
    expect(js.body).toContain("data-passerelle-job-application");
    expect((await visit("/cdn/extensions/job-application-form/assets/..%2Fshopify.extension.toml")).status).toBe(404);
  });

  it("forwards the app proxy with Shopify's signature, the body, the visitor's address and no cookie; passes the answer back", async () => {
    const answer = await visit("/apps/passerelle/job-application?lang=fr", {
      method: "POST",
      body: "name=&email=a%40b.test",
      contentType: "application/x-www-form-urlencoded",
    });
    expect(answer.status).toBe(422);
    expect(JSON.parse(answer.body)).toMatchObject({ fieldErrors: { name: "Enter your name." } });
    const [forwarded] = received;
    const url = new URL(forwarded!.url, "http://app.example");
    expect(url.pathname).toBe("/proxy/job-application");
    expect(url.searchParams.get("lang")).toBe("fr");
    expect(url.searchParams.get("path_prefix")).toBe("/apps/passerelle");
    expect(verifyAppProxyRequest(url, SECRET)).toEqual({ ok: true, shop, customerId: null });
    expect(verifyAppProxyRequest(url, "another-app's-secret").ok).toBe(false);
    expect(forwarded!.method).toBe("POST");
    expect(forwarded!.body).toBe("name=&email=a%40b.test");
    expect(forwarded!.headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(forwarded!.headers.cookie).toBeUndefined();
  });
});
