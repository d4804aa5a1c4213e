// The POS stock poll of one account: read the POS counts at the mapped locations, add them up per
// Shopify location and mapped variant, and write to Shopify only the levels whose POS figure moved since
// the last poll (PosLevel is the memory). Writes go through the stock sync's InventoryWriter: batches of
// 250, compare-and-swap on the level read just before, idempotency keys scoped to the run.
import { db as defaultDb, type Db } from "../db.server";
import { NotConfiguredError } from "../lib/errors";
import type { ShopifyAdminClient } from "../shopify/admin-client.server";
import { InventoryWriter, levelsOfItems } from "../shopify/inventory.server";
import type { SyncReporter } from "../sync/sync-context";
import { skuResolution } from "../sync/unmatched/decisions.server";
import { sendHeldMoves } from "./sales.server";
import { pointOfSaleFor, posAccountRow, type PosConnectorOptions } from "./accounts.server";
import { said } from "../i18n/stored-words";

export interface PosStockDeps {
  db?: Db;
  shop: string;
  accountId: string;
  client: ShopifyAdminClient;
  runId: string;
  report: SyncReporter;
  connector?: PosConnectorOptions;
}

export interface PosStockReport extends Record<string, unknown> {
  posCounts: number;
  /** Levels whose POS figure moved since the last poll (compared with Shopify). */
  moved: number;
  /** Of those, written to Shopify. */
  written: number;
  /** Already right in Shopify (e.g. an online sale the POS has now recorded too). */
  alreadyRight: number;
  shopifyReads: number;
  shopifyWrites: number;
}

const NOT_STOCKED = said("pos.notStocked");

export async function pollPosStock(deps: PosStockDeps): Promise<PosStockReport> {
  const db = deps.db ?? defaultDb;
  const { shop, accountId, client, report } = deps;
  const row = await posAccountRow(shop, accountId, db);
  const mapped = await db.posLocationMapping.findMany({ where: { accountId, shopifyLocationId: { not: null } } });
  const locations = mapped.map((l) => ({ ...l, shopifyLocationId: l.shopifyLocationId! }));
  if (!locations.length)
    throw new NotConfiguredError(
      `The locations of "${row.name}"`,
      "/app/settings/pos",
      said("words7.pos.mapLocationsFirst", { account: row.name }),
    );
  // Sales held while the account was paused (or left unsent by a stopped worker) go first: the counts
  // read next then include them.
  const waited = await sendHeldMoves(shop, accountId, { db, connector: deps.connector });
  if (waited.length) report.log("info", said("pos.heldMovesSent", { count: waited.length }));
  // A variant whose SKU the merchant ignored on the Unmatched screen is left alone (ADR 0022).
  const skus = await skuResolution(db, shop);
  const items = (
    await db.posItemMapping.findMany({
      where: { accountId, status: "confirmed", inventoryItemId: { not: null } },
      select: { posItemId: true, inventoryItemId: true, variantSku: true },
    })
  ).filter((i) => !i.variantSku || skus.sourceSkuOf(i.variantSku) !== null);
  const itemOf = new Map(items.map((i) => [i.posItemId, i] as const));
  const shopifyOf = new Map(locations.map((l) => [l.posLocationId, l.shopifyLocationId] as const));

  // Targets: Shopify location → inventory item → summed POS count.
  const targets = new Map<string, Map<string, number>>();
  let posCounts = 0;
  report.progress(0, null, said("pos.phase.readingCounts"));
  const pos = pointOfSaleFor(row, db, deps.connector);
  const { skipped } = await pos.counts(
    (count) => {
      posCounts++;
      const item = itemOf.get(count.posItemId);
      const location = shopifyOf.get(count.posLocationId);
      if (!item || !location) return;
      const levels = targets.get(location) ?? new Map<string, number>();
      levels.set(item.inventoryItemId!, (levels.get(item.inventoryItemId!) ?? 0) + count.quantity);
      targets.set(location, levels);
    },
    [...shopifyOf.keys()],
  );
  for (const s of skipped) report.skip("item", s.externalId, s.words ?? s.reason);
  report.count({ seen: posCounts });
  await report.checkpoint();

  const memory = new Map(
    (await db.posLevel.findMany({ where: { accountId } })).map(
      (m) => [`${m.shopifyLocationId}|${m.inventoryItemId}`, m.posQuantity] as const,
    ),
  );
  const result: PosStockReport = {
    posCounts,
    moved: 0,
    written: 0,
    alreadyRight: 0,
    shopifyReads: 0,
    shopifyWrites: 0,
  };
  const skuOf = new Map(items.map((i) => [i.inventoryItemId!, i.variantSku ?? i.posItemId] as const));
  for (const [locationId, levels] of targets) {
    const moved = [...levels].filter(([itemId, quantity]) => memory.get(`${locationId}|${itemId}`) !== quantity);
    if (!moved.length) continue;
    result.moved += moved.length;
    const remember = async (itemId: string, posQuantity: number, shopifyQuantity: number | null) => {
      await db.posLevel.upsert({
        where: {
          accountId_shopifyLocationId_inventoryItemId: {
            accountId,
            shopifyLocationId: locationId,
            inventoryItemId: itemId,
          },
        },
        create: { accountId, shopifyLocationId: locationId, inventoryItemId: itemId, posQuantity, shopifyQuantity },
        update: { posQuantity, shopifyQuantity },
      });
    };
    const ids = moved.map(([itemId]) => itemId);
    result.shopifyReads += Math.ceil(ids.length / 250);
    const current = await levelsOfItems(client, locationId, ids);
    const writer = new InventoryWriter(client, {
      locationId,
      idempotencyScope: `${shop}:${deps.runId}:${locationId}`,
      reason: "correction",
      onStale: "reread",
      checkpoint: () => report.checkpoint(),
      onBatch: async (outcomes) => {
        for (const { change, written } of outcomes) {
          if (written === null) continue;
          result.written++;
          report.change("variant", change.sku, "available", String(change.from), String(written));
          await remember(change.inventoryItemId, levels.get(change.inventoryItemId)!, written);
        }
        report.count({ changed: outcomes.filter((o) => o.written !== null).length });
      },
    });
    // Stopped (cancel, an error) mid-way: the batches in flight land and are remembered before the run ends.
    try {
      for (const [itemId, target] of moved) {
        const level = current.get(itemId);
        if (!level || level.available === null) {
          report.skip("variant", skuOf.get(itemId) ?? itemId, NOT_STOCKED);
          continue;
        }
        if (level.available === target) {
          result.alreadyRight++;
          await remember(itemId, target, target);
          continue;
        }
        await writer.push({
          inventoryItemId: itemId,
          sku: skuOf.get(itemId) ?? itemId,
          from: level.available,
          to: target,
        });
      }
      await writer.flush();
    } catch (error) {
      await writer.settle();
      throw error;
    }
    result.shopifyWrites += writer.calls;
  }
  report.progress(1, 1, said("pos.phase.done"));
  return result;
}
