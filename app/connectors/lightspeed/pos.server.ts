// Lightspeed Retail (R-Series) as a shop POS account (app/capabilities/point-of-sale.ts). Locations are
// shops (shopID; 0, the all-shops total, is never one); items are Items (itemID) with their SKUs and
// barcode; counts are ItemShop rows' qoh. A stock move is a completed Sale on the configured register and
// employee whose referenceNumber is the move's key, looked up before one is made (Lightspeed has no
// idempotency key), or — setting `moves: "qoh"` — the shop's quantity on hand set outright.
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
import { said } from "../../i18n/stored-words";
import { errorMessage, merchantMessageOf } from "../../lib/errors";
import { connectorUrlPolicy } from "../../lib/http-url-policy.server";
import { asRows, LightspeedClient, LightspeedRefusedError, tokenState } from "./client.server";
import { lightspeedSettingsSchema, lightspeedUrls } from "./settings.server";

const DEFAULT_TIMEOUT_MS = 30_000;
const KEY = /^[A-Za-z0-9_-]{1,40}$/;
const PAGE = 100;

export function createLightspeedPos(ctx: PosAccountContext): PointOfSale & { client(): LightspeedClient } {
  const settings = lightspeedSettingsSchema.parse(ctx.settings);
  const urls = lightspeedUrls(settings);
  const key = `${ctx.shop} ${ctx.accountId}`;
  let client: LightspeedClient | undefined;
  const api = () =>
    (client ??= new LightspeedClient({
      key,
      apiRoot: urls.api,
      tokenUrl: urls.token,
      clientId: settings.clientId,
      clientSecret: ctx.secrets.clientSecret ?? "",
      tokens: tokenState(key, ctx.secrets),
      saveSecrets: (update) => ctx.saveSecrets(update),
      rotateSecrets: ctx.rotateSecrets ? (rotation) => ctx.rotateSecrets!(rotation) : undefined,
      timeoutMs: ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      urlPolicy: connectorUrlPolicy(),
    }));
  const account = (path: string, query: Record<string, string | number> = {}) =>
    api().url(`Account/${settings.accountId}/${path}`, query);

  async function list(resource: string, name: string, query: Record<string, string | number> = {}) {
    const rows: Record<string, unknown>[] = [];
    await api().eachPage(account(`${resource}.json`, { limit: PAGE, ...query }), name, (page) => rows.push(...page));
    return rows;
  }

  async function shops(): Promise<PosLocation[]> {
    return (await list("Shop", "Shop"))
      .filter((shop) => String(shop.archived) !== "true")
      .map((shop) => ({ id: String(shop.shopID), name: String(shop.name ?? `Shop ${String(shop.shopID)}`) }));
  }

  async function saleMove(move: PosStockMove, itemID: number, shopID: number): Promise<PosMoveResult> {
    const { key: moveKey } = move;
    if (shopID !== settings.shopId)
      return {
        key: moveKey,
        ok: false,
        reason: said("words6.pos.lightspeed.otherShop", {
          register: settings.registerId,
          shop: settings.shopId,
          stockShop: shopID,
        }),
      };
    const found = asRows((await api().get(account("Sale.json", { referenceNumber: moveKey, shopID })))["Sale"])[0];
    if (found) {
      if (String(found.completed) !== "true")
        await api().write("PUT", account(`Sale/${String(found.saleID)}.json`), { completed: true });
      return { key: moveKey, ok: true };
    }
    await api().write("POST", account("Sale.json"), {
      shopID,
      registerID: settings.registerId,
      employeeID: settings.employeeId,
      completed: true,
      referenceNumber: moveKey,
      referenceNumberSource: `Shopify ${move.reference}`.slice(0, 255),
      SaleLines: { SaleLine: [{ itemID, unitQuantity: move.quantity }] },
    });
    return { key: moveKey, ok: true };
  }

  async function qohMove(move: PosStockMove, itemID: number, shopID: number): Promise<PosMoveResult> {
    const item = asRows(
      (await api().get(account(`Item/${itemID}.json`, { load_relations: '["ItemShops"]' })))["Item"],
    )[0];
    const row = asRows((item?.ItemShops as Record<string, unknown> | undefined)?.ItemShop).find(
      (candidate) => Number(candidate.shopID) === shopID,
    );
    if (!row)
      return {
        key: move.key,
        ok: false,
        reason: said("words6.pos.lightspeed.notStocked", { item: itemID, shop: shopID }),
      };
    await api().write("PUT", account(`ItemShop/${String(row.itemShopID)}.json`), {
      qoh: Number(row.qoh) - move.quantity,
    });
    return { key: move.key, ok: true };
  }

  async function applyOne(move: PosStockMove): Promise<PosMoveResult> {
    if (!KEY.test(move.key)) return { key: move.key, ok: false, reason: said("words6.pos.badKey") };
    if (!/^\d+$/.test(move.posItemId))
      return { key: move.key, ok: false, reason: said("words6.pos.lightspeed.notAnItem", { id: move.posItemId }) };
    if (!/^[1-9]\d*$/.test(move.posLocationId))
      return { key: move.key, ok: false, reason: said("words6.pos.lightspeed.notAShop", { id: move.posLocationId }) };
    if (!Number.isInteger(move.quantity))
      return { key: move.key, ok: false, reason: said("words6.pos.lightspeed.wholeUnits") };
    if (move.quantity === 0) return { key: move.key, ok: true };
    const itemID = Number(move.posItemId);
    const shopID = Number(move.posLocationId);
    try {
      return settings.moves === "qoh" ? await qohMove(move, itemID, shopID) : await saleMove(move, itemID, shopID);
    } catch (error) {
      if (error instanceof LightspeedRefusedError && (error.status === 400 || error.status === 404))
        return {
          key: move.key,
          ok: false,
          reason: said(
            settings.moves === "qoh" ? "words6.pos.lightspeed.refusedQoh" : "words6.pos.lightspeed.refusedSale",
            {
              item: itemID,
              shop: shopID,
              status: error.status,
            },
          ),
        };
      throw error;
    }
  }

  return {
    client: api,

    async test() {
      try {
        const found = asRows((await api().get(api().url("Account.json")))["Account"]);
        if (!found.some((row) => String(row.accountID) === settings.accountId))
          return {
            ok: false,
            message: said("words5.pos.lightspeed.otherAccount", { id: settings.accountId }),
          };
        const locations = await shops();
        const shop = locations.find((candidate) => candidate.id === String(settings.shopId));
        const register = (await list("Register", "Register")).find(
          (row) => Number(row.registerID) === settings.registerId,
        );
        const employee = (await list("Employee", "Employee")).find(
          (row) => Number(row.employeeID) === settings.employeeId,
        );
        const problems = [
          shop ? null : said("words5.pos.lightspeed.noShop", { id: settings.shopId }),
          register ? null : said("words5.pos.lightspeed.noRegister", { id: settings.registerId }),
          register && Number(register.shopID) !== settings.shopId
            ? said("words5.pos.lightspeed.registerElsewhere", { register: settings.registerId, shop: settings.shopId })
            : null,
          employee ? null : said("words5.pos.lightspeed.noEmployee", { id: settings.employeeId }),
        ].filter((problem) => problem !== null);
        if (problems.length && settings.moves === "sale")
          return {
            ok: false,
            message: said("words5.pos.lightspeed.cannotSell", {
              problems: problems.reduceRight((rest, first) => said("words5.comma", { first, rest })),
            }),
          };
        return {
          ok: true,
          message:
            settings.moves === "sale" && shop && register && employee
              ? said("words5.pos.lightspeed.connectedSales", {
                  count: locations.length,
                  register: String(register.name),
                  shop: shop.name,
                  employee: `${String(employee.firstName)} ${String(employee.lastName ?? "")}`.trimEnd(),
                })
              : said("words5.pos.lightspeed.connectedQoh", { count: locations.length }),
        };
      } catch (error) {
        return { ok: false, message: merchantMessageOf(error) ?? errorMessage(error) };
      }
    },

    locations: shops,

    async items(onItem: (item: PosItem) => void) {
      const skipped: SkippedRecord[] = [];
      await api().eachPage(account("Item.json", { limit: PAGE }), "Item", (rows) => {
        for (const row of rows) {
          if (row.itemID === undefined) continue;
          onItem({
            posItemId: String(row.itemID),
            name: text(row.description) ?? `Item ${String(row.itemID)}`,
            sku: text(row.customSku) ?? text(row.manufacturerSku) ?? text(row.systemSku),
            barcode: text(row.upc) ?? text(row.ean),
          });
        }
      });
      return { skipped };
    },

    async counts(onCount: (count: PosCount) => void, locationIds?: string[]) {
      const skipped: SkippedRecord[] = [];
      const wanted = (locationIds ?? []).filter((id) => /^[1-9]\d*$/.test(id));
      for (const id of locationIds ?? [])
        if (!wanted.includes(id)) {
          const words = said("lightspeed.notShopId", { id });
          skipped.push({ externalId: `shop ${id}`, reason: words.text, words });
        }
      if (locationIds && !wanted.length) return { skipped };
      // shopID 0 is the total of all shops, never a location of its own.
      const shopFilter = locationIds ? `IN,[${wanted.join(",")}]` : "!=,0";
      await api().eachPage(account("ItemShop.json", { limit: PAGE, shopID: shopFilter }), "ItemShop", (rows) => {
        for (const row of rows) {
          const quantity = Number(row.qoh);
          if (row.itemID === undefined || !Number.isFinite(quantity)) continue;
          onCount({ posItemId: String(row.itemID), posLocationId: String(row.shopID), quantity: Math.trunc(quantity) });
        }
      });
      return { skipped };
    },

    async applyMoves(moves: PosStockMove[]) {
      const results: PosMoveResult[] = [];
      for (const move of moves) results.push(await applyOne(move));
      return results;
    },

    async usage(): Promise<PosUsage | null> {
      const bucket = api().bucket();
      if (!bucket) return null;
      const used = Math.round(bucket.level);
      return {
        used,
        limit: bucket.size,
        ...(used + 10 > bucket.size
          ? { note: "Slowing down: Lightspeed's request bucket is nearly full; calls wait for it to drain." }
          : {}),
      };
    },
  };
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}
