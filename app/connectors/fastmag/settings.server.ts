// A shop's Fastmag connection: saving its settings (all or nothing), testing it, and building the
// connector from it for the explorer, the JSON API and the syncs. The password never leaves the
// server: screens only learn whether one is stored.
import { db } from "../../db.server";
import { env } from "../../env.server";
import { defineWords } from "../../i18n/define";
import type { Locale } from "../../i18n/locale";
import { NotConfiguredError } from "../../lib/errors";
import { connectorUrlPolicy } from "../../lib/http-url-policy.server";
import { logger as rootLogger, type Logger } from "../../lib/logger.server";
import {
  loadConnectorSecrets,
  loadConnectorSettings,
  noteConnectionTest,
  recordConnectionCheck,
  saveConnectorSettings,
} from "../settings.server";
import { saveRouting } from "../routing.server";
import { FastmagProtocolError, FastmagRefusedError, FastmagUnavailableError } from "./errors";
import { createFastmagConnector, type FastmagConnector, type FastmagConnectorOptions } from "./index.server";
import { validateFastmagSettings, type FastmagSettings, type FastmagSettingsInput } from "./settings-form.server";
import {
  connectionProblemOf,
  connectionProblemSaid,
  failureSaid,
  withoutAttemptNotes,
} from "../../lib/merchant-messages.server";
import { said, sayIn, textOf, type Message } from "../../i18n/stored-words";

export type { FastmagSettings, FastmagSettingsInput } from "./settings-form.server";
export { stockFormulaOf } from "./settings-form.server";

const CONNECTOR = "fastmag";
const PASSWORD = "motpasse";

const WORDS = defineWords({
  en: {
    notConfigured: "Fastmag is not set up for this shop yet: fill in Settings → Fastmag.",
    fixFields: "Some fields need fixing; nothing was saved.",
    fixBeforeTest: "Some fields need fixing before the connection can be tested.",
    passwordToTest: "Enter the password to test.",
    enterPassword: "Enter the password.",
  },
  fr: {
    notConfigured: "Fastmag n'est pas encore configuré pour cette boutique : remplissez Paramètres → Fastmag.",
    fixFields: "Certains champs sont à corriger ; rien n'a été enregistré.",
    fixBeforeTest: "Certains champs sont à corriger avant de pouvoir tester la connexion.",
    passwordToTest: "Saisissez le mot de passe pour tester.",
    enterPassword: "Saisissez le mot de passe.",
  },
});

/** The shop has not saved Fastmag settings (or no password) yet. */
export class FastmagNotConfiguredError extends NotConfiguredError {
  constructor() {
    super("Fastmag", "/app/settings/fastmag", WORDS.en.notConfigured);
  }
}

export interface FastmagSettingsView {
  settings: FastmagSettings | null;
  passwordSet: boolean;
}

export async function loadFastmagSettings(shop: string): Promise<FastmagSettingsView> {
  const stored = await loadConnectorSettings<FastmagSettings>(shop, CONNECTOR);
  return { settings: stored?.config ?? null, passwordSet: stored?.secretsSet.includes(PASSWORD) ?? false };
}

export type SaveFastmagSettingsResult =
  { ok: true; settings: FastmagSettings } | { ok: false; message: string; fieldErrors: Record<string, string> };

/**
 * Validates and saves in one write; with any invalid field nothing is saved. An empty password keeps
 * the stored one. Saving resets the connection state to "not tested".
 */
export async function saveFastmagSettings(
  shop: string,
  input: FastmagSettingsInput,
  options: { knownLocationIds?: readonly string[]; logger?: Logger; locale?: Locale } = {},
): Promise<SaveFastmagSettingsResult> {
  const { passwordSet } = await loadFastmagSettings(shop);
  const result = validateFastmagSettings(input, {
    passwordSet,
    knownLocationIds: options.knownLocationIds,
    urlPolicy: connectorUrlPolicy(),
    locale: options.locale,
  });
  if (!result.ok)
    return { ok: false, message: WORDS[options.locale ?? "en"].fixFields, fieldErrors: result.fieldErrors };
  await saveConnectorSettings(
    shop,
    CONNECTOR,
    result.settings,
    result.password === undefined ? {} : { [PASSWORD]: result.password },
  );
  // The screen asks where Fastmag's stock goes in Shopify; that is the shop's routing, not Fastmag's.
  await saveRouting(db, shop, { shopifyLocationId: result.shopifyLocationId });
  (options.logger ?? rootLogger).info("fastmag settings saved", {
    shop,
    host: result.settings.host,
    passwordChanged: result.password !== undefined,
  });
  return { ok: true, settings: result.settings };
}

/** The shop's connector, built from its saved settings; throws FastmagNotConfiguredError without them. */
export async function fastmagConnectorForShop(
  shop: string,
  options: FastmagConnectorOptions & { timeoutMs?: number } = {},
): Promise<{ fastmag: FastmagConnector; settings: FastmagSettings }> {
  const [{ settings }, secrets] = await Promise.all([loadFastmagSettings(shop), loadConnectorSecrets(shop, CONNECTOR)]);
  const motpasse = secrets[PASSWORD];
  if (!settings || !motpasse) throw new FastmagNotConfiguredError();
  return { fastmag: fastmagConnectorFrom(shop, settings, motpasse, options), settings };
}

/** A connector for these settings and password, saved or not (the settings screen tests unsaved ones). */
function fastmagConnectorFrom(
  shop: string,
  settings: FastmagSettings,
  motpasse: string,
  options: FastmagConnectorOptions & { timeoutMs?: number },
): FastmagConnector {
  const { timeoutMs: requested = 30_000, ...connectorOptions } = options;
  const timeoutMs = env().FASTMAG_TIMEOUT_MS ?? requested;
  return createFastmagConnector(
    {
      baseUrl: settings.host,
      enseigne: settings.enseigne,
      magasin: settings.magasin,
      compte: settings.compte,
      motpasse,
      timeoutMs,
      urlPolicy: connectorUrlPolicy(),
    },
    settings.queryOverrides,
    {
      timeZone: settings.timeZone,
      ...connectorOptions,
      logger: (connectorOptions.logger ?? rootLogger).child({ shop }),
    },
  );
}

export interface ConnectionTestResult {
  ok: boolean;
  /** What the merchant reads, e.g. "Connected: 4 seasons found (E23, H23, E24, H24)." */
  message: string;
}

/**
 * The settings screen's "Test connection": logs in and reads the seasons (the seed's /ping), checks
 * the seasons chosen for import exist, and records the outcome for the Dashboard (in English, as every
 * stored message; the answer is in `locale`).
 */
export async function testFastmagConnection(
  shop: string,
  options: { logger?: Logger; timeoutMs?: number; locale?: Locale } = {},
): Promise<ConnectionTestResult> {
  const locale = options.locale ?? "en";
  const log = (options.logger ?? rootLogger).child({ shop, connector: CONNECTOR });
  let connection: Awaited<ReturnType<typeof fastmagConnectorForShop>>;
  try {
    // Few attempts: the merchant is waiting for an answer.
    connection = await fastmagConnectorForShop(shop, {
      logger: log,
      maxAttempts: 2,
      backoffBaseMs: 300,
      timeoutMs: options.timeoutMs ?? 15_000,
    });
  } catch (error) {
    if (error instanceof FastmagNotConfiguredError) return { ok: false, message: WORDS[locale].notConfigured };
    throw error;
  }
  const result = await checkFastmag(connection.fastmag, connection.settings);
  await recordConnectionCheck(shop, CONNECTOR, result.ok, result.message);
  log.info("fastmag connection tested", { ok: result.ok, result: textOf(result.message) });
  return { ok: result.ok, message: sayIn(result.message, locale) };
}

/**
 * "Test connection" on the settings screen: tests what the form holds, saved or not, and saves
 * nothing; an empty password means the stored one. Only a test of exactly the saved settings is
 * recorded as the connection's state (Dashboard).
 */
export async function testFastmagSettings(
  shop: string,
  input: FastmagSettingsInput,
  options: { logger?: Logger; timeoutMs?: number; locale?: Locale } = {},
): Promise<ConnectionTestResult & { fieldErrors: Record<string, string> }> {
  const locale = options.locale ?? "en";
  const log = (options.logger ?? rootLogger).child({ shop, connector: CONNECTOR });
  const [{ settings: saved, passwordSet }, secrets] = await Promise.all([
    loadFastmagSettings(shop),
    loadConnectorSecrets(shop, CONNECTOR),
  ]);
  // The Shopify location plays no part in reaching Fastmag: it is checked when saving.
  const checked = validateFastmagSettings(
    { ...input, locationId: input.locationId || "gid://shopify/Location/0" },
    { passwordSet, urlPolicy: connectorUrlPolicy(), locale },
  );
  if (!checked.ok) return { ok: false, message: WORDS[locale].fixBeforeTest, fieldErrors: checked.fieldErrors };
  const motpasse = checked.password ?? secrets[PASSWORD];
  if (!motpasse)
    return {
      ok: false,
      message: WORDS[locale].passwordToTest,
      fieldErrors: { motpasse: WORDS[locale].enterPassword },
    };
  const fastmag = fastmagConnectorFrom(shop, checked.settings, motpasse, {
    logger: log,
    maxAttempts: 2,
    backoffBaseMs: 300,
    timeoutMs: options.timeoutMs ?? 15_000,
  });
  const result = await checkFastmag(fastmag, checked.settings);
  const asSaved =
    saved !== null && checked.password === undefined && JSON.stringify(checked.settings) === JSON.stringify(saved);
  // Stored in English (the Dashboard and the JSON API read it); the admin reads it in their language.
  if (asSaved) await recordConnectionCheck(shop, CONNECTOR, result.ok, result.message);
  else await noteConnectionTest(shop, CONNECTOR, result.ok, result.message);
  log.info("fastmag settings tested", { ok: result.ok, saved: asSaved, result: textOf(result.message) });
  return { ok: result.ok, message: sayIn(result.message, locale), fieldErrors: {} };
}

/**
 * Logs in and reads the seasons; checks the seasons chosen for import exist. The outcome said with its
 * words: stored in English with them (the Dashboard, Settings), shown in the admin's language.
 */
async function checkFastmag(
  fastmag: FastmagConnector,
  settings: FastmagSettings,
): Promise<{ ok: boolean; message: Message }> {
  try {
    const seasons = await fastmag.catalog.seasons();
    const missing = settings.seasons.filter((s) => !seasons.includes(s));
    const found = {
      count: seasons.length,
      list: `${seasons.slice(0, 8).join(", ")}${seasons.length > 8 ? ", …" : ""}`,
    };
    return {
      ok: true,
      message: missing.length
        ? said("check.fastmag.missingSeasons", { ...found, missing: missing.join(", "), missingCount: missing.length })
        : said("check.fastmag.connected", found),
    };
  } catch (error) {
    return { ok: false, message: fastmagFailureSaid(error) };
  }
}

/** A Fastmag failure in the merchant's words, in `locale` (the connector already removed the password). */
export function describeFastmagFailure(error: unknown, locale: Locale = "en"): string {
  return sayIn(fastmagFailureSaid(error), locale);
}

/** A Fastmag failure in the merchant's words, said with its words (stored by a connection check). */
export function fastmagFailureSaid(error: unknown): Message {
  if (error instanceof FastmagRefusedError) {
    return said(error.reason === "credentials" ? "check.fastmag.loginRefused" : "check.fastmag.requestRefused", {
      fastmag: error.fastmagMessage,
    });
  }
  if (error instanceof FastmagUnavailableError) {
    const problem = connectionProblemOf(error.cause);
    return problem
      ? connectionProblemSaid("Fastmag", problem)
      : said("check.fastmag.noAnswer", { detail: withoutAttemptNotes(error.message) });
  }
  // A protocol error said with words ends its sentence itself in each language.
  if (error instanceof FastmagProtocolError) return error.said ?? `${error.message}.`;
  if (error instanceof FastmagNotConfiguredError) return said("check.fastmag.notConfigured");
  return failureSaid("Fastmag", error);
}
