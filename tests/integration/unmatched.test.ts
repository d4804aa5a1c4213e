// The Unmatched screen and its JSON API against the Shopify and Fastmag emulators: a full stock run lists
// the SKUs found on one side only (paged, searchable, with totals); Ignore stops a SKU being reported by
// the stock and price syncs, and Link-to syncs a Fastmag SKU onto the Shopify variant the merchant chose.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { db } from "~/db.server";
import { action as apiDecide, loader as apiList } from "~/routes/api.unmatched._index";
import { action as screenAction, loader as screenLoader } from "~/routes/app.unmatched";
import { priceSync } from "~/sync/prices.server";
import { fullStockSync } from "~/sync/stock.server";
import { quietReporter } from "~/sync/sync-context";
import { skuDecisions } from "~/sync/unmatched/decisions.server";
import { adminRequest } from "../support/admin-request";
import { installWorldShopWithFastmag, startStockWorld, type StockWorld } from "./stock-harness";

let world: StockWorld;
let token: string;
let linked: string; // a Fastmag SKU whose Shopify variant carries another SKU
let ignored: string; // a Fastmag SKU nobody sells in Shopify
const SHOPIFY_LINKED = "SHOP-LINK-1";
const SHOPIFY_IGNORED = "SHOP-IGNORE-1";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function renameShopifySku(from: string, to: string) {
  const variant = [...world.shopRecord.variants.values()].find((v) => v.sku === from)!;
  variant.sku = to;
}

const levelOf = (sku: string) => world.shopifyLevels().get(sku);

beforeAll(async () => {
  world = await startStockWorld({ variants: 40, initialShopifyLevel: () => 0 });
  await installWorldShopWithFastmag(world);
  ({ token } = await createApiToken(world.shop, "ERP"));
  [linked, ignored] = [world.skus[0]!, world.skus[1]!];
  renameShopifySku(linked, SHOPIFY_LINKED);
  renameShopifySku(ignored, SHOPIFY_IGNORED);
});

afterAll(() => world?.close());

const screen = async (query = "") =>
  (await screenLoader({ request: adminRequest(world.shop, `/app/unmatched${query}`), params: {}, context: {} })) as Any;
const decide = async (form: Record<string, string>) =>
  (await screenAction({
    request: adminRequest(world.shop, "/app/unmatched", { form }),
    params: {},
    context: {},
  })) as Any;
function api(path: string, method = "GET", body?: unknown) {
  return new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const read = async (response: Response) => ({ status: response.status, body: (await response.json()) as Any });

describe("the Unmatched screen", () => {
  it("lists what a full stock run found on one side only, with totals, search and pages", async () => {
    const report = quietReporter();
    await fullStockSync(world.stockRun({ runId: "unmatched-1", report }));
    expect(report.skipped.map((s) => s.externalId).sort()).toEqual(
      [linked, ignored, SHOPIFY_LINKED, SHOPIFY_IGNORED].sort(),
    );

    const fastmagOnly = await screen();
    expect(fastmagOnly.view).toBe("source");
    expect(fastmagOnly.sourceName).toBe("Fastmag");
    expect(fastmagOnly.totals).toMatchObject({ source: 2, shopify: 2, ignored: 0, linked: 0 });
    expect(fastmagOnly.items.map((i: Any) => i.sku).sort()).toEqual([linked, ignored].sort());

    const shopifyOnly = await screen("?view=shopify&limit=1");
    expect(shopifyOnly.total).toBe(2);
    expect(shopifyOnly.items).toHaveLength(1);
    expect(shopifyOnly.next).toBeTruthy();
    const second = await screen(`?view=shopify&limit=1&after=${encodeURIComponent(shopifyOnly.next)}`);
    expect(second.items).toHaveLength(1);
    expect(second.next).toBeNull();
    expect([shopifyOnly.items[0].sku, second.items[0].sku].sort()).toEqual([SHOPIFY_IGNORED, SHOPIFY_LINKED].sort());
    // Previous goes back one page by keyset (the first SKU of this page), not to the start.
    expect(shopifyOnly.previous).toBeNull();
    expect(second.previous).toBe(second.items[0].sku);
    const back = await screen(`?view=shopify&limit=1&before=${encodeURIComponent(second.previous)}`);
    expect(back.items.map((i: Any) => i.sku)).toEqual([shopifyOnly.items[0].sku]);
    expect(back).toMatchObject({ total: 2, previous: null, next: shopifyOnly.items[0].sku });

    const searched = await screen("?view=shopify&q=LINK");
    expect(searched.items.map((i: Any) => i.sku)).toEqual([SHOPIFY_LINKED]);
    expect(searched.candidates).toEqual(expect.arrayContaining([SHOPIFY_LINKED, SHOPIFY_IGNORED]));
  });

  it("Link-to: the Fastmag SKU is synced onto the chosen Shopify variant; Ignore: no longer reported by any sync", async () => {
    expect(await decide({ intent: "link", sku: linked, shopifySku: "NOT-IN-SHOPIFY" })).toMatchObject({ ok: false });
    expect(await decide({ intent: "link", sku: linked, shopifySku: SHOPIFY_LINKED })).toMatchObject({ ok: true });
    expect(await decide({ intent: "ignore", side: "source", sku: ignored })).toMatchObject({ ok: true });
    expect(await decide({ intent: "ignore", side: "shopify", sku: SHOPIFY_IGNORED })).toMatchObject({ ok: true });

    world.moveErpStock(linked, 7, "2026-01-01 10:00:00");
    const expected = world.erpWebStock().get(linked)!;
    expect(expected).not.toBe(levelOf(SHOPIFY_LINKED));
    const report = quietReporter();
    await fullStockSync(world.stockRun({ runId: "unmatched-2", report }));
    expect(levelOf(SHOPIFY_LINKED)).toBe(expected);
    expect(report.skipped).toEqual([]);

    const after = await screen();
    expect(after.totals).toMatchObject({ source: 0, shopify: 0, ignored: 2, linked: 1 });
    const linkedView = await screen("?view=linked");
    expect(linkedView.items).toEqual([expect.objectContaining({ sku: linked, linkedSku: SHOPIFY_LINKED })]);

    // The price sync: the linked variant gets Fastmag's price of the linked SKU; the ignored one is not reported.
    const prices = quietReporter();
    await priceSync({
      shop: world.shop,
      client: world.client,
      source: world.priceSource,
      sourceName: "Fastmag",
      report: prices,
      decisions: await skuDecisions(db, world.shop),
    });
    expect(prices.skipped.map((s) => s.externalId)).not.toContain(SHOPIFY_IGNORED);
    expect(prices.skipped.map((s) => s.externalId)).not.toContain(SHOPIFY_LINKED);
    const withoutDecisions = quietReporter();
    await priceSync({
      shop: world.shop,
      client: world.client,
      source: world.priceSource,
      sourceName: "Fastmag",
      report: withoutDecisions,
    });
    expect(withoutDecisions.skipped.map((s) => s.externalId).sort()).toEqual([SHOPIFY_IGNORED, SHOPIFY_LINKED].sort());
  });

  it("Undo puts a SKU back on the list at the next run", async () => {
    expect(await decide({ intent: "undo", side: "source", sku: ignored })).toMatchObject({ ok: true });
    const report = quietReporter();
    await fullStockSync(world.stockRun({ runId: "unmatched-4", report }));
    expect(report.skipped.map((s) => s.externalId)).toEqual([ignored]);
    expect((await screen()).items.map((i: Any) => i.sku)).toEqual([ignored]);
  });
});

describe("the unmatched JSON API", () => {
  it("lists a side with its totals and takes decisions", async () => {
    const listed = await read(await apiList({ request: api("/api/unmatched?view=source"), params: {}, context: {} }));
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ total: 1, items: [expect.objectContaining({ sku: ignored, side: "source" })] });
    const done = await read(
      await apiDecide({
        request: api("/api/unmatched", "POST", { action: "ignore", side: "source", sku: ignored }),
        params: {},
        context: {},
      }),
    );
    expect(done).toMatchObject({ status: 200, body: { sku: ignored, decision: "ignored" } });
    const refused = await read(
      await apiDecide({
        request: api("/api/unmatched", "POST", { action: "link", sku: ignored, shopifySku: "NOPE" }),
        params: {},
        context: {},
      }),
    );
    expect(refused.status).toBe(422);
    const bad = await read(await apiList({ request: api("/api/unmatched?view=everything"), params: {}, context: {} }));
    expect(bad.status).toBe(422);
  });
});
