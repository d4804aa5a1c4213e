// A shop's RetailCRM connection: its settings (account URL, module code, warehouse) and secrets (the API
// key, write-only; the clientId RetailCRM's callbacks identify the shop by), the connection test, the
// module registration, and the client the capabilities use.
import { createHash, randomBytes } from "node:crypto";
import { db } from "../../db.server";
import { env } from "../../env.server";
import { defineWords } from "../../i18n/define";
import type { Locale } from "../../i18n/locale";
import { NotConfiguredError } from "../../lib/errors";
import { said, sayIn, type Message } from "../../i18n/stored-words";
import { checkConnectorUrl, connectorUrlPolicy, type ConnectorUrlPolicy } from "../../lib/http-url-policy.server";
import { logger } from "../../lib/logger.server";
import {
  loadConnectorSecrets,
  loadConnectorSettings,
  noteConnectionTest,
  recordConnectionCheck,
  saveConnectorSettings,
} from "../settings.server";
import { loadRouting } from "../routing.server";
import { RetailCrmClient, RetailCrmRefusedError, RetailCrmUnavailableError } from "./client.server";
import { integrationModule, readStores, type RetailCrmStore } from "./mapping.server";
import { connectionProblemOf, connectionProblemSaid, failureSaid } from "../../lib/merchant-messages.server";

export const RETAILCRM = "retailcrm";
const API_KEY = "apiKey";
const CLIENT_ID = "clientId";
export const DEFAULT_MODULE_CODE = "passerelle";
/** Where RetailCRM calls the app back (under SHOPIFY_APP_URL); the route is app/routes/retailcrm.inventories-upload.tsx. */
export const INVENTORIES_UPLOAD_PATH = "/retailcrm/inventories-upload";

const WORDS = defineWords({
  en: {
    notConfigured: "RetailCRM is not set up for this shop yet: fill in Settings → RetailCRM.",
    saveFirst: "Save the RetailCRM settings first.",
    enterAccount: "Enter the RetailCRM account address, e.g. https://myshop.retailcrm.ru",
    accountOnly: "Enter the account address only, without a path (e.g. https://myshop.retailcrm.ru).",
    enterApiKey: "Enter the API key (RetailCRM → Settings → Integration → API keys).",
    notApiKey: "This does not look like an API key.",
    moduleCode: "Letters, digits, - and _ only (at most 50).",
    pickWarehouse: "Pick a warehouse from the list.",
    fixFields: "Some fields need fixing; nothing was saved.",
    fixBeforeTest: "Some fields need fixing before the connection can be tested.",
    sentTo: "Stock is sent to RetailCRM: pick its warehouse, or stop sending stock first.",
    comesFrom: "Stock comes from RetailCRM: pick its warehouse, or choose another stock source first.",
    registered: (code: string, active: boolean, url: string) =>
      `RetailCRM registered the module "${code}" (${active ? "active" : "inactive"}), calling back ${url}.`,
  },
  fr: {
    notConfigured: "RetailCRM n'est pas encore configuré pour cette boutique : remplissez Paramètres → RetailCRM.",
    saveFirst: "Enregistrez d'abord les paramètres RetailCRM.",
    enterAccount: "Saisissez l'adresse du compte RetailCRM, par ex. https://myshop.retailcrm.ru",
    accountOnly: "Saisissez seulement l'adresse du compte, sans chemin (par ex. https://myshop.retailcrm.ru).",
    enterApiKey: "Saisissez la clé d'API (RetailCRM → Settings → Integration → API keys).",
    notApiKey: "Ceci ne ressemble pas à une clé d'API.",
    moduleCode: "Lettres, chiffres, - et _ seulement (50 au plus).",
    pickWarehouse: "Choisissez un entrepôt dans la liste.",
    fixFields: "Certains champs sont à corriger ; rien n'a été enregistré.",
    fixBeforeTest: "Certains champs sont à corriger avant de pouvoir tester la connexion.",
    sentTo: "Le stock est envoyé à RetailCRM : choisissez son entrepôt, ou arrêtez d'abord d'envoyer le stock.",
    comesFrom:
      "Le stock vient de RetailCRM : choisissez son entrepôt, ou choisissez d'abord une autre source de stock.",
    registered: (code: string, active: boolean, url: string) =>
      `RetailCRM a enregistré le module « ${code} » (${active ? "actif" : "inactif"}), qui rappelle ${url}.`,
  },
});

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
  constructor(message: Message = WORDS.en.notConfigured) {
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
  locale: Locale = "en",
): ValidationResult {
  const w = WORDS[locale];
  const fieldErrors: Record<string, string> = {};
  const url = checkConnectorUrl(input.accountUrl.trim(), policy, locale);
  if (!input.accountUrl.trim()) fieldErrors.accountUrl = w.enterAccount;
  else if (!url.ok) fieldErrors.accountUrl = url.problem;
  else if ((url.url.pathname !== "/" && url.url.pathname !== "") || url.url.search)
    fieldErrors.accountUrl = w.accountOnly;
  const apiKey = input.apiKey.trim();
  if (!apiKey && !apiKeySet) fieldErrors.apiKey = w.enterApiKey;
  else if (apiKey && !/^[\x21-\x7e]{8,128}$/.test(apiKey)) fieldErrors.apiKey = w.notApiKey;
  const moduleCode = input.moduleCode.trim() || DEFAULT_MODULE_CODE;
  if (!/^[a-z0-9][a-z0-9_-]{0,49}$/i.test(moduleCode)) fieldErrors.moduleCode = w.moduleCode;
  const storeCode = input.storeCode.trim();
  if (storeCode && !/^[\w.-]{1,100}$/.test(storeCode)) fieldErrors.storeCode = w.pickWarehouse;
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
export async function saveRetailCrmSettings(
  shop: string,
  input: RetailCrmSettingsInput,
  locale: Locale = "en",
): Promise<SaveResult> {
  const w = WORDS[locale];
  const { apiKeySet, moduleClientSet } = await loadRetailCrmSettings(shop);
  const result = validateRetailCrmSettings(input, apiKeySet, connectorUrlPolicy(), locale);
  // Stock runs would wait for a warehouse: while stock is sent to or taken from RetailCRM, one must stay chosen.
  const routing = result.ok && !result.settings.storeCode ? await loadRouting(db, shop) : null;
  if (routing?.stockDestinations.includes(RETAILCRM))
    return {
      ok: false,
      message: w.fixFields,
      fieldErrors: { storeCode: w.sentTo },
    };
  if (routing?.stockSource === RETAILCRM)
    return {
      ok: false,
      message: w.fixFields,
      fieldErrors: { storeCode: w.comesFrom },
    };
  if (!result.ok) return { ok: false, message: w.fixFields, fieldErrors: result.fieldErrors };
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
export function describeRetailCrmFailure(error: unknown, locale: Locale = "en"): string {
  return sayIn(retailCrmFailureSaid(error), locale);
}

/** The same, said with its words (a connection check stores them). */
function retailCrmFailureSaid(error: unknown): Message {
  if (error instanceof RetailCrmUnavailableError) {
    const problem = connectionProblemOf(error.cause);
    return problem ? connectionProblemSaid("RetailCRM", problem) : (error.said ?? error.message);
  }
  if (error instanceof RetailCrmRefusedError) return error.said ?? error.message;
  if (error instanceof RetailCrmNotConfiguredError && error.message === WORDS.en.notConfigured)
    return said("check.retailcrm.notConfigured");
  if (error instanceof NotConfiguredError) return error.said ?? error.message;
  return failureSaid("RetailCRM", error);
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
export async function testRetailCrmConnection(shop: string, options: { timeoutMs?: number; locale?: Locale } = {}) {
  const locale = options.locale ?? "en";
  let result: Checked;
  try {
    const { client, settings } = await retailCrmForShop(shop, {
      timeoutMs: options.timeoutMs ?? 10_000,
      maxAttempts: 2,
    });
    result = await checkRetailCrm(client, settings);
  } catch (error) {
    if (error instanceof RetailCrmNotConfiguredError)
      return { ok: false, message: describeRetailCrmFailure(error, locale) };
    result = { ok: false, message: retailCrmFailureSaid(error) };
  }
  // Stored in English with its words (the Dashboard and Settings say it again in the reader's language).
  await recordConnectionCheck(shop, RETAILCRM, result.ok, result.message);
  return { ok: result.ok, message: sayIn(result.message, locale) };
}

/**
 * "Test connection" on the settings screen: tests what the form holds, saved or not, and saves
 * nothing; an empty API key means the stored one. Only a test of exactly the saved settings is
 * recorded as the connection's state.
 */
export async function testRetailCrmSettings(
  shop: string,
  input: RetailCrmSettingsInput,
  options: { timeoutMs?: number; locale?: Locale } = {},
): Promise<{ ok: boolean; message: string; fieldErrors: Record<string, string> }> {
  const locale = options.locale ?? "en";
  const [{ settings: saved, apiKeySet }, secrets] = await Promise.all([
    loadRetailCrmSettings(shop),
    loadConnectorSecrets(shop, RETAILCRM),
  ]);
  const checked = validateRetailCrmSettings(input, apiKeySet, connectorUrlPolicy(), locale);
  if (!checked.ok) return { ok: false, message: WORDS[locale].fixBeforeTest, fieldErrors: checked.fieldErrors };
  const client = new RetailCrmClient({
    accountUrl: checked.settings.accountUrl,
    apiKey: checked.apiKey ?? secrets[API_KEY]!,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxAttempts: 2,
    urlPolicy: connectorUrlPolicy(),
  });
  let result: Checked;
  try {
    result = await checkRetailCrm(client, checked.settings);
  } catch (error) {
    result = { ok: false, message: retailCrmFailureSaid(error) };
  }
  const asSaved =
    saved !== null && checked.apiKey === undefined && JSON.stringify(checked.settings) === JSON.stringify(saved);
  if (asSaved) await recordConnectionCheck(shop, RETAILCRM, result.ok, result.message);
  else await noteConnectionTest(shop, RETAILCRM, result.ok, result.message);
  return { ok: result.ok, message: sayIn(result.message, locale), fieldErrors: {} };
}

/** A test's outcome, said with its words (stored in English with them, shown in the admin's language). */
type Checked = { ok: boolean; message: Message };

/** The key works (GET /api/credentials) and the chosen warehouse is one of the account's, active. */
async function checkRetailCrm(client: RetailCrmClient, settings: RetailCrmSettings): Promise<Checked> {
  await client.get("/api/credentials");
  const stores = readStores(await client.get("/api/v5/reference/stores"));
  const chosen = stores.find((s) => s.code === settings.storeCode);
  const count = stores.length;
  return !settings.storeCode
    ? { ok: true, message: said("check.retailcrm.pickStore", { count }) }
    : !chosen
      ? { ok: false, message: said("check.retailcrm.noStore", { code: settings.storeCode }) }
      : !chosen.active
        ? { ok: false, message: said("check.retailcrm.inactiveStore", { name: chosen.name }) }
        : { ok: true, message: said("check.retailcrm.connected", { count, name: chosen.name }) };
}

/** RetailCRM's call points the inventoriesUpload action is registered at (its list is not public; see README). */
const CALL_POINTS = ["inventoriesUpload"];

/**
 * Registers (or updates: the call is idempotent) the warehouse module with the app's address and the
 * shop's clientId, then reads it back; answers what RetailCRM said.
 */
export async function registerRetailCrmModule(
  shop: string,
  locale: Locale = "en",
): Promise<{ ok: boolean; message: string }> {
  try {
    const { client, settings, clientId } = await retailCrmForShop(shop, { timeoutMs: 15_000, maxAttempts: 2 });
    if (!clientId) throw new RetailCrmNotConfiguredError(WORDS[locale].saveFirst);
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
      message: WORDS[locale].registered(
        code,
        module?.active !== false,
        `${module?.baseUrl ?? appUrl}${INVENTORIES_UPLOAD_PATH}`,
      ),
    };
  } catch (error) {
    return { ok: false, message: describeRetailCrmFailure(error, locale) };
  }
}
