// A shop's RetailCRM connection: its settings (account URL, module code, warehouse) and secrets (the API
// key, write-only; the clientId RetailCRM's callbacks identify the shop by), the connection test, the
// module registration, and the client the capabilities use.
import { createHash, randomBytes } from "node:crypto";
import { db } from "../../db.server";
import { env } from "../../env.server";
import { NotConfiguredError, errorMessage } from "../../lib/errors";
import { checkConnectorUrl, connectorUrlPolicy, type ConnectorUrlPolicy } from "../../lib/http-url-policy.server";
import { logger } from "../../lib/logger.server";
import {
  loadConnectorSecrets,
  loadConnectorSettings,
  recordConnectionCheck,
  saveConnectorSettings,
} from "../settings.server";
import { loadRouting } from "../routing.server";
import { RetailCrmClient, RetailCrmRefusedError, RetailCrmUnavailableError } from "./client.server";
import { integrationModule, readStores, type RetailCrmStore } from "./mapping.server";

export const RETAILCRM = "retailcrm";
const API_KEY = "apiKey";
const CLIENT_ID = "clientId";
export const DEFAULT_MODULE_CODE = "passerelle";
/** Where RetailCRM calls the app back (under SHOPIFY_APP_URL); the route is app/routes/retailcrm.inventories-upload.tsx. */
export const INVENTORIES_UPLOAD_PATH = "/retailcrm/inventories-upload";

export interface RetailCrmSettings {
  accountUrl: string;
  moduleCode: string;
  /** The RetailCRM warehouse (store code) stock goes to; empty until picked. */
  storeCode: string;
}

export interface RetailCrmSettingsInput {
  accountUrl: string;
  apiKey: string;
  moduleCode: string;
  storeCode: string;
}

export class RetailCrmNotConfiguredError extends NotConfiguredError {
  constructor(message = "RetailCRM is not set up for this shop yet: fill in Settings → RetailCRM.") {
    super("RetailCRM", "/app/settings/retailcrm", message);
  }
}

export async function loadRetailCrmSettings(shop: string) {
  const stored = await loadConnectorSettings<RetailCrmSettings>(shop, RETAILCRM);
  return {
    settings: stored?.config ?? null,
    apiKeySet: stored?.secretsSet.includes(API_KEY) ?? false,
    moduleClientSet: stored?.secretsSet.includes(CLIENT_ID) ?? false,
  };
}

export type ValidationResult =
  | { ok: true; settings: RetailCrmSettings; apiKey: string | undefined }
  | { ok: false; fieldErrors: Record<string, string> };

/** Every field checked; the API key may be left empty when one is stored (it is kept). */
export function validateRetailCrmSettings(
  input: RetailCrmSettingsInput,
  apiKeySet: boolean,
  policy: ConnectorUrlPolicy = connectorUrlPolicy(),
): ValidationResult {
  const fieldErrors: Record<string, string> = {};
  const url = checkConnectorUrl(input.accountUrl.trim(), policy);
  if (!input.accountUrl.trim())
    fieldErrors.accountUrl = "Enter the RetailCRM account address, e.g. https://myshop.retailcrm.ru";
  else if (!url.ok) fieldErrors.accountUrl = url.problem;
  else if ((url.url.pathname !== "/" && url.url.pathname !== "") || url.url.search)
    fieldErrors.accountUrl = "Enter the account address only, without a path (e.g. https://myshop.retailcrm.ru).";
  const apiKey = input.apiKey.trim();
  if (!apiKey && !apiKeySet) fieldErrors.apiKey = "Enter the API key (RetailCRM → Settings → Integration → API keys).";
  else if (apiKey && !/^[\x21-\x7e]{8,128}$/.test(apiKey)) fieldErrors.apiKey = "This does not look like an API key.";
  const moduleCode = input.moduleCode.trim() || DEFAULT_MODULE_CODE;
  if (!/^[a-z0-9][a-z0-9_-]{0,49}$/i.test(moduleCode))
    fieldErrors.moduleCode = "Letters, digits, - and _ only (at most 50).";
  const storeCode = input.storeCode.trim();
  if (storeCode && !/^[\w.-]{1,100}$/.test(storeCode)) fieldErrors.storeCode = "Pick a warehouse from the list.";
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return {
    ok: true,
    settings: { accountUrl: url.ok ? url.url.origin : "", moduleCode, storeCode },
    apiKey: apiKey || undefined,
  };
}

export type SaveResult =
  { ok: true; settings: RetailCrmSettings } | { ok: false; message: string; fieldErrors: Record<string, string> };

/** Saves in one write (nothing when a field is invalid); the first save also makes the module's clientId. */
export async function saveRetailCrmSettings(shop: string, input: RetailCrmSettingsInput): Promise<SaveResult> {
  const { apiKeySet, moduleClientSet } = await loadRetailCrmSettings(shop);
  const result = validateRetailCrmSettings(input, apiKeySet);
  // Stock runs would wait for a warehouse: while stock is sent to or taken from RetailCRM, one must stay chosen.
  const routing = result.ok && !result.settings.storeCode ? await loadRouting(db, shop) : null;
  if (routing?.stockDestinations.includes(RETAILCRM))
    return {
      ok: false,
      message: "Some fields need fixing; nothing was saved.",
      fieldErrors: { storeCode: "Stock is sent to RetailCRM: pick its warehouse, or stop sending stock first." },
    };
  if (routing?.stockSource === RETAILCRM)
    return {
      ok: false,
      message: "Some fields need fixing; nothing was saved.",
      fieldErrors: {
        storeCode: "Stock comes from RetailCRM: pick its warehouse, or choose another stock source first.",
      },
    };
  if (!result.ok)
    return { ok: false, message: "Some fields need fixing; nothing was saved.", fieldErrors: result.fieldErrors };
  const secrets: Record<string, string> = {};
  if (result.apiKey) secrets[API_KEY] = result.apiKey;
  if (!moduleClientSet) {
    const clientId = `passerelle-${randomBytes(24).toString("hex")}`;
    secrets[CLIENT_ID] = clientId;
    await db.retailCrmClient.upsert({
      where: { shop },
      create: { shop, clientIdHash: hashClientId(clientId) },
      update: { clientIdHash: hashClientId(clientId) },
    });
  }
  await saveConnectorSettings(shop, RETAILCRM, result.settings, secrets);
  logger.info("retailcrm settings saved", {
    shop,
    accountUrl: result.settings.accountUrl,
    apiKeyChanged: !!result.apiKey,
  });
  return { ok: true, settings: result.settings };
}

export const hashClientId = (clientId: string) => createHash("sha256").update(clientId).digest("hex");

/** The shop a callback's clientId belongs to, or null. */
export async function shopOfClientId(clientId: string): Promise<string | null> {
  if (!clientId || clientId.length > 200) return null;
  const row = await db.retailCrmClient.findUnique({ where: { clientIdHash: hashClientId(clientId) } });
  return row?.shop ?? null;
}

/** The shop's client, built from its saved settings. */
export async function retailCrmForShop(
  shop: string,
  options: { timeoutMs?: number; maxAttempts?: number } = {},
): Promise<{ client: RetailCrmClient; settings: RetailCrmSettings; clientId: string | undefined }> {
  const [{ settings }, secrets] = await Promise.all([
    loadRetailCrmSettings(shop),
    loadConnectorSecrets(shop, RETAILCRM),
  ]);
  const apiKey = secrets[API_KEY];
  if (!settings || !apiKey) throw new RetailCrmNotConfiguredError();
  const client = new RetailCrmClient({
    accountUrl: settings.accountUrl,
    apiKey,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxAttempts: options.maxAttempts,
    urlPolicy: connectorUrlPolicy(),
  });
  return { client, settings, clientId: secrets[CLIENT_ID] };
}

/** A failure in the merchant's words: what failed (DNS, TLS, refused, timeout, HTTP status), never the remote body. */
export function describeRetailCrmFailure(error: unknown): string {
  if (error instanceof RetailCrmRefusedError || error instanceof RetailCrmUnavailableError) return error.message;
  if (error instanceof NotConfiguredError) return error.message;
  return `The RetailCRM call failed: ${errorMessage(error)}`;
}

/** The account's warehouses (GET /api/v5/reference/stores), for the settings screen's list. */
export async function retailCrmStores(shop: string): Promise<RetailCrmStore[]> {
  const { client } = await retailCrmForShop(shop, { timeoutMs: 10_000, maxAttempts: 2 });
  return readStores(await client.get("/api/v5/reference/stores"));
}

/**
 * "Test connection": GET /api/credentials (the key works), then the warehouse chosen is one of the
 * account's. Recorded for the Dashboard.
 */
export async function testRetailCrmConnection(shop: string, options: { timeoutMs?: number } = {}) {
  let result: { ok: boolean; message: string };
  try {
    const { client, settings } = await retailCrmForShop(shop, {
      timeoutMs: options.timeoutMs ?? 10_000,
      maxAttempts: 2,
    });
    result = await checkRetailCrm(client, settings);
  } catch (error) {
    if (error instanceof RetailCrmNotConfiguredError) return { ok: false, message: error.message };
    result = { ok: false, message: describeRetailCrmFailure(error) };
  }
  await recordConnectionCheck(shop, RETAILCRM, result.ok, result.message);
  return result;
}

/**
 * "Test connection" on the settings screen: tests what the form holds, saved or not, and saves
 * nothing; an empty API key means the stored one. Only a test of exactly the saved settings is
 * recorded as the connection's state.
 */
export async function testRetailCrmSettings(
  shop: string,
  input: RetailCrmSettingsInput,
  options: { timeoutMs?: number } = {},
): Promise<{ ok: boolean; message: string; fieldErrors: Record<string, string> }> {
  const [{ settings: saved, apiKeySet }, secrets] = await Promise.all([
    loadRetailCrmSettings(shop),
    loadConnectorSecrets(shop, RETAILCRM),
  ]);
  const checked = validateRetailCrmSettings(input, apiKeySet);
  if (!checked.ok)
    return {
      ok: false,
      message: "Some fields need fixing before the connection can be tested.",
      fieldErrors: checked.fieldErrors,
    };
  const client = new RetailCrmClient({
    accountUrl: checked.settings.accountUrl,
    apiKey: checked.apiKey ?? secrets[API_KEY]!,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxAttempts: 2,
    urlPolicy: connectorUrlPolicy(),
  });
  let result: { ok: boolean; message: string };
  try {
    result = await checkRetailCrm(client, checked.settings);
  } catch (error) {
    result = { ok: false, message: describeRetailCrmFailure(error) };
  }
  const asSaved =
    saved !== null && checked.apiKey === undefined && JSON.stringify(checked.settings) === JSON.stringify(saved);
  if (asSaved) await recordConnectionCheck(shop, RETAILCRM, result.ok, result.message);
  return { ...result, fieldErrors: {} };
}

/** The key works (GET /api/credentials) and the chosen warehouse is one of the account's, active. */
async function checkRetailCrm(
  client: RetailCrmClient,
  settings: RetailCrmSettings,
): Promise<{ ok: boolean; message: string }> {
  await client.get("/api/credentials");
  const stores = readStores(await client.get("/api/v5/reference/stores"));
  const chosen = stores.find((s) => s.code === settings.storeCode);
  const found = `${stores.length} warehouse${stores.length === 1 ? "" : "s"} found`;
  return !settings.storeCode
    ? { ok: true, message: `Connected: ${found}. Pick the warehouse stock goes to.` }
    : !chosen
      ? { ok: false, message: `Connected, but RetailCRM has no warehouse "${settings.storeCode}": pick another one.` }
      : !chosen.active
        ? { ok: false, message: `Connected, but the warehouse "${chosen.name}" is not active in RetailCRM.` }
        : { ok: true, message: `Connected: ${found}; stock goes to "${chosen.name}".` };
}

/** RetailCRM's call points the inventoriesUpload action is registered at (its list is not public; see README). */
const CALL_POINTS = ["inventoriesUpload"];

/**
 * Registers (or updates: the call is idempotent) the warehouse module with the app's address and the
 * shop's clientId, then reads it back; answers what RetailCRM said.
 */
export async function registerRetailCrmModule(shop: string): Promise<{ ok: boolean; message: string }> {
  try {
    const { client, settings, clientId } = await retailCrmForShop(shop, { timeoutMs: 15_000, maxAttempts: 2 });
    if (!clientId) throw new RetailCrmNotConfiguredError("Save the RetailCRM settings first.");
    const appUrl = env().SHOPIFY_APP_URL.replace(/\/+$/, "");
    const code = settings.moduleCode;
    await client.post(`/api/v5/integration-modules/${encodeURIComponent(code)}/edit`, {
      integrationModule: integrationModule({
        code,
        name: "Passerelle",
        baseUrl: appUrl,
        clientId,
        logo: `${appUrl}/favicon.ico`,
        inventoriesUploadPath: INVENTORIES_UPLOAD_PATH,
        callPoints: CALL_POINTS,
      }),
    });
    const read = await client.get(`/api/v5/integration-modules/${encodeURIComponent(code)}`);
    const module = read.integrationModule as { active?: boolean; baseUrl?: string } | undefined;
    return {
      ok: true,
      message: `RetailCRM registered the module "${code}" (${module?.active === false ? "inactive" : "active"}), calling back ${module?.baseUrl ?? appUrl}${INVENTORIES_UPLOAD_PATH}.`,
    };
  } catch (error) {
    return { ok: false, message: describeRetailCrmFailure(error) };
  }
}
