// Settings → RetailCRM through its route: validation (https and public unless local connectors are on,
// the API key write-only), "Test connection" naming what failed without repeating what the address
// answered, the warehouse list, the "Send stock to RetailCRM" switch and module registration.
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRouting } from "~/connectors/routing.server";
import { validateRetailCrmSettings } from "~/connectors/retailcrm/settings.server";
import { db } from "~/db.server";
import { action, loader } from "~/routes/app.settings.retailcrm";
import { testRetailCrmConnection } from "~/connectors/retailcrm/settings.server";
import { RetailCrmClient, RetailCrmUnavailableError } from "~/connectors/retailcrm/client.server";
import { sayIn, storedText, wordsJson } from "~/i18n/stored-words";
import { merchantMessageOf } from "~/lib/errors";
import { connectorUrlPolicy } from "~/lib/http-url-policy.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import type { RetailCrmEmulator } from "../../emulators/retailcrm/index";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { adminRequest, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { CRM_KEY, STORE, startCrm } from "./retailcrm-harness";

const SECRET = "internal-admin-console-token-42";
let shopify: ShopifyEmulator;
let crm: RetailCrmEmulator;
let service: http.Server;
let serviceStatus = 200;
const hanging = new Set<http.ServerResponse>();
let hangService: http.Server;

const listen = (server: http.Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`)),
  );

beforeAll(async () => {
  shopify = await startShopifyEmulator({
    app: {
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: process.env.SHOPIFY_API_SECRET!,
      appUrl: process.env.SHOPIFY_APP_URL!,
    },
    shops: [],
  });
  installShopifyOriginOverride(shopify.url);
  crm = await startCrm();
  service = http.createServer((_req, res) => {
    res.writeHead(serviceStatus, { "content-type": "text/html" }).end(`<html><body>${SECRET}</body></html>`);
  });
  hangService = http.createServer((_req, res) => void hanging.add(res));
  await Promise.all([listen(service), listen(hangService)]);
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  await Promise.all([
    new Promise((resolve) => service?.close(resolve)),
    new Promise((resolve) => hangService?.close(resolve)),
    crm?.close(),
    shopify?.close(),
  ]);
});

async function newShop() {
  const shop = uniqueShop("crmset");
  await installShop(shop);
  return shop;
}

const submit = (shop: string, form: Record<string, string>) =>
  action({ request: adminRequest(shop, "/app/settings/retailcrm", { form }), params: {}, context: {} });
const screen = (shop: string) =>
  loader({ request: adminRequest(shop, "/app/settings/retailcrm"), params: {}, context: {} });
const save = (shop: string, fields: Partial<Record<"accountUrl" | "apiKey" | "moduleCode" | "storeCode", string>>) =>
  submit(shop, { intent: "save", accountUrl: "", apiKey: "", moduleCode: "", storeCode: "", ...fields });

describe("RetailCRM settings", () => {
  it("a public address needs https and no path; the module code defaults to passerelle", () => {
    const input = { apiKey: "abcdefgh12345", moduleCode: "", storeCode: "" };
    // The tests run with ALLOW_LOCAL_CONNECTORS=on; a public name still needs https.
    expect(validateRetailCrmSettings({ ...input, accountUrl: "https://myshop.retailcrm.ru" }, false)).toMatchObject({
      ok: true,
      settings: { accountUrl: "https://myshop.retailcrm.ru", moduleCode: "passerelle", storeCode: "" },
    });
    expect(validateRetailCrmSettings({ ...input, accountUrl: "http://myshop.retailcrm.ru" }, false)).toMatchObject({
      ok: false,
      fieldErrors: { accountUrl: "The address must start with https://" },
    });
    // In production (local connectors off) an emulator on this machine is refused.
    expect(
      validateRetailCrmSettings({ ...input, accountUrl: "http://127.0.0.1:4300" }, false, { allowLocal: false }),
    ).toMatchObject({ ok: false, fieldErrors: { accountUrl: "The address must start with https://" } });
    expect(
      validateRetailCrmSettings({ ...input, accountUrl: "https://127.0.0.1:4300" }, false, { allowLocal: false }),
    ).toMatchObject({ ok: false, fieldErrors: { accountUrl: expect.stringMatching(/must be a public one/) } });
    expect(validateRetailCrmSettings({ ...input, accountUrl: "https://x.retailcrm.ru/api/v5" }, false)).toMatchObject({
      ok: false,
      fieldErrors: { accountUrl: expect.stringMatching(/without a path/) },
    });
  });

  it("saves all or nothing; the API key is write-only; the warehouses come from RetailCRM", async () => {
    const shop = await newShop();
    const refused = await save(shop, { accountUrl: "ftp://nowhere", moduleCode: "bad code!" });
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: {
        accountUrl: expect.any(String),
        apiKey: expect.stringMatching(/Enter the API key/),
        moduleCode: expect.any(String),
      },
    });
    expect((await screen(shop)).settings).toBeNull();

    expect(await save(shop, { accountUrl: crm.url, apiKey: CRM_KEY })).toMatchObject({ ok: true });
    const view = await screen(shop);
    expect(view).toMatchObject({
      settings: { accountUrl: crm.url, moduleCode: "passerelle", storeCode: "" },
      apiKeySet: true,
      sendsStock: false,
      storesError: null,
      connection: { state: "untested" },
    });
    expect(JSON.stringify(view)).not.toContain(CRM_KEY);
    expect(view.stores.map((s) => s.code)).toEqual([STORE, "shop-paris"]);

    // Empty key keeps the stored one.
    expect(await save(shop, { accountUrl: crm.url, storeCode: STORE })).toMatchObject({ ok: true });
    expect(await submit(shop, { intent: "test" })).toMatchObject({
      ok: true,
      message: 'Connected: 2 warehouses found; stock goes to "Entrepôt principal".',
    });
    expect((await screen(shop)).connection).toMatchObject({ state: "connected" });
  });

  it("Test connection tests the form's unsaved values and saves nothing; a blank key means the saved one", async () => {
    const shop = await newShop();
    expect(await save(shop, { accountUrl: crm.url, apiKey: CRM_KEY, storeCode: STORE })).toMatchObject({ ok: true });
    expect(await submit(shop, { intent: "test" })).toMatchObject({ ok: true });
    const stored = await db.connectorSetting.findMany({ where: { shop } });
    const form = { intent: "test", accountUrl: crm.url, apiKey: "", moduleCode: "passerelle", storeCode: STORE };

    // A new key, checked before saving it: the test uses it; the working one stays saved.
    expect(await submit(shop, { ...form, apiKey: "wrong-key-123456" })).toMatchObject({
      intent: "test",
      ok: false,
      message: expect.stringMatching(/RetailCRM refused the API key/),
    });
    // Another warehouse in the form, key left blank: the saved key, the form's warehouse.
    expect(await submit(shop, { ...form, storeCode: "nowhere" })).toMatchObject({
      ok: false,
      message: 'Connected, but RetailCRM has no warehouse "nowhere": pick another one.',
    });
    expect(await submit(shop, { ...form, accountUrl: "ftp://nowhere" })).toMatchObject({
      ok: false,
      fieldErrors: { accountUrl: expect.any(String) },
    });

    expect(await db.connectorSetting.findMany({ where: { shop } })).toEqual(stored);
    expect((await screen(shop)).connection).toMatchObject({ state: "connected" });
    // The saved values, as the form shows them, are the saved connection: its state follows.
    expect(await submit(shop, form)).toMatchObject({ ok: true });
  });

  it("a wrong key and an unknown warehouse are said plainly", async () => {
    const shop = await newShop();
    await save(shop, { accountUrl: crm.url, apiKey: "wrong-key-123456", storeCode: STORE });
    expect(await submit(shop, { intent: "test" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/RetailCRM refused the API key \(HTTP 403 \(access denied\)\)/),
    });
    expect((await screen(shop)).connection).toMatchObject({ state: "failing" });
    // A French admin reads RetailCRM's refusal in French.
    expect(await testRetailCrmConnection(shop, { locale: "fr" })).toMatchObject({
      ok: false,
      message: "RetailCRM a refusé la clé d'API (HTTP 403 (accès refusé)). Vérifiez la clé et ses droits.",
    });
    await save(shop, { accountUrl: crm.url, apiKey: CRM_KEY, storeCode: "nowhere" });
    expect(await submit(shop, { intent: "test" })).toMatchObject({
      ok: false,
      message: 'Connected, but RetailCRM has no warehouse "nowhere": pick another one.',
    });
  });

  describe("Test connection failures in plain words, never the remote body", () => {
    async function testWith(accountUrl: string, timeoutMs?: number): Promise<string> {
      const shop = await newShop();
      expect(await save(shop, { accountUrl, apiKey: CRM_KEY })).toMatchObject({ ok: true });
      const tested = timeoutMs
        ? await testRetailCrmConnection(shop, { timeoutMs })
        : await submit(shop, { intent: "test" });
      expect(tested.ok).toBe(false);
      expect(tested.message).not.toContain(SECRET);
      expect(tested.message).not.toMatch(/TypeError|fetch failed|ECONN|undici|\d+\.\d+\.\d+\.\d+:\d+/);
      return tested.message;
    }
    const base = () => `http://127.0.0.1:${(service.address() as net.AddressInfo).port}`;

    it("refused", async () => {
      const port = await new Promise<number>((resolve) => {
        const probe = net.createServer().listen(0, "127.0.0.1", () => {
          const { port } = probe.address() as net.AddressInfo;
          probe.close(() => resolve(port));
        });
      });
      expect(await testWith(`http://127.0.0.1:${port}`)).toBe(
        "RetailCRM is not answering at its address. Check the address, or that RetailCRM is running.",
      );
      // What a run stores of the client's failure: the sentence and its classified reason, said again in French.
      const client = new RetailCrmClient({
        accountUrl: `http://127.0.0.1:${port}`,
        apiKey: CRM_KEY,
        timeoutMs: 2_000,
        maxAttempts: 1,
        urlPolicy: connectorUrlPolicy(),
      });
      const error = await client.get("/api/v5/reference/stores").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetailCrmUnavailableError);
      expect((error as Error).message).toBe(
        `RetailCRM could not be reached: the connection to 127.0.0.1:${port} was refused`,
      );
      const stored = wordsJson(merchantMessageOf(error));
      expect(storedText((error as Error).message, stored, "fr")).toBe(
        `RetailCRM est injoignable : la connexion à 127.0.0.1:${port} a été refusée`,
      );
    });

    it("TLS", async () => {
      expect(await testWith(base().replace("http:", "https:"))).toMatch(/^The secure connection to RetailCRM failed/);
    });

    it("timeout", async () => {
      const url = `http://127.0.0.1:${(hangService.address() as net.AddressInfo).port}`;
      expect(await testWith(url, 400)).toBe("RetailCRM did not answer in time. Try again in a few minutes.");
      const client = new RetailCrmClient({
        accountUrl: url,
        apiKey: CRM_KEY,
        timeoutMs: 300,
        maxAttempts: 1,
        urlPolicy: connectorUrlPolicy(),
      });
      const error = await client.get("/api/v5/reference/stores").catch((e: unknown) => e);
      expect((error as Error).message).toBe("RetailCRM could not be reached: no answer within 0.3 s");
      expect(sayIn(merchantMessageOf(error)!, "fr")).toBe("RetailCRM est injoignable : pas de réponse en 0,3 s");
    });

    it("DNS", async () => {
      expect(await testWith("https://no-such-host.invalid")).toBe(
        "RetailCRM's address could not be found. Check the address.",
      );
    });

    it("HTTP status, and something that is not RetailCRM", async () => {
      serviceStatus = 500;
      expect(await testWith(base())).toMatch(/HTTP 500 \(server error\)/);
      serviceStatus = 404;
      expect(await testWith(base())).toMatch(/HTTP 404/);
      serviceStatus = 200;
      expect(await testWith(base())).toMatch(/not its API/);
    });
  });

  it("'Send stock to RetailCRM' adds it to the shop's stock destinations and removes it", async () => {
    const shop = await newShop();
    expect(await submit(shop, { intent: "send-stock", on: "on" })).toMatchObject({ ok: false });
    await save(shop, { accountUrl: crm.url, apiKey: CRM_KEY });
    expect(await submit(shop, { intent: "send-stock", on: "on" })).toMatchObject({
      ok: false,
      message: "Pick the RetailCRM warehouse stock goes to first.",
    });
    await save(shop, { accountUrl: crm.url, storeCode: STORE });
    expect(await submit(shop, { intent: "send-stock", on: "on" })).toMatchObject({ ok: true });
    expect((await loadRouting(db, shop)).stockDestinations).toEqual(["shopify", "retailcrm"]);
    expect((await screen(shop)).sendsStock).toBe(true);
    // While stock goes there, the warehouse cannot be emptied.
    expect(await save(shop, { accountUrl: crm.url, storeCode: "" })).toMatchObject({
      ok: false,
      fieldErrors: { storeCode: expect.stringMatching(/pick its warehouse, or stop sending stock first/) },
    });
    expect(await submit(shop, { intent: "send-stock", on: "" })).toMatchObject({ ok: true });
    expect((await loadRouting(db, shop)).stockDestinations).toEqual(["shopify"]);
  });

  it("registers the warehouse module, idempotently, with the app's address and the shop's clientId", async () => {
    const shop = await newShop();
    await save(shop, { accountUrl: crm.url, apiKey: CRM_KEY, storeCode: STORE });
    const first = await submit(shop, { intent: "register" });
    expect(first).toMatchObject({
      ok: true,
      message: expect.stringMatching(/registered the module "passerelle" \(active\)/),
    });
    const module = crm.state().modules.find((m) => m.code === "passerelle")!;
    expect(module).toMatchObject({
      baseUrl: process.env.SHOPIFY_APP_URL,
      active: true,
      integrations: {
        store: {
          actions: [{ code: "inventoriesUpload", url: "/retailcrm/inventories-upload", callPoints: expect.any(Array) }],
        },
      },
    });
    expect(module.clientId).toMatch(/^passerelle-[0-9a-f]{48}$/);
    expect(await submit(shop, { intent: "register" })).toMatchObject({ ok: true });
    expect(crm.state().modules.filter((m) => m.code === "passerelle")).toHaveLength(1);
    expect(crm.state().modules[0]!.clientId).toBe(module.clientId);
    // Saving again keeps the clientId RetailCRM knows.
    await save(shop, { accountUrl: crm.url, storeCode: STORE });
    await submit(shop, { intent: "register" });
    expect(crm.state().modules[0]!.clientId).toBe(module.clientId);
  });
});
