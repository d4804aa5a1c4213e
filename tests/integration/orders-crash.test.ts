// An order export killed (SIGKILL) at each of its steps, in a real worker process: before the Fastmag
// call, after Fastmag created the order and before our database write, and during the stock transfer
// (before and after Fastmag applied it). After a restart every order is in Fastmag exactly once and its
// stock moved web → general exactly once. The dead run's claim is taken over as soon as its job's lease
// has expired, not after the claim's minutes-long time to live.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transferReason } from "~/sync/orders/export.server";
import type { HoldRequest } from "../../emulators/fastmag/index";
import { spawnTsx, stopGracefully, type SpawnedProcess } from "../support/jobs-processes";
import { SKU, startOrdersWorld, type OrdersWorld } from "./orders-harness";

let world: OrdersWorld;
let worker: SpawnedProcess | null = null;

beforeAll(async () => {
  world = await startOrdersWorld("orders-crash");
  world.fastmag.db.prepare("UPDATE stocks SET stock_web = 50 WHERE reference = 'BOXE20BEWARE'").run();
});

afterAll(async () => {
  if (worker) await stopGracefully([worker]).catch(() => undefined);
  await world?.close();
});

async function startAppWorker(): Promise<SpawnedProcess> {
  worker = await spawnTsx(
    "tests/support/orders-worker-process.ts",
    { DATABASE_URL: process.env.DATABASE_URL!, SHOPIFY_API_ORIGIN_OVERRIDE: world.shopify.url },
    "ready",
  );
  return worker;
}

async function until<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${worker?.output() ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const stock = () =>
  world.fastmag.db
    .prepare("SELECT stock_general, stock_web FROM stocks WHERE reference = ? AND color = ? AND size = ?")
    .get("BOXE20BEWARE", "MARINE/GRIS CHINE", "S") as { stock_general: number; stock_web: number };

const movements = (gid: string) =>
  world.fastmag.db
    .prepare("SELECT stock, quantity FROM stock_movements WHERE reason = ? ORDER BY movement_id")
    .all(transferReason(gid));

const outcomes = (outcome: string) => world.fastmag.calls.filter((c) => c.outcome === outcome).length;

async function crashAt(hold: HoldRequest) {
  const before = stock();
  const order = await world.createOrder({ lineItems: [{ sku: SKU, title: "Boxer Beware", quantity: 2, price: 29.9 }] });
  const seen = hold.apply === "before" ? "dropped" : "applied, client gone";
  const seenBefore = outcomes(seen);
  const held = world.fastmag.hold(hold);
  expect((await world.deliverOrderCreated(order.legacyId)).status).toBe(200);
  const victim = worker ?? (await startAppWorker());
  await held.reached;
  victim.child.kill("SIGKILL");
  await victim.exited;
  worker = null;
  await held.clientGone;
  held.release();
  // The emulator saw the client die at that point: the call never reached Fastmag, or Fastmag did the work.
  await until("the emulator to see the client gone", async () => outcomes(seen) === seenBefore + 1);

  // Restart: the run whose process died comes back once its lease expires (a second here) and takes over
  // the dead run's claim at once — the claim names that run, which is over — instead of waiting minutes.
  await startAppWorker();
  const done = await until("the export to finish", async () => {
    const [row, job] = await Promise.all([world.exportRow(order.id), world.lastExportJob(order.id)]);
    return job.status === "succeeded" && row.stockTransferredAt !== null && row;
  });
  expect((await world.lastExportJob(order.id)).attempt).toBe(2);
  expect(done).toMatchObject({ status: "exported", claimedBy: null });
  const inFastmag = world.fastmagOrdersFor(order.id);
  expect(inFastmag).toHaveLength(1);
  expect(done.erpOrderId).toBe(String(inFastmag[0]!.order_id));
  expect(movements(order.id)).toEqual([
    { stock: "WEB", quantity: -2 },
    { stock: "GENERAL", quantity: 2 },
  ]);
  expect(stock()).toEqual({ stock_general: before.stock_general + 2, stock_web: before.stock_web - 2 });
}

// Each case spawns a worker process (a few seconds on a loaded machine) and waits on it.
describe("an order export killed at each step (SIGKILL), then restarted", { timeout: 180_000 }, () => {
  it("before the Fastmag call (while it looks the order up)", async () => {
    await crashAt({ page: "ediquery.ips", contains: "shopify_order_id IN", apply: "before" });
  });

  it("after Fastmag created the order, before our database write", async () => {
    await crashAt({ page: "ediwebsrv.ips", contains: "ENTETE|", apply: "after" });
  });

  it("during the stock transfer, before Fastmag applied it", async () => {
    await crashAt({ page: "ediwebsrv.ips", contains: "TRANSFER|", apply: "before" });
  });

  it("during the stock transfer, after Fastmag applied it", async () => {
    await crashAt({ page: "ediwebsrv.ips", contains: "TRANSFER|", apply: "after" });
  });
});
