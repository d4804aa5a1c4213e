// The ERP explorer: Fastmag's read operations as merchant tools. Each operation checks its input,
// asks the connector, and returns plain serialisable rows (the screen's table, the API's JSON),
// with the rows Fastmag sent that could not be read, and paging for lists.
import { priceOn, type PriceChange } from "../../domain/catalog";
import { parseSku } from "./sku";
import type { ErpCustomer } from "../../domain/customers";
import { webStock, type FastmagStockLevel } from "./stock";
import type { ReadResult, SkippedRecord } from "../../domain/results";
import { NotFoundError, ValidationError } from "../../lib/errors";
import type { Logger } from "../../lib/logger.server";
import {
  explorerOperation,
  type ExplorerInputKind,
  type ExplorerOperation,
  type ExplorerOperationId,
} from "./explorer-operations";
import type { FastmagConnector } from "./index.server";
import { fastmagDate } from "./queries.server";
import { stockFormulaOf, type FastmagSettings } from "./settings-form.server";
import { fastmagConnectorForShop } from "./settings.server";

export type ExplorerValue = string | number | boolean | null;
export type ExplorerRow = Record<string, ExplorerValue>;

export interface ExplorerRequest {
  operation: string;
  /** The search box: a SKU, a GENCOD, an email… (ignored by operations without input). */
  query?: string;
  page?: number;
  pageSize?: number;
}

export interface ExplorerResult {
  operation: string;
  label: string;
  items: ExplorerRow[];
  /** Rows Fastmag sent that we could not read, with the reason. */
  skipped: SkippedRecord[];
  paging: { page: number; pageSize: number; totalItems: number; totalPages: number } | null;
}

/** A single lookup found nothing (a 404 in the JSON API, a notice on the screen). */
export class ExplorerNotFoundError extends NotFoundError {}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 250;

/** Runs an explorer operation with the shop's saved Fastmag settings. */
export async function exploreFastmag(
  shop: string,
  request: ExplorerRequest,
  options: { logger?: Logger } = {},
): Promise<ExplorerResult> {
  const operation = requireOperation(request.operation);
  const input = readInput(operation.input, request.query ?? "");
  const paging = readPaging(request);
  const { fastmag, settings } = await fastmagConnectorForShop(shop, {
    logger: options.logger,
    maxAttempts: 2,
    timeoutMs: 30_000,
  });
  return runExplorerOperation(fastmag, settings, operation, input, paging);
}

export async function runExplorerOperation(
  fastmag: FastmagConnector,
  settings: FastmagSettings,
  operation: ExplorerOperation,
  input: string,
  paging: { page: number; pageSize: number },
): Promise<ExplorerResult> {
  const formula = stockFormulaOf(settings.stock);
  const stockRow = (level: FastmagStockLevel): ExplorerRow => ({ ...plain(level), webStock: webStock(level, formula) });
  const one = (row: object | null, what: string): ExplorerResult => {
    if (!row) throw new ExplorerNotFoundError(`Fastmag has no ${what}.`);
    return { operation: operation.id, label: operation.label, items: [plain(row)], skipped: [], paging: null };
  };
  const list = <T extends object>(result: ReadResult<T>, toRow: (item: T) => ExplorerRow = plain): ExplorerResult => {
    const totalItems = result.items.length;
    const start = (paging.page - 1) * paging.pageSize;
    return {
      operation: operation.id,
      label: operation.label,
      items: result.items.slice(start, start + paging.pageSize).map(toRow),
      skipped: result.skipped,
      paging: { ...paging, totalItems, totalPages: Math.max(1, Math.ceil(totalItems / paging.pageSize)) },
    };
  };

  switch (operation.id as ExplorerOperationId) {
    case "product-by-sku":
      return one(await fastmag.catalog.productBySku(input), `product with SKU ${input}`);
    case "product-by-gencod":
      return one(await fastmag.catalog.productByBarcode(input), `product with GENCOD ${input}`);
    case "products-of-season":
      return list(await fastmag.catalog.productsBySeason(input));
    case "products":
      return list(await fastmag.catalog.products());
    case "stock-of-sku": {
      const level = await fastmag.inventory.stockOf(input);
      return { ...one(level, `stock for SKU ${input}`), items: [stockRow(level!)] };
    }
    case "inventory":
      return list(await fastmag.inventory.fullInventory(), stockRow);
    case "inventory-with-prices": {
      const [stocks, prices] = await Promise.all([fastmag.inventory.fullInventory(), fastmag.prices.prices()]);
      const bySku = new Map<string, PriceChange>(prices.items.map((p) => [p.sku, p]));
      const today = fastmagDate(new Date(), settings.timeZone);
      const result = list({ items: stocks.items, skipped: [...stocks.skipped, ...prices.skipped] }, (level) => {
        const price = bySku.get(level.sku);
        const shown = price ? priceOn(price, today) : undefined;
        return { ...stockRow(level), price: shown?.price ?? null, compareAtPrice: shown?.compareAtPrice ?? null };
      });
      return result;
    }
    case "order":
      return one(await fastmag.orders.orderById(input), `order ${input}`);
    case "order-by-shopify-id": {
      // Instances store either the numeric id or the gid: ask for both.
      const numeric = input.replace(/^gid:\/\/shopify\/Order\//, "");
      const found = await fastmag.orders.ordersByShopifyIds([numeric, `gid://shopify/Order/${numeric}`]);
      return one(found.items[0] ?? null, `order for Shopify order ${input}`);
    }
    case "orders":
      return list(await fastmag.orders.allOrders());
    case "customer": {
      const customer = await fastmag.customers.customerByEmail(input);
      return one(customer && customerRow(customer), `customer with the email ${input}`);
    }
    case "gift-card":
      return one(await fastmag.giftCards.giftCard(input), `gift card ${input}`);
    case "gift-cards":
      return list(await fastmag.giftCards.giftCards());
    case "pme":
      return one(await fastmag.pme.pme(input), `PME ${input}`);
    case "pmes":
      return list(await fastmag.pme.pmes(input === "store" || input === "web" ? input : undefined));
    case "pme-balance": {
      const balance = await fastmag.pme.balance(input);
      return one(balance === null ? null : { code: input, balance }, `PME ${input}`);
    }
    case "avoirs":
      return list(input ? await fastmag.avoirs.avoirsOf(input) : await fastmag.avoirs.avoirs());
  }
}

export function requireOperation(id: string): ExplorerOperation {
  const operation = explorerOperation(id);
  if (!operation)
    throw new ValidationError(`There is no explorer operation "${id.slice(0, 60)}".`, {
      operation: "Choose an operation from the list.",
    });
  return operation;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Checks the search text for an operation; throws a ValidationError on the `query` field. */
export function readInput(kind: ExplorerInputKind, raw: string): string {
  const value = raw.trim();
  const fail = (message: string): never => {
    throw new ValidationError(message, { query: message });
  };
  if (CONTROL.test(value) || value.length > 200) fail("This search text cannot be sent to Fastmag.");
  switch (kind) {
    case "none":
      return "";
    case "sku":
      if (!parseSku(value)) fail("Enter a SKU as REFERENCE|COLOR|SIZE, e.g. BOXE20BEWARE|MARINE/GRIS CHINE|S.");
      return value;
    case "gencod":
      if (!/^\d{8,14}$/.test(value)) fail("A GENCOD is 8 to 14 digits, e.g. 3700000000017.");
      return value;
    case "orderId":
      if (!/^[\w-]{1,32}$/.test(value)) fail("Enter a Fastmag order id, e.g. 2.");
      return value;
    case "shopifyOrderId":
      if (!/^(gid:\/\/shopify\/Order\/)?\d+$/.test(value))
        fail("Enter a Shopify order id: 1001 or gid://shopify/Order/1001.");
      return value;
    case "email":
      if (!EMAIL.test(value)) fail("Enter an email address.");
      return value;
    case "optionalEmail":
      if (value && !EMAIL.test(value)) fail("Enter an email address, or nothing for every customer.");
      return value;
    case "pmeKind":
      if (!["", "all", "store", "web"].includes(value.toLowerCase())) fail('Choose "all", "store" or "web".');
      return value.toLowerCase();
    case "season":
    case "giftCardId":
    case "pmeCode":
      if (!value) fail("Enter what to look up.");
      if (value.length > 64) fail("That is too long for a Fastmag code.");
      return value;
  }
}

export function readPaging(request: Pick<ExplorerRequest, "page" | "pageSize">): { page: number; pageSize: number } {
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
  const fieldErrors: Record<string, string> = {};
  if (!Number.isInteger(page) || page < 1) fieldErrors.page = "The page is a whole number from 1.";
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
    fieldErrors.pageSize = `The page size is a whole number from 1 to ${MAX_PAGE_SIZE}.`;
  if (Object.keys(fieldErrors).length) throw new ValidationError(Object.values(fieldErrors).join(" "), fieldErrors);
  return { page, pageSize };
}

function customerRow(customer: ErpCustomer) {
  const { address, ...rest } = customer;
  return { ...rest, city: address?.city ?? null };
}

/** Flat, JSON-safe: dates as ISO text, missing values as null, nested objects dropped. */
function plain(value: object): ExplorerRow {
  const row: ExplorerRow = {};
  for (const [key, field] of Object.entries(value)) {
    if (field instanceof Date) row[key] = field.toISOString();
    else if (field === undefined || field === null) row[key] = null;
    else if (typeof field === "string" || typeof field === "number" || typeof field === "boolean") row[key] = field;
  }
  return row;
}
