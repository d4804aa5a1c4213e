// Acceptance: the emulator throttles exactly as documented (Standard plan: 2,000-point bucket, 100
// points/s), and the app's Admin client paces itself so that no THROTTLED error reaches its caller.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ShopifyAdminClient } from "../../app/shopify/admin-client.server";
import { installShopifyOriginOverride } from "../../app/shopify/api-origin.server";
import { defineOperation } from "../../app/shopify/operation";
import { SHOP_INFO } from "../../app/shopify/operations/shop";
import type { ProductInput } from "../../emulators/shopify/catalog";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { uniqueShop } from "../support/shops";

interface Cost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

const app = { apiKey: "test-api-key", apiSecret: "test-api-secret", appUrl: "http://127.0.0.1:3999" };

/** `count` products with `variants` variants each, so connections return as many nodes as asked. */
function catalog(count: number, variants: number): ProductInput[] {
  return Array.from({ length: count }, (_, p) => ({
    title: `Produit ${p}`,
    variants: Array.from({ length: variants }, (_, v) => ({ sku: `REF${p}|NOIR|${v}`, options: { Taille: `T${v}` } })),
  }));
}

describe("an unpaced burst on a Standard shop (controllable clock)", () => {
  const shop = uniqueShop("burst");
  let t = Date.UTC(2026, 0, 5, 9, 0, 0);
  let emulator: ShopifyEmulator;

  beforeAll(async () => {
    emulator = await startShopifyEmulator({
      app,
      now: () => t,
      shops: [{ domain: shop, plan: "Standard", products: catalog(50, 8) }],
    });
  });
  afterAll(() => emulator?.close());

  // 2 + 50 × (product 1 + variants (2 + 8 × 1)) = 552 points, all of it really returned.
  const EXPENSIVE = "query Expensive { products(first: 50) { nodes { id variants(first: 8) { nodes { id } } } } }";

  async function post(token: string) {
    const response = await fetch(`${emulator.url}/admin/api/2026-07/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": token, "x-shopify-shop-domain": shop },
      body: JSON.stringify({ query: EXPENSIVE }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions: { code: string } }[];
      extensions: { cost: Cost };
    };
  }

  it("answers THROTTLED with the documented figures once 2,000 points are spent, and charges nothing for it", async () => {
    const token = emulator.issueAccessToken(shop);
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(token)));
    const served = answers.filter((a) => !a.errors);
    const throttled = answers.filter((a) => a.errors);

    // 3 × 552 = 1,656 fit in 2,000; the remaining 344 cannot pay for a fourth.
    expect(served).toHaveLength(3);
    for (const answer of served)
      expect(answer.extensions.cost).toMatchObject({ requestedQueryCost: 552, actualQueryCost: 552 });
    expect(throttled).toHaveLength(2);
    for (const answer of throttled) {
      expect(answer.errors).toEqual([
        {
          message: "Throttled",
          extensions: { code: "THROTTLED", documentation: expect.stringContaining("shopify.dev") },
        },
      ]);
      expect(answer.extensions.cost).toEqual({
        requestedQueryCost: 552,
        actualQueryCost: null,
        throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 344, restoreRate: 100 },
      });
    }

    // (552 − 344) / 100 = 2.08 s later the fourth fits exactly, and empties the bucket.
    t += 2070;
    expect((await post(token)).errors?.[0].extensions.code).toBe("THROTTLED");
    t += 10;
    const fourth = await post(token);
    expect(fourth.errors).toBeUndefined();
    expect(fourth.extensions.cost.throttleStatus).toEqual({
      maximumAvailable: 2000,
      currentlyAvailable: 0,
      restoreRate: 100,
    });

    // A partly empty answer is refunded down to its actual cost: 2 + 1 × (1 + 2 + 8).
    t += 20_000;
    const one = await fetch(`${emulator.url}/admin/api/2026-07/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": token, "x-shopify-shop-domain": shop },
      body: JSON.stringify({
        query: `{ products(first: 50, query: "title:'Produit 7'") { nodes { id variants(first: 8) { nodes { id } } } } }`,
      }),
    }).then((r) => r.json() as Promise<{ extensions: { cost: Cost } }>);
    expect(one.extensions.cost).toEqual({
      requestedQueryCost: 552,
      actualQueryCost: 13,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2000 - 13, restoreRate: 100 },
    });

    const log = emulator.callLog({ shop });
    expect(log.filter((c) => c.throttled)).toHaveLength(3);
    expect(log.filter((c) => !c.throttled)).toHaveLength(5);
  });
});

describe("the app's Admin client on a Standard shop (real clock)", () => {
  const shop = uniqueShop("paced");
  let emulator: ShopifyEmulator;

  beforeAll(async () => {
    emulator = await startShopifyEmulator({
      app,
      shops: [{ domain: shop, plan: "Standard", products: catalog(12, 1) }],
    });
    installShopifyOriginOverride(emulator.url);
  });
  afterAll(() => emulator?.close());

  // 2 + 10 × 1 = 12 points, and 12 products exist, so the actual cost is 12 too (no refunds).
  const PAGE = defineOperation<{ products: { nodes: { id: string; title: string }[] } }>({
    name: "ProductPage",
    expectedCost: 12,
    document: /* GraphQL */ `
      query ProductPage {
        products(first: 10) {
          nodes {
            id
            title
          }
        }
      }
    `,
  });

  it("runs 60 concurrent queries past the bucket with no THROTTLED error, at the restore rate", async () => {
    // Start nearly drained (documented figures, only the level is set) so the test stays short.
    const drained = await fetch(`${emulator.url}/_emulator/shops/${shop}/bucket`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ currentlyAvailable: 100 }),
    }).then((r) => r.json());
    expect(drained).toMatchObject({ maximumAvailable: 2000, restoreRate: 100 });

    const client = new ShopifyAdminClient({ shop, accessToken: emulator.issueAccessToken(shop) });
    // One cheap call first: the client learns the bucket from Shopify's throttleStatus, as in production
    // where every call reports it.
    const warmUp = await client.request(SHOP_INFO);
    const startLevel = warmUp.cost!.throttleStatus.currentlyAvailable;

    const started = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => client.request(PAGE)));
    const elapsedMs = Date.now() - started;

    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    for (const r of results)
      expect(
        (r as PromiseFulfilledResult<{ data: { products: { nodes: unknown[] } } }>).value.data.products.nodes,
      ).toHaveLength(10);

    const calls = emulator.callLog({ shop }).filter((c) => c.operationName === "ProductPage");
    // The client paced itself: Shopify (the emulator) never had to refuse a call.
    expect(calls).toHaveLength(60);
    expect(calls.filter((c) => c.throttled)).toHaveLength(0);
    expect(calls.every((c) => c.requestedQueryCost === 12 && c.actualQueryCost === 12)).toBe(true);

    // 720 points with `startLevel` in the bucket: the rest can only be restored at 100 points/s.
    const floorMs = ((60 * 12 - startLevel) / 100) * 1000;
    console.log(`60 paced calls: ${elapsedMs} ms (restore-rate floor ${Math.round(floorMs)} ms)`);
    expect(elapsedMs).toBeGreaterThanOrEqual(floorMs - 50);
  });
});
