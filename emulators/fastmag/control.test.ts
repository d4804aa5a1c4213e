// The control API and the hang fault over real HTTP: a transaction applied while the instance hangs
// loses its answer (connection reset) yet exists in the store, and the read-outs show it.
import { afterEach, describe, expect, it } from "vitest";
import { startFastmagEmulator, type FastmagEmulator } from "./index";

const credentials = { enseigne: "E", magasin: "M", compte: "c", motpasse: "p" };
let emulator: FastmagEmulator;
afterEach(async () => {
  await emulator?.close();
});

const post = (page: string, data: string) =>
  fetch(`${emulator.url}${page}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: new URLSearchParams({ ...credentials, data }).toString(),
  });
type Listed = { shopifyOrderId: string }[];
const ours = async () =>
  ((await control("orders")).orders as Listed).filter((o) => o.shopifyOrderId === "gid://shopify/Order/77");
const control = async (path: string, init?: RequestInit) =>
  (await fetch(`${emulator.url}_emulator/${path}`, init)).json() as Promise<Record<string, unknown>>;
const ORDER = [
  "ENTETE|WEB|25|1|COMMANDE|WEB|helene.lefevre@example.fr|LIVRAISON||||gid://shopify/Order/77|#77|0",
  "LIGNE|BOXE20BEWARE|S|MARINE/GRIS CHINE|Boxer|25|1|0|25|||",
].join("\r\n");

describe("fastmag emulator control and hang", () => {
  it("applies a transaction during a hang of the transaction page, resets its answer, and lists the order", async () => {
    emulator = await startFastmagEmulator({ credentials, seed: "demo" });
    await control("fault-config", {
      method: "PUT",
      body: JSON.stringify({ hangMs: 300, hangEnd: "reset", hangPages: ["ediwebsrv.ips"] }),
    });
    const started = Date.now();
    const read = await post("ediquery.ips", "SELECT 1 AS one");
    expect(await read.text()).toContain("one"); // reads are not held
    await expect(post("ediwebsrv.ips", ORDER).then((r) => r.text())).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(await ours()).toEqual([
      {
        orderId: expect.any(Number),
        shopifyOrderId: "gid://shopify/Order/77",
        shopifyOrderName: "#77",
        status: 100,
        statusLabel: "Nouvelle commande",
        lines: 1,
      },
    ]);

    await control("fault-config", { method: "PUT", body: "{}" });
    expect(await (await post("ediwebsrv.ips", ORDER)).text()).toMatch(/^OK\|/);
    expect(await ours()).toHaveLength(2);
  });

  it("shows a web status change (VSHOPSTATUS) and the stock moved back by a TRANSFER in its read-outs", async () => {
    emulator = await startFastmagEmulator({ credentials, seed: "demo" });
    expect(await (await post("ediwebsrv.ips", ORDER)).text()).toMatch(/^OK\|/);
    const [order] = (await ours()) as unknown as { orderId: number }[];
    expect(await (await post("ediwebsrv.ips", `VSHOPSTATUS|${order!.orderId}|900||`)).text()).toBe("OK");
    expect(await (await post("ediwebsrv.ips", `VSHOPSTATUS|${order!.orderId}|910||`)).text()).toBe("OK");
    expect(await ours()).toMatchObject([{ status: 910, statusLabel: "Remboursée" }]);
    const transfer =
      "TRANSFER|BOXE20BEWARE|MARINE/GRIS CHINE|S|1|GENERAL|WEB|Shopify order gid://shopify/Order/77 cancelled";
    expect(await (await post("ediwebsrv.ips", transfer)).text()).toBe("OK");
    const { movements } = await control("movements?reasonPrefix=Shopify%20order%20gid://shopify/Order/77");
    expect(movements).toEqual([
      { reason: "Shopify order gid://shopify/Order/77 cancelled", stock: "GENERAL", count: 1, quantity: -1 },
      { reason: "Shopify order gid://shopify/Order/77 cancelled", stock: "WEB", count: 1, quantity: 1 },
    ]);
  });

  it("answers late after a hang in answer mode, and 5xx at the configured rate", async () => {
    emulator = await startFastmagEmulator({ credentials, seed: "demo" });
    await control("fault-config", { method: "PUT", body: JSON.stringify({ hangMs: 200 }) });
    const started = Date.now();
    expect(await (await post("ediquery.ips", "SELECT 1 AS one")).text()).toContain("one");
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);

    await control("fault-config", { method: "PUT", body: JSON.stringify({ http5xxRate: 0.5 }) });
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () => post("ediquery.ips", "SELECT 1").then((r) => r.status)),
    );
    const failed = statuses.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
    const { byOutcome } = await control("outcomes");
    expect(byOutcome).toMatchObject({ http503: failed });
  });

  it("takes the kit's fault rules and answers Fastmag's HTML error page; reset goes back to the seed", async () => {
    emulator = await startFastmagEmulator({ credentials, seed: "demo" });
    const before = (await control("state")).counts as Record<string, number>;
    expect(before.products).toBeGreaterThan(0);
    expect(
      (
        await fetch(`${emulator.url}_emulator/faults`, {
          method: "POST",
          body: JSON.stringify({ route: "POST /ediquery.ips", kind: "status", status: 502, count: 1 }),
        })
      ).status,
    ).toBe(201);
    const failed = await post("ediquery.ips", "SELECT 1 AS one");
    expect(failed.status).toBe(502);
    expect(failed.headers.get("content-type")).toBe("text/html");
    expect(await failed.text()).toBe("<html><body>Service Unavailable</body></html>");
    expect(await (await post("ediwebsrv.ips", ORDER)).text()).toMatch(/^OK\|/);
    expect(emulator.calls.map((c) => c.outcome)).toEqual(["http502", expect.stringMatching(/^OK/)]);
    expect((await control("state")).counts).toMatchObject({ orders: before.orders + 1 });

    expect((await fetch(`${emulator.url}_emulator/reset`, { method: "POST" })).status).toBe(200);
    expect((await control("state")).counts).toEqual(before);
    expect(await ours()).toEqual([]);
    expect(emulator.calls).toEqual([]);
  });

  it("turns a fault config's HTTP counters into kit rules, listed at /_emulator/faults", async () => {
    emulator = await startFastmagEmulator({ credentials, seed: "demo" });
    emulator.setFaults({ latencyMs: 5, http5xxNext: 1, koNext: 1 });
    expect(((await control("faults")).faults as { kind: string }[]).map((f) => f.kind)).toEqual(["latency", "status"]);
    expect((await post("ediquery.ips", "SELECT 1")).status).toBe(503);
    expect(await (await post("ediquery.ips", "SELECT 1")).text()).toMatch(/^KO\|/);
    expect(await (await post("ediquery.ips", "SELECT 1 AS one")).text()).toContain("one");
    expect(emulator.calls.map((c) => c.outcome)).toEqual(["http503", "KO", "rows:1"]);
  });
});
