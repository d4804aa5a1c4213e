// Inventory at one location: reading every item's available quantity (paged for small catalogs, a
// bulk query for large ones) and writing quantities with inventorySetQuantities — 250 per call,
// compare-and-swap on the level we read, one idempotency key per batch content, several calls in
// flight while the client paces them on the shop's cost bucket.
import { createHash } from "node:crypto";
import { said } from "../i18n/stored-words";
import { PermanentError, TransientError } from "../lib/errors";
import { sleep } from "../lib/time";
import { ShopifyUserErrors, type ShopifyAdminClient } from "./admin-client.server";
import { startBulkQuery, type BulkOptions } from "./bulk.server";
import {
  INVENTORY_ITEMS_BY_SKU,
  INVENTORY_LEVELS_BULK_QUERY,
  INVENTORY_LEVELS_BY_IDS,
  INVENTORY_LEVELS_PAGE,
  INVENTORY_SET_QUANTITIES,
  LOCATION_PLACEHOLDER,
  type InventoryItemLevel,
  type InventoryLevelsPage,
} from "./operations/inventory";

export const MAX_QUANTITIES_PER_CALL = 250;

export interface ShopifyLevel {
  inventoryItemId: string;
  sku: string | null;
  /** Available at the location; null when the item is not stocked there. */
  available: number | null;
}

const toLevel = (item: InventoryItemLevel): ShopifyLevel => ({
  inventoryItemId: item.id,
  sku: item.sku,
  available: item.inventoryLevel ? (item.inventoryLevel.quantities[0]?.quantity ?? 0) : null,
});

/** Every inventory item with its level at `locationId`, streamed. */
export async function levelsAtLocation(
  client: ShopifyAdminClient,
  locationId: string,
  mode: "paged" | "bulk",
  options: BulkOptions = {},
): Promise<() => AsyncGenerator<ShopifyLevel>> {
  if (mode === "bulk") {
    const lines = await startBulkQuery<InventoryItemLevel>(
      client,
      INVENTORY_LEVELS_BULK_QUERY.replace(LOCATION_PLACEHOLDER, locationId),
      options,
    );
    return async function* () {
      for await (const line of lines()) yield toLevel(line);
    };
  }
  return async function* () {
    let after: string | null = null;
    do {
      const { data }: { data: InventoryLevelsPage } = await client.request(INVENTORY_LEVELS_PAGE, {
        first: MAX_QUANTITIES_PER_CALL,
        after,
        locationId,
      });
      for (const item of data.inventoryItems.nodes) yield toLevel(item);
      after = data.inventoryItems.pageInfo.hasNextPage ? data.inventoryItems.pageInfo.endCursor : null;
    } while (after);
  };
}

/** Current levels of known inventory items, 250 ids per call. */
export async function levelsOfItems(
  client: ShopifyAdminClient,
  locationId: string,
  ids: string[],
): Promise<Map<string, ShopifyLevel>> {
  const levels = new Map<string, ShopifyLevel>();
  for (let i = 0; i < ids.length; i += MAX_QUANTITIES_PER_CALL) {
    const { data } = await client.request(INVENTORY_LEVELS_BY_IDS, {
      ids: ids.slice(i, i + MAX_QUANTITIES_PER_CALL),
      locationId,
    });
    for (const node of data.nodes) if (node?.id) levels.set(node.id, toLevel(node));
  }
  return levels;
}

/** Inventory items whose SKU is exactly `sku` (Shopify's search may match more loosely). */
export async function levelsOfSku(
  client: ShopifyAdminClient,
  locationId: string,
  sku: string,
): Promise<ShopifyLevel[]> {
  const { data } = await client.request(INVENTORY_ITEMS_BY_SKU, {
    first: 10,
    query: `sku:${JSON.stringify(sku)}`,
    locationId,
  });
  return data.inventoryItems.nodes.filter((n) => n.sku === sku).map(toLevel);
}

export interface LevelChange {
  inventoryItemId: string;
  sku: string;
  /** Shopify's available quantity when we read it: the compare-and-swap value. */
  from: number;
  to: number;
}

export interface WriteOutcome {
  change: LevelChange;
  /** What Shopify holds now by our write, or null when we gave up on this item. */
  written: number | null;
  /** Set when a concurrent change in Shopify was kept (its delta applied on top of ours). */
  concurrentDelta?: number;
}

export interface InventoryWriterOptions {
  locationId: string;
  /** Stable for a run (shop + run id): with the batch content it makes each call's idempotency key. */
  idempotencyScope: string;
  reason?: string;
  concurrency?: number;
  /** Called after each batch, with the outcome of each of its changes. */
  onBatch?: (outcomes: WriteOutcome[]) => void | Promise<void>;
  checkpoint?: () => Promise<void>;
  maxStaleRetries?: number;
  /**
   * What a stale compare-and-swap means. "keep-concurrent-change" (levels read during this run): the
   * level moved between our read and our write, e.g. a sale — keep that move on top of our target.
   * "reread" (levels from an earlier run's snapshot): our figure was merely old — write the target
   * against the level read now.
   */
  onStale?: "keep-concurrent-change" | "reread";
}

/**
 * Collects changes into batches of 250 and writes them with up to `concurrency` calls in flight.
 * A batch refused as stale (someone changed a level since we read it, e.g. a sale) is re-read and
 * rewritten keeping that change: new target = our target + (current − what we read), floored at 0.
 */
export class InventoryWriter {
  private pending: LevelChange[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;
  private batchIndex = 0;
  calls = 0;

  constructor(
    private readonly client: ShopifyAdminClient,
    private readonly options: InventoryWriterOptions,
  ) {}

  async push(change: LevelChange): Promise<void> {
    this.pending.push(change);
    if (this.pending.length >= MAX_QUANTITIES_PER_CALL) await this.dispatch();
  }

  /** Sends what is left and waits for every call. Throws the first failure. */
  async flush(): Promise<void> {
    if (this.pending.length) await this.dispatch();
    await this.settle();
    if (this.failure) throw this.failure;
  }

  /**
   * Waits for the calls in flight and sends nothing more: a run that stops (cancel, an error) calls it
   * before it ends, so no batch lands after the run said what it wrote (their onBatch has run by then).
   */
  async settle(): Promise<void> {
    this.pending = [];
    while (this.inFlight.size) await Promise.race(this.inFlight);
  }

  private async dispatch(): Promise<void> {
    if (this.failure) throw this.failure;
    const batch = this.pending;
    this.pending = [];
    while (this.inFlight.size >= (this.options.concurrency ?? 8)) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
    // Asked once a slot is free, right before the call: a cancel while waiting for the slot sends nothing.
    await this.options.checkpoint?.();
    const index = this.batchIndex++;
    const task = this.writeBatch(batch, index)
      .then((outcomes) => this.options.onBatch?.(outcomes))
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  private async writeBatch(batch: LevelChange[], index: number): Promise<WriteOutcome[]> {
    const deltas = new Map<string, number>();
    let current = batch;
    for (let attempt = 0; ; attempt++) {
      const quantities = current.map((c) => ({
        inventoryItemId: c.inventoryItemId,
        locationId: this.options.locationId,
        quantity: Math.max(0, c.to),
        changeFromQuantity: c.from,
      }));
      const key = idempotencyKey(this.options.idempotencyScope, index, quantities);
      const errors = await this.send(key, quantities);
      if (!errors)
        return current.map((change) => ({
          change,
          written: Math.max(0, change.to),
          concurrentDelta: deltas.get(change.inventoryItemId),
        }));
      const stale = errors.some((e) => e.code === "CHANGE_FROM_QUANTITY_STALE");
      if (!stale || attempt >= (this.options.maxStaleRetries ?? 3))
        throw new ShopifyUserErrors("inventorySetQuantities", errors);
      // Re-read the whole batch (Shopify names only the first stale item) and keep what changed meanwhile.
      const levels = await levelsOfItems(
        this.client,
        this.options.locationId,
        current.map((c) => c.inventoryItemId),
      );
      const next: LevelChange[] = [];
      for (const change of current) {
        const now = levels.get(change.inventoryItemId)?.available;
        if (now === null || now === undefined) continue; // no longer stocked here: leave it
        const delta = this.options.onStale === "reread" ? 0 : now - change.from;
        if (delta !== 0) deltas.set(change.inventoryItemId, (deltas.get(change.inventoryItemId) ?? 0) + delta);
        const to = Math.max(0, change.to + delta);
        if (to !== now) next.push({ ...change, from: now, to });
      }
      if (!next.length)
        return batch.map((change) => ({ change, written: null, concurrentDelta: deltas.get(change.inventoryItemId) }));
      current = next;
    }
  }

  /** One call; null when applied, the userErrors when refused. Retries concurrent-request refusals. */
  private async send(
    key: string,
    quantities: { inventoryItemId: string; locationId: string; quantity: number; changeFromQuantity: number | null }[],
  ) {
    for (let attempt = 1; ; attempt++) {
      this.calls++;
      const { data } = await this.client.request(INVENTORY_SET_QUANTITIES, {
        key,
        input: { name: "available", reason: this.options.reason ?? "correction", quantities },
      });
      const payload = data.inventorySetQuantities;
      if (!payload)
        throw new PermanentError(said("words6.shopify.returnedNothing", { operation: "inventorySetQuantities" }));
      if (!payload.userErrors.length) return null;
      // Another call with this key is still being processed by Shopify: wait, then ask again.
      if (payload.userErrors.some((e) => e.code === "IDEMPOTENCY_CONCURRENT_REQUEST")) {
        if (attempt >= 5) throw new TransientError(said("shopify.stockStillProcessing"));
        await sleep(250 * attempt);
        continue;
      }
      return payload.userErrors;
    }
  }
}

function idempotencyKey(scope: string, index: number, quantities: unknown): string {
  const digest = createHash("sha256").update(JSON.stringify(quantities)).digest("base64url").slice(0, 16);
  return `${scope}:${index}:${digest}`;
}
