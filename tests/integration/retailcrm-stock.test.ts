// RetailCRM as a stock destination, against the emulator over HTTP and the real database: portions of at
// most 250 offers, only what changed since the last upload, SKUs no offer matches skipped with a reason,
// and RetailCRM's 10 requests per second never exceeded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StockDestination } from "~/capabilities/stock-destination";
import { connectorById } from "~/connectors/registry.server";
import { loadConnectorSecrets, loadConnectorSettings } from "~/connectors/settings.server";
import { db } from "~/db.server";
import type { StockLevel } from "~/domain/stock";
import { quietReporter } from "~/sync/sync-context";
import type { RetailCrmEmulator } from "../../emulators/retailcrm/index";
import { installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { crmLevels, offersForSkus, pictureOf, setUpCrm, startCrm, uploads } from "./retailcrm-harness";

type Report = { changed: number; unchanged: number; unmatched: number; uploadCalls: number; catalogCalls: number };

const SKUS = Array.from({ length: 600 }, (_, i) => `REF${String(i).padStart(4, "0")}|NOIR|M`);
let crm: RetailCrmEmulator;

beforeAll(async () => {
  crm = await startCrm({ offers: offersForSkus(SKUS) });
});
afterAll(async () => crm?.close());

/** The shop's RetailCRM destination, built by its manifest from the saved settings, as the registry does. */
async function destinationFor(shop: string, report = quietReporter()) {
  const manifest = connectorById("retailcrm")!;
  const [stored, secrets] = await Promise.all([
    loadConnectorSettings(shop, "retailcrm"),
    loadConnectorSecrets(shop, "retailcrm"),
  ]);
  const factory = manifest.capabilities["stock-destination"]!;
  const destination = (await factory(
    { shop, settings: stored!.config, secrets },
    { shop, db, report },
  )) as StockDestination;
  return { destination, report };
}

async function newShop() {
  const shop = uniqueShop("crm");
  await installShop(shop);
  await setUpCrm(shop, crm);
  return shop;
}

const levels = (available: (i: number) => number, skus = SKUS): StockLevel[] =>
  skus.map((sku, i) => ({ sku, available: available(i) }));

describe("RetailCRM stock destination", () => {
  it("uploads 600 SKUs in 3 calls of at most 250, then only the 5 that changed, in one call", async () => {
    const shop = await newShop();
    const before = uploads(crm).length;
    const { destination } = await destinationFor(shop);
    const first = (await destination.writeAll(pictureOf(levels((i) => i % 17)))) as unknown as Report;
    expect(first).toMatchObject({ changed: 600, unchanged: 0, unmatched: 0, uploadCalls: 3 });
    expect(uploads(crm).length - before).toBe(3);
    expect(Object.fromEntries(crmLevels(crm))).toEqual(Object.fromEntries(SKUS.map((sku, i) => [sku, i % 17])));
    expect(await db.retailCrmUpload.count({ where: { shop } })).toBe(600);

    const moved = new Set([3, 99, 250, 251, 599]);
    const second = (await (
      await destinationFor(shop)
    ).destination.writeAll(pictureOf(levels((i) => (moved.has(i) ? 100 + i : i % 17))))) as unknown as Report;
    expect(second).toMatchObject({ changed: 5, unchanged: 595, uploadCalls: 1 });
    expect(uploads(crm).length - before).toBe(4);
    for (const i of moved) expect(crmLevels(crm).get(SKUS[i]!)).toBe(100 + i);

    // Nothing moved: no upload at all.
    const third = (await (
      await destinationFor(shop)
    ).destination.writeAll(pictureOf(levels((i) => (moved.has(i) ? 100 + i : i % 17))))) as unknown as Report;
    expect(third).toMatchObject({ changed: 0, uploadCalls: 0 });
    expect(uploads(crm).length - before).toBe(4);
  });

  it("a changes-only run uploads the moved levels, looking up SKUs it has not matched yet", async () => {
    const shop = await newShop();
    const { destination } = await destinationFor(shop);
    const report = (await destination.writeChanges([
      { sku: SKUS[10]!, available: 41 },
      { sku: SKUS[11]!, available: 42 },
    ])) as unknown as Report;
    expect(report).toMatchObject({ changed: 2, uploadCalls: 1 });
    expect(crmLevels(crm).get(SKUS[10]!)).toBe(41);
    const again = (await destination.writeChanges([{ sku: SKUS[10]!, available: 41 }])) as unknown as Report;
    expect(again).toMatchObject({ changed: 0, unchanged: 1, uploadCalls: 0, catalogCalls: 0 });
  });

  it("skips a SKU no RetailCRM offer has, with a reason the merchant can act on", async () => {
    const shop = await newShop();
    const { destination, report } = await destinationFor(shop);
    const result = (await destination.writeAll(
      pictureOf([
        { sku: SKUS[0]!, available: 7 },
        { sku: "UNKNOWN|ROUGE|XL", available: 3 },
      ]),
    )) as unknown as Report;
    expect(result).toMatchObject({ changed: 1, unmatched: 1 });
    expect(report.skipped).toEqual([
      {
        entity: "variant",
        externalId: "UNKNOWN|ROUGE|XL",
        reason: expect.stringMatching(/^No RetailCRM offer has "UNKNOWN\|ROUGE\|XL" as its article/),
      },
    ]);
    // A French admin reads the reason in French, the SKU quoted their way.
    expect(report.inFrench).toEqual([
      expect.stringMatching(/^Aucune offre RetailCRM n'a « UNKNOWN\|ROUGE\|XL » comme article/),
    ]);
    const changes = (await destination.writeChanges([{ sku: "ALSO|UNKNOWN|S", available: 1 }])) as unknown as Report;
    expect(changes).toMatchObject({ changed: 0, unmatched: 1 });
  });

  it("stays under 10 requests per second: two shops on one account at once, no 503", async () => {
    const [a, b] = [await newShop(), await newShop()];
    const start = crm.calls().length;
    const began = Date.now();
    const [ra, rb] = (await Promise.all([
      (await destinationFor(a)).destination.writeAll(pictureOf(levels((i) => i % 5))),
      (await destinationFor(b)).destination.writeAll(pictureOf(levels((i) => i % 7))),
    ])) as unknown as Report[];
    const calls = crm.calls().slice(start);
    const elapsed = Date.now() - began;
    expect(ra!.uploadCalls + rb!.uploadCalls).toBe(6);
    // 2 × (6 catalog pages + 3 uploads)
    expect(calls).toHaveLength(18);
    expect(calls.filter((c) => c.status === 503)).toEqual([]);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    // Any one-second window of the emulator's clock holds at most 10 of them.
    const at = calls.map((c) => c.at).sort((x, y) => x - y);
    for (let i = 0; i < at.length; i++)
      expect(at.filter((t) => t >= at[i]! && t < at[i]! + 1000).length).toBeLessThanOrEqual(10);
    expect(elapsed).toBeGreaterThan(1000);
  });

  it("waits and retries when RetailCRM answers 503", async () => {
    const shop = await newShop();
    const { destination } = await destinationFor(shop);
    crm.faults.add({ route: "POST /api/v5/store/inventories/upload", kind: "status", status: 503, count: 1 });
    const result = (await destination.writeChanges([{ sku: SKUS[20]!, available: 9 }])) as unknown as Report;
    expect(result).toMatchObject({ changed: 1 });
    expect(crmLevels(crm).get(SKUS[20]!)).toBe(9);
  });
});
