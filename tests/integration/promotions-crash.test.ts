// A promotion's start killed (SIGKILL) in a real worker process in its most delicate window: the
// originals are stored (rows pending) and the price writes are in flight (each Admin call slowed down,
// so Shopify applies them after the process is gone). After a restart the start finishes: every variant
// has one stored original (its price before the promotion, not the price the dead run had lowered), was
// written once, shows the promotion's price and carries the tag.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPromotion } from "~/promotions/promotions.server";
import { spawnTsx, stopGracefully, type SpawnedProcess } from "../support/jobs-processes";
import { startPromotionWorld, type PromotionWorld } from "./promotions-harness";

const PRODUCTS = ["A", "B", "C", "D", "E", "F"];
const before = (i: number, size: string) => `${10 + i * 10}.${size === "S" ? "00" : "50"}`;

let world: PromotionWorld;
let worker: SpawnedProcess | null = null;

beforeAll(async () => {
  world = await startPromotionWorld({
    prefix: "promo-crash",
    start: new Date(),
    products: PRODUCTS.map((name, i) => ({
      title: `Produit ${name}`,
      variants: ["S", "M"].map((size) => ({
        sku: `${name}|${size}`,
        price: before(i, size),
        options: { Taille: size },
      })),
      options: [{ name: "Taille", values: ["S", "M"] }],
    })),
  });
});

afterAll(async () => {
  if (worker) await stopGracefully([worker]).catch(() => undefined);
  await world?.close();
});

async function startAppWorker(): Promise<SpawnedProcess> {
  worker = await spawnTsx(
    "tests/support/orders-worker-process.ts",
    {
      DATABASE_URL: process.env.DATABASE_URL!,
      SHOPIFY_API_ORIGIN_OVERRIDE: world.shopify.url,
      WORKER_JOB_TYPES: "promotions.run",
    },
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
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const priceWrites = () =>
  world.shopify.callLog({ shop: world.shop }).filter((c) => c.operationName === "ProductVariantsBulkUpdate").length;

describe("a promotion start killed (SIGKILL) while it lowers prices, then restarted", { timeout: 180_000 }, () => {
  it("finishes with every variant stored once at its price before, lowered once, tagged", async () => {
    const { promotion } = await createPromotion(world.deps, {
      name: "Crash",
      percentage: 20,
      tag: "crash-20",
      productIds: PRODUCTS.map((name) => world.productId(`Produit ${name}`)),
    });
    world.shopify.faults.add({ kind: "latency", ms: 250 });
    const victim = await startAppWorker();
    await until(
      "the originals stored",
      async () => (await db.promotionVariant.count({ where: { promotionId: promotion.id } })) === PRODUCTS.length * 2,
    );
    await new Promise((resolve) => setTimeout(resolve, 100)); // the writes are sent, Shopify is slow to answer
    victim.child.kill("SIGKILL");
    await victim.exited;
    worker = null;
    world.shopify.faults.clear();
    expect(await db.promotionVariant.count({ where: { promotionId: promotion.id, status: "pending" } })).toBe(
      PRODUCTS.length * 2,
    );
    expect(await db.promotion.findUniqueOrThrow({ where: { id: promotion.id } })).toMatchObject({
      state: "scheduled",
    });

    await startAppWorker();
    // The run marks the promotion active, then its job is recorded as ended: wait for both.
    const job = await until("the start to finish", async () => {
      const row = await db.promotion.findUniqueOrThrow({ where: { id: promotion.id } });
      const run = await db.job.findFirstOrThrow({ where: { dedupeKey: `promotion:${promotion.id}:start` } });
      return row.state === "active" && !["queued", "running"].includes(run.status) && run;
    });
    expect(job).toMatchObject({ status: "succeeded", attempt: 2 });

    const rows = await db.promotionVariant.findMany({ where: { promotionId: promotion.id } });
    expect(rows).toHaveLength(PRODUCTS.length * 2);
    PRODUCTS.forEach((name, i) => {
      for (const size of ["S", "M"]) {
        const original = before(i, size);
        const lowered = (Math.round(Number(original) * 80) / 100).toFixed(2);
        expect(rows.find((r) => r.sku === `${name}|${size}`)).toMatchObject({
          originalPrice: original,
          originalCompareAt: null,
          promoPrice: lowered,
          status: "applied",
        });
        expect(world.variant(`${name}|${size}`)).toMatchObject({ price: lowered, compareAtPrice: original });
      }
      expect(world.product(`Produit ${name}`).tags).toEqual(["crash-20"]);
    });
    // Each product's prices written once in all: by the dead run (applied after it died) or by the restart.
    expect(priceWrites()).toBe(PRODUCTS.length);
  });
});
