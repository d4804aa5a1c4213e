// Hiboutik as a shop POS account (app/capabilities/point-of-sale.ts). Locations are Hiboutik stores; a
// store's count is its (first) warehouse's `stock_available`. Items are products, or product sizes
// ("productId/sizeId") for products sold in sizes. A stock move is a sale of its own carrying the move's
// key as `sale_ext_ref`, found again before any new one is made, so a retry after a crash never sells twice.
import type {
  PointOfSale,
  PosAccountContext,
  PosCount,
  PosItem,
  PosLocation,
  PosMoveResult,
  PosStockMove,
  PosUsage,
} from "../../capabilities/point-of-sale";
import type { SkippedRecord } from "../../domain/results";
import { said, type Message } from "../../i18n/stored-words";
import { errorMessage, merchantMessageOf } from "../../lib/errors";
import { connectorUrlPolicy } from "../../lib/http-url-policy.server";
import { HiboutikClient, HiboutikReadsPausedError, HiboutikRefusedError } from "./client.server";
import { DailyQuota, SLOW_DOWN_SHARE } from "./quota.server";
import { hiboutikApiRoot, hiboutikSettingsSchema } from "./settings.server";

export interface HiboutikPosOptions {
  /** Pause before each read once 80% of the day's quota is used (default 1 s). */
  slowDownMs?: number;
  now?: () => Date;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const KEY = /^[A-Za-z0-9_-]{1,40}$/;

interface HiboutikProduct {
  product_id?: unknown;
  product_model?: unknown;
  product_barcode?: unknown;
  products_ref_ext?: unknown;
  product_size_type?: unknown;
  product_sizes?: { size_id?: unknown; size_name?: unknown; barcode?: unknown }[];
}

interface HiboutikSale {
  sale_id: number;
  closed?: unknown;
  line_items?: unknown[];
}

export function createHiboutikPos(
  ctx: PosAccountContext,
  options: HiboutikPosOptions = {},
): PointOfSale & { client(): HiboutikClient } {
  const settings = hiboutikSettingsSchema.parse(ctx.settings);
  const quota = new DailyQuota(ctx.db, ctx.shop, ctx.accountId, settings.maximumRequests, options.now);
  let client: HiboutikClient | undefined;
  // Built on first use, so a bad address is a refusal of the call, not of building the port.
  const api = () =>
    (client ??= new HiboutikClient({
      apiRoot: hiboutikApiRoot(settings),
      email: settings.email,
      apiKey: ctx.secrets.apiKey ?? "",
      timeoutMs: ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      urlPolicy: connectorUrlPolicy(),
      quota,
      slowDownMs: options.slowDownMs ?? 1_000,
    }));

  async function stores(): Promise<PosLocation[]> {
    const answer = await api().get("stores/");
    return rows(answer.body).flatMap((row) => {
      const store = row as { store_id?: unknown; store_name?: unknown };
      return store.store_id === undefined
        ? []
        : [{ id: String(store.store_id), name: String(store.store_name ?? `Store ${String(store.store_id)}`) }];
    });
  }

  /** Each store's warehouse: the first one Hiboutik lists for it (the one its sales withdraw from). */
  async function warehouseByStore(): Promise<Map<string, string>> {
    const answer = await api().get("warehouses/");
    const byStore = new Map<string, string>();
    for (const row of rows(answer.body)) {
      const warehouse = row as { warehouse_id?: unknown; store_id?: unknown };
      if (warehouse.warehouse_id === undefined || warehouse.store_id === undefined) continue;
      const store = String(warehouse.store_id);
      if (!byStore.has(store)) byStore.set(store, String(warehouse.warehouse_id));
    }
    return byStore;
  }

  async function applyOne(move: PosStockMove): Promise<PosMoveResult> {
    const { key } = move;
    if (!KEY.test(key)) return { key, ok: false, reason: said("words6.pos.badKey") };
    const item = /^(\d+)(?:\/(\d+))?$/.exec(move.posItemId);
    if (!item) return { key, ok: false, reason: said("words6.pos.hiboutik.notAProduct", { id: move.posItemId }) };
    if (!/^\d+$/.test(move.posLocationId))
      return { key, ok: false, reason: said("words6.pos.hiboutik.notAStore", { id: move.posLocationId }) };
    if (!Number.isInteger(move.quantity)) return { key, ok: false, reason: said("words6.pos.hiboutik.wholeUnits") };
    if (move.quantity === 0) return { key, ok: true };
    const client = api();
    // Made before? (A crash after Hiboutik answered, or another worker.) Then finish it, never redo it.
    const found = await client.get("sales/search/", { sale_ext_ref: key, store_id: move.posLocationId }, "sale");
    let sale = rows(found.body)[0] as HiboutikSale | undefined;
    try {
      // A search answer without the sale's lines: read the sale itself before deciding what is left to do.
      if (sale && !Array.isArray(sale.line_items))
        sale = rows((await client.get(`sales/${sale.sale_id}`, {}, "sale")).body)[0] as HiboutikSale | undefined;
      if (!sale) {
        const created = await client.post("sales/", {
          store_id: Number(move.posLocationId),
          currency_code: settings.currencyCode,
          customer_id: 0,
          sale_ext_ref: key,
        });
        sale = created.body as HiboutikSale;
      }
      if (!sale.line_items?.length)
        await client.post("sales/add_product/", {
          sale_id: sale.sale_id,
          product_id: Number(item[1]),
          size_id: Number(item[2] ?? 0),
          quantity: move.quantity,
          stock_withdrawal: 1,
        });
      if (String(sale.closed ?? "0") !== "1") await client.post("sales/close/", { sale_id: sale.sale_id });
      return { key, ok: true };
    } catch (error) {
      if (error instanceof HiboutikRefusedError && (error.status === 422 || error.status === 404))
        return { key, ok: false, reason: refusalReason(error, move) };
      throw error;
    }
  }

  return {
    client: api,

    async test() {
      try {
        const [found, warehouses] = await Promise.all([stores(), warehouseByStore()]);
        const used = await quota.used();
        const missing = found.filter((store) => !warehouses.has(store.id)).length;
        return {
          ok: true,
          message: said("words5.pos.hiboutik.connected", {
            count: found.length,
            missing,
            left: Math.max(0, quota.limit - used),
            limit: quota.limit,
          }),
        };
      } catch (error) {
        return { ok: false, message: merchantMessageOf(error) ?? errorMessage(error) };
      }
    },

    locations: stores,

    async items(onItem: (item: PosItem) => void) {
      const skipped: SkippedRecord[] = [];
      await readUntilPaused(skipped, () =>
        api().eachPage("products/", (page) => {
          for (const row of page) {
            const product = row as HiboutikProduct;
            if (product.product_id === undefined) continue;
            const id = String(product.product_id);
            const name = text(product.product_model) ?? `Product ${id}`;
            const sku = text(product.products_ref_ext);
            const sizes = Number(product.product_size_type ?? 0) !== 0 ? (product.product_sizes ?? []) : [];
            if (!sizes.length) {
              onItem({ posItemId: id, name, sku, barcode: text(product.product_barcode) });
              continue;
            }
            for (const size of sizes)
              onItem({
                posItemId: `${id}/${String(size.size_id)}`,
                name: `${name} – ${text(size.size_name) ?? String(size.size_id)}`,
                sku,
                barcode: text(size.barcode),
              });
          }
        }),
      );
      return { skipped };
    },

    async counts(onCount: (count: PosCount) => void, locationIds?: string[]) {
      const skipped: SkippedRecord[] = [];
      await readUntilPaused(skipped, async () => {
        const warehouses = await warehouseByStore();
        const wanted = locationIds ?? [...warehouses.keys()];
        for (const storeId of wanted) {
          const warehouseId = warehouses.get(storeId);
          if (!warehouseId) {
            const words = said("hiboutik.noWarehouse", { store: storeId });
            skipped.push({ externalId: `store ${storeId}`, reason: words.text, words });
            continue;
          }
          await api().eachPage(`stock_available/warehouse_id/${warehouseId}`, (page) => {
            for (const row of page) {
              const line = row as { product_id?: unknown; product_size?: unknown; stock_available?: unknown };
              const quantity = Number(line.stock_available);
              if (line.product_id === undefined || !Number.isFinite(quantity)) continue;
              const size = Number(line.product_size ?? 0);
              onCount({
                posItemId: size ? `${String(line.product_id)}/${size}` : String(line.product_id),
                posLocationId: storeId,
                quantity: Math.trunc(quantity),
              });
            }
          });
        }
      });
      return { skipped };
    },

    async applyMoves(moves: PosStockMove[]) {
      const results: PosMoveResult[] = [];
      for (const move of moves) results.push(await applyOne(move));
      return results;
    },

    async usage(): Promise<PosUsage> {
      const used = await quota.used();
      const share = used / quota.limit;
      const percent = Math.floor(share * 100);
      const note =
        used >= quota.cap("read")
          ? `Reads paused until 00:00 UTC: ${percent}% of today's requests used; the last ${quota.reserve} are kept for sales.`
          : share >= SLOW_DOWN_SHARE
            ? `Slowing down: ${percent}% of today's requests used.`
            : undefined;
      return { used, limit: quota.limit, resetsAt: quota.resetsAt(), ...(note ? { note } : {}) };
    },
  };
}

/** Runs a read; when the day's reads are used up it stops there and says so as a skipped record. */
async function readUntilPaused(skipped: SkippedRecord[], read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (error) {
    if (!(error instanceof HiboutikReadsPausedError)) throw error;
    skipped.push({ externalId: "daily quota", reason: error.message, ...(error.said ? { words: error.said } : {}) });
  }
}

function refusalReason(error: HiboutikRefusedError, move: PosStockMove): Message {
  const { details } = error;
  if (details.product_id || details.size_id) return said("words6.pos.hiboutik.noProduct", { id: move.posItemId });
  if (details.store_id || details.stock_withdrawal)
    return said("words6.pos.hiboutik.noStore", { id: move.posLocationId });
  if (details.currency_code) return said("words6.pos.hiboutik.currency");
  return error.said ?? error.message;
}

function rows(body: unknown): unknown[] {
  return Array.isArray(body) ? body : [];
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}
