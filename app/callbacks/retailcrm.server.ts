// RetailCRM calling the app back: the warehouse module's inventoriesUpload action (seed 002). The form
// carries the module's clientId, which names the shop; the answer is the shop's current leftovers,
// uploaded to RetailCRM from the shop's stock source. Answers are RetailCRM-style JSON
// ({ success, errorMsg }); a caller's mistake is a 4xx, never a 500.
import { retailCrmStockDestination } from "../connectors/retailcrm/capabilities.server";
import { RETAILCRM, retailCrmForShop, shopOfClientId } from "../connectors/retailcrm/settings.server";
import { providerFor } from "../connectors/registry.server";
import { db } from "../db.server";
import { AppError, NotConfiguredError, errorMessage } from "../lib/errors";
import { logger } from "../lib/logger.server";
import { startReadingStockPicture } from "../sync/stock-picture";
import { quietReporter } from "../sync/sync-context";

export interface CallbackAnswer {
  status: number;
  body: Record<string, unknown>;
}

const MAX_BODY = 64 * 1024;

const refuse = (status: number, errorMsg: string): CallbackAnswer => ({ status, body: { success: false, errorMsg } });

export async function inventoriesUploadCallback(request: Request): Promise<CallbackAnswer> {
  if (request.method !== "POST") return refuse(405, "Use POST.");
  const fields = await readFields(request);
  if (!fields) return refuse(400, "The body must be form fields (or JSON) with clientId.");
  const clientId = fields.get("clientId") ?? "";
  if (!clientId) return refuse(400, "clientId is missing.");
  const shop = await shopOfClientId(clientId);
  if (!shop) return refuse(401, "Unknown clientId.");
  const log = logger.child({ shop, connector: "retailcrm", callback: "inventoriesUpload" });
  try {
    const report = quietReporter();
    const ctx = { shop, db, report, timeoutMs: 30_000 };
    const source = await providerFor(ctx, "stock-source");
    // RetailCRM's leftovers are the shop's stock: there is nothing to send back to it.
    if (source.id === RETAILCRM) {
      log.info("inventoriesUpload answered: RetailCRM is the stock source");
      return { status: 200, body: { success: true, uploadedOffers: 0, unmatchedSkus: 0, uploadCalls: 0 } };
    }
    const { client, settings } = await retailCrmForShop(shop, { timeoutMs: 30_000 });
    if (!settings.storeCode) return refuse(409, "No RetailCRM warehouse is chosen in Passerelle yet.");
    const destination = retailCrmStockDestination({
      db,
      shop,
      client,
      storeCode: settings.storeCode,
      report,
      uploadAll: true,
    });
    const { picture: pictureRead, reading } = startReadingStockPicture(source.port);
    const written = await destination.writeAll(pictureRead);
    const { picture } = await reading;
    log.info("inventoriesUpload answered", { skus: picture.size, uploaded: written.changed });
    return {
      status: 200,
      body: {
        success: true,
        uploadedOffers: written.changed,
        unmatchedSkus: written.unmatched,
        uploadCalls: written.uploadCalls,
      },
    };
  } catch (error) {
    log.warn("inventoriesUpload failed", { error: errorMessage(error) });
    if (error instanceof NotConfiguredError) return refuse(409, error.message);
    if (error instanceof AppError) return refuse(error.transient ? 503 : 502, error.message);
    return refuse(502, "The leftovers could not be uploaded; see the app's logs.");
  }
}

async function readFields(request: Request): Promise<Map<string, string> | null> {
  const type = request.headers.get("content-type") ?? "";
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY) return null;
  let text: string;
  try {
    text = await request.text();
  } catch {
    return null;
  }
  if (text.length > MAX_BODY) return null;
  if (type.includes("application/x-www-form-urlencoded")) return new Map(new URLSearchParams(text));
  if (type.includes("application/json")) {
    try {
      const value = JSON.parse(text) as unknown;
      if (!value || typeof value !== "object" || Array.isArray(value)) return null;
      return new Map(
        Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
      );
    } catch {
      return null;
    }
  }
  return null;
}
