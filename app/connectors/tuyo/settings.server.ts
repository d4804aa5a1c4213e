// A shop's Tuyo connection: its settings (API address, which key is used — production or testing —,
// the seller's store, branch and user ids, default preparation time, free shipping, fragile) and its
// secrets (the two API keys Tuyo hands out, write-only), the connection test and the shop's client.
import { db } from "../../db.server";
import { systemClock, type Clock } from "../../jobs/clock";
import { NotConfiguredError } from "../../lib/errors";
import { checkConnectorUrl, connectorUrlPolicy, type ConnectorUrlPolicy } from "../../lib/http-url-policy.server";
import { logger } from "../../lib/logger.server";
import {
  loadConnectorSecrets,
  loadConnectorSettings,
  recordConnectionCheck,
  saveConnectorSettings,
} from "../settings.server";
import { TuyoClient, TuyoRefusedError, TuyoUnavailableError } from "./client.server";
import { readCategories, type TuyoCategory } from "./mapping.server";
import { connectionProblemOf, connectionProblemSaid, failureSaid } from "../../lib/merchant-messages.server";
import { defineWords } from "../../i18n/define";
import type { Locale } from "../../i18n/locale";
import { said, sayIn, type Message } from "../../i18n/stored-words";

export const TUYO = "tuyo";
export const PRODUCTION_KEY = "productionKey";
export const TESTING_KEY = "testingKey";
const HOUR_MS = 3_600_000;

export type TuyoMode = "production" | "testing";

export interface TuyoSettings {
  apiUrl: string;
  /** Which of the two keys the app uses. */
  mode: TuyoMode;
  storeId: number;
  branchId: number;
  userId: number;
  /** Default time to have a product ready for pickup, in hours (sent in milliseconds). */
  preparationHours: number;
  freeShipping: boolean;
  fragile: boolean;
}

export interface TuyoSettingsInput {
  apiUrl: string;
  mode: string;
  productionKey: string;
  testingKey: string;
  storeId: string;
  branchId: string;
  userId: string;
  preparationHours: string;
  freeShipping: boolean;
  fragile: boolean;
}

export class TuyoNotConfiguredError extends NotConfiguredError {
  constructor(message = "Tuyo is not set up for this shop yet: fill in Settings → Tuyo.") {
    super("Tuyo", "/app/settings/tuyo", message);
  }
}

export async function loadTuyoSettings(shop: string) {
  const stored = await loadConnectorSettings<TuyoSettings>(shop, TUYO);
  return {
    settings: stored?.config ?? null,
    productionKeySet: stored?.secretsSet.includes(PRODUCTION_KEY) ?? false,
    testingKeySet: stored?.secretsSet.includes(TESTING_KEY) ?? false,
  };
}

/** What the Settings → Tuyo form hears back, in the admin's language. */
export const TUYO_SETTINGS_WORDS = defineWords({
  en: {
    apiUrl: "Enter the Tuyo API address Tuyo gave you.",
    mode: "Choose production or testing.",
    notAKey: "This does not look like an API key.",
    keyNeeded: (mode: TuyoMode) => `Enter the ${mode} API key (Tuyo gives one for production and one for testing).`,
    storeId: "Enter the store id Tuyo gave you (a number).",
    branchId: "Enter the branch id Tuyo gave you (a number).",
    userId: "Enter the user id Tuyo gave you (a number).",
    preparationHours: "Enter hours between 0 and 720.",
    notSaved: "Some fields need fixing; nothing was saved.",
    notTested: "Some fields need fixing before the connection can be tested.",
    connected: (mode: TuyoMode, n: number, count: string) =>
      `Connected (${mode} key): ${count} categor${n === 1 ? "y" : "ies"} found`,
    saveToKeep: "Save to keep these settings.",
  },
  fr: {
    apiUrl: "Saisissez l'adresse de l'API Tuyo que Tuyo vous a donnée.",
    mode: "Choisissez production ou test.",
    notAKey: "Cela ne ressemble pas à une clé d'API.",
    keyNeeded: (mode: TuyoMode) =>
      `Saisissez la clé d'API de ${mode === "testing" ? "test" : "production"} (Tuyo en donne une pour la production et une pour les tests).`,
    storeId: "Saisissez l'identifiant de boutique que Tuyo vous a donné (un nombre).",
    branchId: "Saisissez l'identifiant d'établissement que Tuyo vous a donné (un nombre).",
    userId: "Saisissez l'identifiant d'utilisateur que Tuyo vous a donné (un nombre).",
    preparationHours: "Saisissez un nombre d'heures entre 0 et 720.",
    notSaved: "Certains champs sont à corriger ; rien n'a été enregistré.",
    notTested: "Certains champs sont à corriger avant de pouvoir tester la connexion.",
    connected: (mode: TuyoMode, n: number, count: string) =>
      `Connecté (clé de ${mode === "testing" ? "test" : "production"}) : ${count} catégorie${n > 1 ? "s" : ""} trouvée${n > 1 ? "s" : ""}`,
    saveToKeep: "Enregistrez pour conserver ces paramètres.",
  },
});

export type ValidationResult =
  | { ok: true; settings: TuyoSettings; secrets: Record<string, string> }
  | { ok: false; fieldErrors: Record<string, string> };

const positiveId = (raw: string) => (/^\d{1,9}$/.test(raw.trim()) && Number(raw) > 0 ? Number(raw) : null);

/** Every field checked; a key left empty keeps the stored one. The key of the chosen mode must exist. */
export function validateTuyoSettings(
  input: TuyoSettingsInput,
  keysSet: { production: boolean; testing: boolean },
  policy: ConnectorUrlPolicy = connectorUrlPolicy(),
  locale: Locale = "en",
): ValidationResult {
  const words = TUYO_SETTINGS_WORDS[locale];
  const fieldErrors: Record<string, string> = {};
  const url = checkConnectorUrl(input.apiUrl.trim(), policy, locale);
  if (!input.apiUrl.trim()) fieldErrors.apiUrl = words.apiUrl;
  else if (!url.ok) fieldErrors.apiUrl = url.problem;
  const mode = input.mode === "testing" ? "testing" : input.mode === "production" || !input.mode ? "production" : null;
  if (!mode) fieldErrors.mode = words.mode;
  const secrets: Record<string, string> = {};
  for (const [name, label] of [
    [PRODUCTION_KEY, "production"],
    [TESTING_KEY, "testing"],
  ] as const) {
    const value = input[name].trim();
    if (value && !/^[\x21-\x7e]{8,256}$/.test(value)) fieldErrors[name] = words.notAKey;
    else if (value) secrets[name] = value;
    else if (mode === label && !(label === "production" ? keysSet.production : keysSet.testing))
      fieldErrors[name] = words.keyNeeded(label);
  }
  const storeId = positiveId(input.storeId);
  if (storeId === null) fieldErrors.storeId = words.storeId;
  const branchId = positiveId(input.branchId);
  if (branchId === null) fieldErrors.branchId = words.branchId;
  const userId = positiveId(input.userId);
  if (userId === null) fieldErrors.userId = words.userId;
  const hours = input.preparationHours.trim() === "" ? 24 : Number(input.preparationHours);
  if (!Number.isFinite(hours) || hours < 0 || hours > 24 * 30) fieldErrors.preparationHours = words.preparationHours;
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return {
    ok: true,
    settings: {
      apiUrl: url.ok ? url.url.origin : "",
      mode: mode!,
      storeId: storeId!,
      branchId: branchId!,
      userId: userId!,
      preparationHours: hours,
      freeShipping: !!input.freeShipping,
      fragile: !!input.fragile,
    },
    secrets,
  };
}

export type SaveResult =
  { ok: true; settings: TuyoSettings } | { ok: false; message: string; fieldErrors: Record<string, string> };

export async function saveTuyoSettings(
  shop: string,
  input: TuyoSettingsInput,
  locale: Locale = "en",
): Promise<SaveResult> {
  const { productionKeySet, testingKeySet } = await loadTuyoSettings(shop);
  const result = validateTuyoSettings(
    input,
    { production: productionKeySet, testing: testingKeySet },
    connectorUrlPolicy(),
    locale,
  );
  if (!result.ok) return { ok: false, message: TUYO_SETTINGS_WORDS[locale].notSaved, fieldErrors: result.fieldErrors };
  await saveConnectorSettings(shop, TUYO, result.settings, result.secrets);
  logger.info("tuyo settings saved", { shop, mode: result.settings.mode, keysChanged: Object.keys(result.secrets) });
  return { ok: true, settings: result.settings };
}

export const preparationTimeMs = (settings: TuyoSettings) => Math.round(settings.preparationHours * HOUR_MS);

/** The shop's client with the key of its chosen mode. */
export async function tuyoForShop(
  shop: string,
  options: { timeoutMs?: number; clock?: Clock } = {},
): Promise<{ client: TuyoClient; settings: TuyoSettings }> {
  const [{ settings }, secrets] = await Promise.all([loadTuyoSettings(shop), loadConnectorSecrets(shop, TUYO)]);
  const apiKey = settings ? secrets[settings.mode === "testing" ? TESTING_KEY : PRODUCTION_KEY] : undefined;
  if (!settings || !apiKey) throw new TuyoNotConfiguredError();
  const client = new TuyoClient({
    baseUrl: settings.apiUrl,
    apiKey,
    timeoutMs: options.timeoutMs ?? 30_000,
    urlPolicy: connectorUrlPolicy(),
    clock: options.clock ?? systemClock,
  });
  return { client, settings };
}

/** A failure in the admin's words and language: what failed (DNS, TLS, refused, timeout, HTTP status). */
export function describeTuyoFailure(error: unknown, locale: Locale = "en"): string {
  return sayIn(tuyoFailureSaid(error), locale);
}

/** The same, said with its words (a connection check stores them). */
function tuyoFailureSaid(error: unknown): Message {
  if (error instanceof TuyoUnavailableError) {
    const problem = connectionProblemOf(error.cause);
    return problem ? connectionProblemSaid("Tuyo", problem) : (error.said ?? error.message);
  }
  if (error instanceof TuyoRefusedError) return error.said ?? error.message;
  if (error instanceof NotConfiguredError) return error.said ?? error.message;
  return failureSaid("Tuyo", error);
}

/** get_categories, kept for the mapping screen (refreshed when older than a day, or when asked). */
export async function refreshTuyoCategories(shop: string, client?: TuyoClient): Promise<TuyoCategory[]> {
  const tuyo = client ?? (await tuyoForShop(shop, { timeoutMs: 15_000 })).client;
  const categories = readCategories(await tuyo.get("/api/get_categories"));
  const data = { categoriesJson: JSON.stringify(categories), fetchedAt: new Date() };
  await db.tuyoCategoryList.upsert({ where: { shop }, create: { shop, ...data }, update: data });
  return categories;
}

/** "Test connection": reads the categories (the key, the timestamp and the address all work). */
export async function testTuyoConnection(shop: string, options: { clock?: Clock; locale?: Locale } = {}) {
  let result: { ok: boolean; message: Message };
  try {
    const { client, settings } = await tuyoForShop(shop, { timeoutMs: 10_000, clock: options.clock });
    const categories = await refreshTuyoCategories(shop, client);
    const names = categories.slice(0, 4).map((c) => c.name);
    const more = categories.length > 4 ? ", …" : "";
    result = {
      ok: true,
      message: said("check.tuyo.connected", {
        mode: settings.mode,
        count: categories.length,
        names: names.length ? `${names.join(", ")}${more}` : "",
      }),
    };
  } catch (error) {
    if (error instanceof TuyoNotConfiguredError) return { ok: false, message: error.message };
    result = { ok: false, message: tuyoFailureSaid(error) };
  }
  // Stored in English with its words (the Dashboard and Settings say it again in the reader's language).
  await recordConnectionCheck(shop, TUYO, result.ok, result.message);
  return { ok: result.ok, message: sayIn(result.message, options.locale ?? "en") };
}

/**
 * "Test connection" on the form's values, saved or not: reads the categories with the key of the mode
 * chosen (a blank key means the stored one), saving nothing. Only a test of exactly the saved settings
 * is recorded as the connection's state.
 */
export async function testTuyoSettings(
  shop: string,
  input: TuyoSettingsInput,
  options: { clock?: Clock; locale?: Locale } = {},
): Promise<{ ok: boolean; message: string; fieldErrors: Record<string, string> }> {
  const locale = options.locale ?? "en";
  const words = TUYO_SETTINGS_WORDS[locale];
  const [{ settings: saved, productionKeySet, testingKeySet }, secrets] = await Promise.all([
    loadTuyoSettings(shop),
    loadConnectorSecrets(shop, TUYO),
  ]);
  const checked = validateTuyoSettings(
    input,
    { production: productionKeySet, testing: testingKeySet },
    connectorUrlPolicy(),
    locale,
  );
  if (!checked.ok)
    return {
      ok: false,
      message: words.notTested,
      fieldErrors: checked.fieldErrors,
    };
  const keyName = checked.settings.mode === "testing" ? TESTING_KEY : PRODUCTION_KEY;
  const asSaved =
    saved !== null &&
    checked.secrets[keyName] === undefined &&
    JSON.stringify(checked.settings) === JSON.stringify(saved);
  if (asSaved) return { ...(await testTuyoConnection(shop, options)), fieldErrors: {} };
  const client = new TuyoClient({
    baseUrl: checked.settings.apiUrl,
    apiKey: checked.secrets[keyName] ?? secrets[keyName]!,
    timeoutMs: 10_000,
    urlPolicy: connectorUrlPolicy(),
    clock: options.clock ?? systemClock,
  });
  try {
    const categories = readCategories(await client.get("/api/get_categories"));
    return {
      ok: true,
      message: `${words.connected(checked.settings.mode, categories.length, String(categories.length))}. ${words.saveToKeep}`,
      fieldErrors: {},
    };
  } catch (error) {
    return { ok: false, message: describeTuyoFailure(error, locale), fieldErrors: {} };
  }
}
