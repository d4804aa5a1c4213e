// Square as a shop POS system (the point-of-sale port): locations from ListLocations, sellable items
// from the catalog's item variations (SKU, UPC as barcode), counts from inventory/counts/batch-retrieve
// (IN_STOCK, cursors), and sales / give-backs as inventory/changes/batch-create ADJUSTMENTs, one request
// per move with the move's key as Square's idempotency key (Square applies each key once).
import { z } from "zod";
import type {
  PointOfSale,
  PosAccountContext,
  PosCount,
  PosItem,
  PosLocation,
  PosMoveResult,
  PosStockMove,
} from "../../capabilities/point-of-sale";
import type { SkippedRecord } from "../../domain/results";
import { said, type Message } from "../../i18n/stored-words";
import { merchantMessageOf } from "../../lib/errors";
import { connectorUrlPolicy, type ConnectorUrlPolicy } from "../../lib/http-url-policy.server";
import { SQUARE_API_URL, SquareClient, SquareRefusedError } from "./client.server";

export const squareSettingsSchema = z.object({
  /** Square's API address; the sandbox or an emulator for tests and the demo. */
  apiUrl: z
    .string()
    .trim()
    .url("Enter the Square API address, e.g. https://connect.squareup.com")
    .default(SQUARE_API_URL),
  /** The Square locations this account keeps in step (all when empty). */
  locationIds: z.array(z.string().trim().min(1)).default([]),
});
export type SquareSettings = z.infer<typeof squareSettingsSchema>;

/** accessToken: a personal or OAuth access token; webhookSignatureKey: the subscription's key. */
export const SQUARE_SECRETS = ["accessToken", "webhookSignatureKey"] as const;

const COUNTS_PAGE = 1000;

export interface SquarePosOptions {
  urlPolicy?: ConnectorUrlPolicy;
  /** Test hooks: smaller pauses after a 429. */
  backoffMs?: number;
  countsPageSize?: number;
}

export class SquarePointOfSale implements PointOfSale {
  readonly client: SquareClient;
  private readonly settings: SquareSettings;
  private readonly countsPageSize: number;

  constructor(context: PosAccountContext, options: SquarePosOptions = {}) {
    this.settings = squareSettingsSchema.parse(context.settings);
    this.client = new SquareClient({
      apiUrl: this.settings.apiUrl,
      accessToken: context.secrets.accessToken ?? "",
      timeoutMs: context.timeoutMs ?? 20_000,
      urlPolicy: options.urlPolicy ?? connectorUrlPolicy(),
      backoffMs: options.backoffMs,
    });
    this.countsPageSize = options.countsPageSize ?? COUNTS_PAGE;
  }

  async test(): Promise<{ ok: boolean; message: Message }> {
    try {
      const locations = await this.locations();
      const wanted = this.settings.locationIds;
      const missing = wanted.filter((id) => !locations.some((location) => location.id === id));
      if (missing.length)
        return { ok: false, message: said("words5.pos.square.noLocation", { ids: missing.join(", ") }) };
      return {
        ok: true,
        message: said("words5.pos.square.connected", {
          count: locations.length,
          names: locations.map((l) => l.name).join(", "),
        }),
      };
    } catch (error) {
      return {
        ok: false,
        message: merchantMessageOf(error) ?? (error instanceof Error ? error.message : "Square could not be reached."),
      };
    }
  }

  async locations(): Promise<PosLocation[]> {
    const answer = await this.client.get("/v2/locations");
    const rows = Array.isArray(answer.locations) ? (answer.locations as Record<string, unknown>[]) : [];
    return rows
      .filter((row) => typeof row.id === "string" && row.status !== "INACTIVE")
      .map((row) => ({ id: row.id as string, name: typeof row.name === "string" ? row.name : (row.id as string) }));
  }

  async items(onItem: (item: PosItem) => void): Promise<{ skipped: SkippedRecord[] }> {
    const skipped: SkippedRecord[] = [];
    await this.client.getPages("/v2/catalog/list", { types: "ITEM" }, (answer) => {
      const objects = Array.isArray(answer.objects) ? (answer.objects as Record<string, unknown>[]) : [];
      for (const object of objects) {
        if (object.type !== "ITEM" || object.is_deleted === true) continue;
        const data = (object.item_data ?? {}) as { name?: unknown; variations?: unknown };
        const itemName = typeof data.name === "string" ? data.name : "";
        const variations = Array.isArray(data.variations) ? (data.variations as Record<string, unknown>[]) : [];
        for (const variation of variations) {
          if (typeof variation.id !== "string" || variation.is_deleted === true) continue;
          const v = (variation.item_variation_data ?? {}) as Record<string, unknown>;
          if (v.track_inventory === false) {
            const words = said("words7.pos.square.stockNotTracked", { item: itemName });
            skipped.push({ externalId: variation.id, reason: words.text, words });
            continue;
          }
          const variationName = typeof v.name === "string" && v.name ? v.name : "";
          onItem({
            posItemId: variation.id,
            name: variationName && variationName !== "Regular" ? `${itemName} - ${variationName}` : itemName,
            ...(typeof v.sku === "string" && v.sku ? { sku: v.sku } : {}),
            ...(typeof v.upc === "string" && v.upc ? { barcode: v.upc } : {}),
          });
        }
      }
    });
    return { skipped };
  }

  async counts(onCount: (count: PosCount) => void, locationIds?: string[]): Promise<{ skipped: SkippedRecord[] }> {
    const skipped: SkippedRecord[] = [];
    const locations = locationIds ?? (this.settings.locationIds.length ? this.settings.locationIds : undefined);
    await this.client.postPages(
      "/v2/inventory/counts/batch-retrieve",
      { states: ["IN_STOCK"], limit: this.countsPageSize, ...(locations ? { location_ids: locations } : {}) },
      (answer) => {
        const counts = Array.isArray(answer.counts) ? (answer.counts as Record<string, unknown>[]) : [];
        for (const count of counts) {
          if (count.state !== "IN_STOCK") continue;
          const quantity = Number(count.quantity);
          const id = String(count.catalog_object_id ?? "");
          if (!id || typeof count.location_id !== "string") continue;
          if (!Number.isFinite(quantity)) {
            const words = said("square.countNotNumber", { value: String(count.quantity) });
            skipped.push({ externalId: id, reason: words.text, words });
            continue;
          }
          // Square counts may be decimal (sold by weight); Shopify holds whole units.
          onCount({ posItemId: id, posLocationId: count.location_id, quantity: Math.floor(quantity) });
        }
      },
    );
    return { skipped };
  }

  async applyMoves(moves: PosStockMove[]): Promise<PosMoveResult[]> {
    const results: PosMoveResult[] = [];
    for (const move of moves) {
      if (move.quantity === 0) {
        results.push({ key: move.key, ok: true });
        continue;
      }
      const sold = move.quantity > 0;
      const body = {
        idempotency_key: move.key,
        changes: [
          {
            type: "ADJUSTMENT",
            adjustment: {
              catalog_object_id: move.posItemId,
              location_id: move.posLocationId,
              from_state: sold ? "IN_STOCK" : "NONE",
              to_state: sold ? "SOLD" : "IN_STOCK",
              quantity: String(Math.abs(move.quantity)),
              occurred_at: new Date().toISOString(),
              reference_id: move.reference.slice(0, 255),
            },
          },
        ],
      };
      try {
        await this.client.post("/v2/inventory/changes/batch-create", body);
        results.push({ key: move.key, ok: true });
      } catch (error) {
        if (error instanceof SquareRefusedError && error.codes.includes("IDEMPOTENCY_KEY_REUSED")) {
          // The key was applied by an earlier call (a retry after Square answered): the move is recorded.
          results.push({ key: move.key, ok: true });
          continue;
        }
        if (error instanceof SquareRefusedError && error.status === 400)
          results.push({ key: move.key, ok: false, reason: error.said ?? error.message });
        else throw error;
      }
    }
    return results;
  }
}

export function squarePointOfSale(context: PosAccountContext, options?: SquarePosOptions): SquarePointOfSale {
  return new SquarePointOfSale(context, options);
}
