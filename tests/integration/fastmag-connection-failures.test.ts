// "Test connection" on Settings → Fastmag says what failed in plain words (refused, TLS, timeout, an
// HTTP status, not Fastmag at all) and never repeats what the address answered: it may be any
// service of the network. Demo mode (local addresses allowed), a short Fastmag deadline.
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const previous = vi.hoisted(() => {
  const value = process.env.FASTMAG_TIMEOUT_MS;
  process.env.FASTMAG_TIMEOUT_MS = "400";
  return value;
});

import { db } from "~/db.server";
import { action, loader } from "~/routes/app.settings.fastmag";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { adminRequest, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { CREDENTIALS } from "./fastmag-harness";

const SECRET = "internal-admin-console-token-42";
const shop = uniqueShop("fmfail");
let shopify: ShopifyEmulator;
let service: http.Server;
let serviceStatus = 200;
const hanging = new Set<http.ServerResponse>();

beforeAll(async () => {
  shopify = await startShopifyEmulator({
    app: {
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: process.env.SHOPIFY_API_SECRET!,
      appUrl: process.env.SHOPIFY_APP_URL!,
    },
    shops: [{ domain: shop, locations: [{ name: "Entrepôt Lyon" }] }],
  });
  installShopifyOriginOverride(shopify.url);
  await installShop(shop, { ianaTimezone: "Europe/Paris" });
  await db.session.update({ where: { id: `offline_${shop}` }, data: { accessToken: shopify.issueAccessToken(shop) } });
  // Something else than Fastmag listening on this machine.
  service = http.createServer((req, res) => {
    if (req.url?.includes("hang")) return void hanging.add(res);
    res.writeHead(serviceStatus, { "content-type": "text/html" }).end(`<html><body>${SECRET}</body></html>`);
  });
  await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  await new Promise((resolve) => service?.close(resolve));
  await shopify?.close();
  if (previous === undefined) delete process.env.FASTMAG_TIMEOUT_MS;
  else process.env.FASTMAG_TIMEOUT_MS = previous;
});

const submit = (form: Record<string, string>) =>
  action({ request: adminRequest(shop, "/app/settings/fastmag", { form }), params: {}, context: {} });

async function testWith(host: string): Promise<string> {
  const { locations } = await loader({ request: adminRequest(shop, "/app/settings/fastmag"), params: {}, context: {} });
  const saved = await submit({
    intent: "save",
    host,
    ...CREDENTIALS,
    stockA: "on",
    locationId: locations[0]!.id,
    timeZone: "Europe/Paris",
  });
  expect(saved, host).toMatchObject({ ok: true });
  const tested = await submit({ intent: "test" });
  expect(tested.ok, host).toBe(false);
  expect(tested.message).not.toContain(SECRET);
  expect(tested.message).not.toMatch(/TypeError|fetch failed|ECONN|undici/);
  return tested.message;
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe("Test connection failures in plain words", () => {
  const base = () => `http://127.0.0.1:${(service.address() as net.AddressInfo).port}`;

  it("names a refused connection", async () => {
    // In plain words, without the address and port (app/lib/merchant-messages.server.ts).
    expect(await testWith(`http://127.0.0.1:${await closedPort()}/`)).toBe(
      "Fastmag is not answering at its address. Check the address, or that Fastmag is running.",
    );
  });

  it("names a TLS failure", async () => {
    expect(await testWith(base().replace("http:", "https:"))).toMatch(/^The secure connection to Fastmag failed/);
  });

  it("names a timeout", async () => {
    expect(await testWith(`${base()}/hang/`)).toMatch(/within 400 ms/);
  });

  it("names an HTTP status without the page that came with it", async () => {
    serviceStatus = 500;
    expect(await testWith(`${base()}/`)).toMatch(/HTTP 500 \(server error\)/);
    serviceStatus = 403;
    expect(await testWith(`${base()}/`)).toMatch(/HTTP 403/);
  });

  it("says when the address answers something that is not Fastmag", async () => {
    serviceStatus = 200;
    expect(await testWith(`${base()}/`)).toMatch(/not a Fastmag table/);
  });
});
