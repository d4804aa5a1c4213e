// A shop's POS accounts (Settings → Point of sale): several per shop, of any system listed in
// app/connectors/pos-systems.server.ts. Plain settings are JSON checked by the system's schema; secrets
// are encrypted at rest and never leave the server (screens get the names of those set). Each account
// has its own stock poll, a job of the family POS_STOCK_JOB scheduled with the account's cron.
import { z } from "zod";
import type {
  PointOfSale,
  PosAccountContext,
  PosLocation,
  PosUsage,
  SecretsRotation,
} from "../capabilities/point-of-sale";
import { posSystem, POS_SYSTEMS, type PosSystem } from "../connectors/pos-systems.server";
import { db as defaultDb, type Db } from "../db.server";
import { assertValidSchedule, describeSchedule } from "../jobs/schedules.server";
import { defineWords, formatters } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { sayIn, storedText, textOf, wordsJson, type Message } from "../i18n/stored-words";
import { decryptSecret, encryptSecret } from "../lib/crypto.server";
import { NotFoundError, TransientError, ValidationError } from "../lib/errors";
import { sleep } from "../lib/time";
import { checkConnectorUrl, connectorUrlPolicy } from "../lib/http-url-policy.server";

/** The job family of the POS stock polls: one type `pos.stock.<account id>` per account. */
export const POS_STOCK_JOB = "pos.stock";
export const DEFAULT_POS_CRON = "*/5 * * * *";
export const posStockJobType = (accountId: string) => `${POS_STOCK_JOB}.${accountId.toLowerCase()}`;

export interface PosAccountRow {
  id: string;
  shop: string;
  system: string;
  name: string;
  settingsJson: string;
  secretsCiphertext: string | null;
  paused: boolean;
  cron: string;
  sumLocations: boolean;
  lastCheckAt: Date | null;
  lastCheckOk: boolean | null;
  lastCheckMessage: string | null;
  lastCheckWords: string | null;
}

export interface PosAccountView {
  id: string;
  system: string;
  systemName: string;
  name: string;
  settings: Record<string, unknown>;
  /** Names of the secrets that are set; their values are never returned. */
  secretsSet: string[];
  paused: boolean;
  cron: string;
  schedule: string;
  sumLocations: boolean;
  jobType: string;
  lastCheck: { at: string; ok: boolean; message: string } | null;
}

export interface PosAccountInput {
  system: string;
  name: string;
  settings?: Record<string, unknown>;
  /** Secrets to set; absent or "" keeps the stored value (a new account needs the required ones). */
  secrets?: Record<string, string | undefined>;
  cron?: string;
  sumLocations?: boolean;
}

// The account form's words: its errors, and the systems' field labels (declared in English by each
// connector; the French is looked up by the English text, the English shown when none is known).
const WORDS = defineWords({
  en: {
    chooseSystem: "Choose a point-of-sale system",
    nameIt: "Give the account a name, e.g. the shop's town",
    needsALook: "Some fields need a look.",
    settingsNeedALook: "Some settings need a look.",
    chooseSystemDot: "Choose a point-of-sale system.",
    unknownSystem: "Unknown system",
    cannotChangeSystem: "An account cannot change system; add a new account instead.",
    fixed: "Fixed",
    enter: (label: string) => `Enter the ${label.toLowerCase()}`,
    enterSchedule: "Enter a schedule such as */5 * * * *",
    fields: {} as Record<string, string>,
  },
  fr: {
    chooseSystem: "Choisissez un système de point de vente",
    nameIt: "Donnez un nom au compte, par exemple la ville de la boutique",
    needsALook: "Certains champs sont à vérifier.",
    settingsNeedALook: "Certains paramètres sont à vérifier.",
    chooseSystemDot: "Choisissez un système de point de vente.",
    unknownSystem: "Système inconnu",
    cannotChangeSystem: "Un compte ne peut pas changer de système : ajoutez plutôt un nouveau compte.",
    fixed: "Non modifiable",
    enter: (label: string) => `Saisissez : ${label}`,
    enterSchedule: "Saisissez une planification telle que */5 * * * *",
    fields: {
      "API address": "Adresse de l'API",
      "https://connect.squareup.com for live shops": "https://connect.squareup.com pour les boutiques en production",
      "Locations kept in step": "Emplacements synchronisés",
      "Square location ids, one per line; empty for every location":
        "Identifiants d'emplacements Square, un par ligne ; vide pour tous les emplacements",
      "Access token": "Jeton d'accès",
      "Webhook signature key": "Clé de signature des webhooks",
      "OAuth client ID": "ID client OAuth",
      "Account ID": "ID du compte",
      "Shop ID": "ID de la boutique",
      "The shop online sales are recorded in": "La boutique où sont enregistrées les ventes en ligne",
      "Register ID": "ID de la caisse",
      "Employee ID": "ID de l'employé",
      "How online sales reach Lightspeed": "Comment les ventes en ligne arrivent dans Lightspeed",
      "sale (a completed sale, default) or qoh (the quantity on hand set)":
        "sale (une vente terminée, par défaut) ou qoh (la quantité en stock fixée)",
      "Other API address": "Autre adresse d'API",
      "Leave empty for Lightspeed itself": "Laissez vide pour Lightspeed",
      "Leave empty for Hiboutik itself": "Laissez vide pour Hiboutik",
      "OAuth client secret": "Secret client OAuth",
      "Refresh token": "Jeton d'actualisation",
      "Account name": "Nom du compte",
      "As in your address: {name}.hiboutik.com": "Comme dans votre adresse : {name}.hiboutik.com",
      "E-mail of the API user": "E-mail de l'utilisateur de l'API",
      "Requests allowed per day": "Requêtes autorisées par jour",
      "Default 10,000": "10 000 par défaut",
      "Currency of the sales": "Devise des ventes",
      "Default EUR": "EUR par défaut",
      "API key": "Clé d'API",
    } as Record<string, string>,
  },
});

function inputSchemaIn(locale: Locale) {
  const t = WORDS[locale];
  return z.object({
    system: z.string().trim().min(1, t.chooseSystem),
    name: z.string().trim().min(1, t.nameIt).max(80),
    settings: z.record(z.unknown()).default({}),
    secrets: z.record(z.string().optional()).default({}),
    cron: z.string().trim().optional(),
    sumLocations: z.boolean().optional(),
  });
}

/**
 * What a system's quota note said (the connectors speak English) in the admin's language; a sentence
 * not known here is shown as said. Connection tests are said with keys (words5.pos.*).
 */
export function posWordsIn(message: string, locale: Locale): string {
  if (locale === "en") return message;
  const n = (text: string) => formatters(locale).number(Number(text.replace(/,/g, "")));
  const said: [RegExp, (...m: string[]) => string][] = [
    [
      /^Reads paused until 00:00 UTC: (\d+)% of today's requests used; the last (\d+) are kept for sales\.$/,
      (p, kept) =>
        `Lectures en pause jusqu'à 00:00 UTC : ${formatters(locale).percent(Number(p) / 100)} des requêtes du jour utilisées ; les ${n(kept)} dernières sont gardées pour les ventes.`,
    ],
    [
      /^Slowing down: Lightspeed's request bucket is nearly full; calls wait for it to drain\.$/,
      () =>
        "Ralentissement : la réserve de demandes de Lightspeed est presque pleine ; les appels attendent qu'elle se vide.",
    ],
    [
      /^Slowing down: (\d+)% of today's requests used\.$/,
      (p) => `Ralentissement : ${formatters(locale).percent(Number(p) / 100)} des requêtes du jour utilisées.`,
    ],
  ];
  for (const [pattern, say] of said) {
    const found = pattern.exec(message);
    if (found) return say(...found.slice(1).map((part) => part ?? ""));
  }
  return message;
}

/** A connection test's answer in the admin's language (plain text, such as a system's own error, as said). */
const testMessageIn = (message: Message, locale: Locale): string => sayIn(message, locale);

/** A connector's field label or help in the admin's language (its English when no French is known). */
const fieldText = (text: string, locale: Locale): string => WORDS[locale].fields[text] ?? text;

const readSecrets = (ciphertext: string | null): Record<string, string> =>
  ciphertext ? (JSON.parse(decryptSecret(ciphertext)) as Record<string, string>) : {};

export function systemOf(row: { system: string }): PosSystem {
  const system = posSystem(row.system);
  if (!system) throw new ValidationError(`"${row.system}" is not a point-of-sale system this app knows.`);
  return system;
}

/** An account for the screens (its last check in the admin's language) or the JSON API (English). */
export function accountView(row: PosAccountRow, locale: Locale = "en"): PosAccountView {
  const system = posSystem(row.system);
  return {
    id: row.id,
    system: row.system,
    systemName: system?.name ?? row.system,
    name: row.name,
    settings: JSON.parse(row.settingsJson) as Record<string, unknown>,
    secretsSet: Object.keys(readSecrets(row.secretsCiphertext)),
    paused: row.paused,
    cron: row.cron,
    schedule: describeSchedule(row.cron, "UTC"),
    sumLocations: row.sumLocations,
    jobType: posStockJobType(row.id),
    lastCheck:
      row.lastCheckAt && row.lastCheckOk !== null
        ? {
            at: row.lastCheckAt.toISOString(),
            ok: row.lastCheckOk,
            message: storedText(row.lastCheckMessage ?? "", row.lastCheckWords, locale),
          }
        : null,
  };
}

/** The systems a merchant can add, with what their forms ask for (labels in the admin's language). */
export function posSystemChoices(locale: Locale = "en") {
  return Object.values(POS_SYSTEMS).map((system) => ({
    id: system.id,
    name: system.name,
    settingFields: system.settingFields.map((f) => ({
      ...f,
      label: fieldText(f.label, locale),
      ...(f.helpText ? { helpText: fieldText(f.helpText, locale) } : {}),
    })),
    secrets: system.secrets.map((f) => ({ ...f, label: fieldText(f.label, locale) })),
  }));
}

export async function listPosAccounts(
  shop: string,
  db: Db = defaultDb,
  locale: Locale = "en",
): Promise<PosAccountView[]> {
  const rows = await db.posAccount.findMany({ where: { shop }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => accountView(row, locale));
}

export async function posAccountRow(shop: string, accountId: string, db: Db = defaultDb): Promise<PosAccountRow> {
  const row = await db.posAccount.findFirst({ where: { shop, id: accountId } });
  if (!row) throw new NotFoundError("This point-of-sale account does not exist (it may have been removed).");
  return row;
}

/** Checks a form's values against the system's schema; the settings and secrets as they would be saved. */
function validate(
  input: PosAccountInput,
  stored: PosAccountRow | null,
  locale: Locale = "en",
): {
  system: PosSystem;
  name: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
  cron: string;
} {
  const t = WORDS[locale];
  const parsed = inputSchemaIn(locale).safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".")] ??= issue.message;
    throw new ValidationError(t.needsALook, fieldErrors);
  }
  const system = posSystem(parsed.data.system);
  if (!system) throw new ValidationError(t.chooseSystemDot, { system: t.unknownSystem });
  if (stored && stored.system !== system.id) throw new ValidationError(t.cannotChangeSystem, { system: t.fixed });
  const settings = system.settingsSchema.safeParse(parsed.data.settings);
  if (!settings.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of settings.error.issues) fieldErrors[`settings.${issue.path.join(".")}`] ??= issue.message;
    throw new ValidationError(t.settingsNeedALook, fieldErrors);
  }
  const policy = connectorUrlPolicy();
  const fieldErrors: Record<string, string> = {};
  for (const field of system.settingFields) {
    const value = settings.data[field.name];
    if (field.kind === "text" && typeof value === "string" && /^https?:/i.test(value)) {
      const check = checkConnectorUrl(value, policy, locale);
      if (!check.ok) fieldErrors[`settings.${field.name}`] = check.problem;
    }
  }
  const secrets = { ...readSecrets(stored?.secretsCiphertext ?? null) };
  for (const field of system.secrets) {
    const value = parsed.data.secrets[field.name];
    if (typeof value === "string" && value.trim() !== "") secrets[field.name] = value.trim();
    if (field.required && !secrets[field.name])
      fieldErrors[`secrets.${field.name}`] = t.enter(fieldText(field.label, locale));
  }
  const cron = parsed.data.cron || stored?.cron || DEFAULT_POS_CRON;
  try {
    assertValidSchedule(cron, "UTC");
  } catch (error) {
    fieldErrors.cron = error instanceof Error ? error.message : t.enterSchedule;
  }
  if (Object.keys(fieldErrors).length) throw new ValidationError(t.needsALook, fieldErrors);
  return { system, name: parsed.data.name, settings: settings.data, secrets, cron };
}

/** Adds an account (accountId absent) or saves an existing one; its stock poll is scheduled with its cron. */
export async function savePosAccount(
  shop: string,
  input: PosAccountInput,
  accountId?: string,
  db: Db = defaultDb,
  locale: Locale = "en",
): Promise<PosAccountView> {
  const stored = accountId ? await posAccountRow(shop, accountId, db) : null;
  const valid = validate(input, stored, locale);
  const data = {
    name: valid.name,
    settingsJson: JSON.stringify(valid.settings),
    secretsCiphertext: Object.keys(valid.secrets).length ? encryptSecret(JSON.stringify(valid.secrets)) : null,
    cron: valid.cron,
    ...(input.sumLocations === undefined ? {} : { sumLocations: input.sumLocations }),
    lastCheckAt: null,
    lastCheckOk: null,
    lastCheckMessage: null,
    lastCheckWords: null,
  };
  const row = stored
    ? await db.posAccount.update({ where: { id: stored.id }, data })
    : await db.posAccount.create({ data: { shop, system: valid.system.id, ...data } });
  await syncSchedule(db, row);
  return accountView(row);
}

/** The account's poll schedule follows its cron and paused flag. */
async function syncSchedule(db: Db, row: PosAccountRow): Promise<void> {
  const type = posStockJobType(row.id);
  const paramsJson = JSON.stringify({ accountId: row.id, label: row.name });
  await db.schedule.upsert({
    where: { shop_type: { shop: row.shop, type } },
    create: { shop: row.shop, type, cron: row.cron, timezone: "UTC", enabled: !row.paused, paramsJson },
    update: { cron: row.cron, enabled: !row.paused, paramsJson },
  });
}

export async function setPosAccountPaused(
  shop: string,
  accountId: string,
  paused: boolean,
  db: Db = defaultDb,
): Promise<PosAccountView> {
  await posAccountRow(shop, accountId, db);
  const row = await db.posAccount.update({ where: { id: accountId }, data: { paused } });
  await syncSchedule(db, row);
  return accountView(row);
}

export async function removePosAccount(shop: string, accountId: string, db: Db = defaultDb): Promise<void> {
  const row = await posAccountRow(shop, accountId, db);
  await db.$transaction([
    db.posItemMapping.deleteMany({ where: { accountId: row.id } }),
    db.posLocationMapping.deleteMany({ where: { accountId: row.id } }),
    db.posLevel.deleteMany({ where: { accountId: row.id } }),
    db.schedule.deleteMany({ where: { shop, type: posStockJobType(row.id) } }),
    db.posAccount.delete({ where: { id: row.id } }),
  ]);
}

export interface PosConnectorOptions {
  timeoutMs?: number;
  /** The row holds a form's values, not the stored ones ("Test connection" of a form). */
  formValues?: boolean;
  /** Test hook: wraps the port (e.g. to count calls). */
  wrap?: (pos: PointOfSale) => PointOfSale;
}

/** The account's point-of-sale port, built by its system's factory from the stored settings. */
export function pointOfSaleFor(row: PosAccountRow, db: Db = defaultDb, options: PosConnectorOptions = {}): PointOfSale {
  const system = systemOf(row);
  const context: PosAccountContext = {
    db,
    shop: row.shop,
    accountId: row.id,
    settings: JSON.parse(row.settingsJson) as Record<string, unknown>,
    secrets: readSecrets(row.secretsCiphertext),
    saveSecrets: async (update) => {
      const fresh = await db.posAccount.findUniqueOrThrow({ where: { id: row.id } });
      const merged = { ...readSecrets(fresh.secretsCiphertext), ...update };
      await db.posAccount.update({
        where: { id: row.id },
        data: { secretsCiphertext: encryptSecret(JSON.stringify(merged)) },
      });
    },
    ...(options.formValues
      ? {}
      : { rotateSecrets: (rotation: SecretsRotation) => rotateStoredSecrets(db, row.id, rotation) }),
    timeoutMs: options.timeoutMs ?? 20_000,
  };
  const pos = system.create(context);
  return options.wrap ? options.wrap(pos) : pos;
}

/**
 * One rotation of the account's secrets at a time across processes: a claim on the row
 * (secretsRotatingUntil, taken by a conditional update), the secrets read again under it, rotated only if
 * still needed, the new ones stored as the claim is released. Another process waits for that and answers
 * the stored secrets; a claim left by a stopped process runs out after `claimMs`.
 */
async function rotateStoredSecrets(db: Db, id: string, rotation: SecretsRotation): Promise<Record<string, string>> {
  const giveUpAt = Date.now() + 2 * rotation.claimMs;
  for (;;) {
    const now = Date.now();
    const until = new Date(now + rotation.claimMs);
    const claimed = await db.posAccount.updateMany({
      where: { id, OR: [{ secretsRotatingUntil: null }, { secretsRotatingUntil: { lt: new Date(now) } }] },
      data: { secretsRotatingUntil: until },
    });
    if (claimed.count === 1) {
      try {
        const stored = readSecrets((await db.posAccount.findUniqueOrThrow({ where: { id } })).secretsCiphertext);
        if (!rotation.needed(stored)) return stored;
        const merged = { ...stored, ...(await rotation.rotate(stored)) };
        await db.posAccount.update({
          where: { id },
          data: { secretsCiphertext: encryptSecret(JSON.stringify(merged)), secretsRotatingUntil: null },
        });
        return merged;
      } finally {
        // Released however it ended (only this claim: a late one may have been taken over).
        await db.posAccount.updateMany({
          where: { id, secretsRotatingUntil: until },
          data: { secretsRotatingUntil: null },
        });
      }
    }
    if (!(await db.posAccount.findUnique({ where: { id }, select: { id: true } })))
      throw new NotFoundError("This point-of-sale account was removed.");
    if (Date.now() > giveUpAt)
      throw new TransientError(
        "The account's authorization is being renewed by another process: try again in a moment.",
      );
    await sleep(100);
  }
}

/** How much of the account's rate limit or daily quota is used (Hiboutik's requests a day), for the
 *  screens; null when the system keeps no such count or it cannot be read now. */
export async function posAccountUsage(
  shop: string,
  accountId: string,
  db: Db = defaultDb,
  locale: Locale = "en",
): Promise<PosUsage | null> {
  const row = await posAccountRow(shop, accountId, db);
  try {
    const usage = (await pointOfSaleFor(row, db).usage?.()) ?? null;
    return usage?.note ? { ...usage, note: posWordsIn(usage.note, locale) } : usage;
  } catch {
    return null;
  }
}

export async function posAccountSecrets(row: PosAccountRow): Promise<Record<string, string>> {
  return Promise.resolve(readSecrets(row.secretsCiphertext));
}

/**
 * "Test connection" with what the form holds (not what is saved): secrets left empty fall back to the
 * saved ones. Returns the POS locations found, for the location mapping.
 */
export async function testPosAccountForm(
  shop: string,
  input: PosAccountInput,
  accountId?: string,
  db: Db = defaultDb,
  locale: Locale = "en",
): Promise<{ ok: boolean; message: string; locations: PosLocation[] }> {
  const stored = accountId ? await posAccountRow(shop, accountId, db) : null;
  const valid = validate(input, stored, locale);
  const row: PosAccountRow = {
    id: stored?.id ?? "unsaved",
    shop,
    system: valid.system.id,
    name: valid.name,
    settingsJson: JSON.stringify(valid.settings),
    secretsCiphertext: encryptSecret(JSON.stringify(valid.secrets)),
    paused: false,
    cron: valid.cron,
    sumLocations: false,
    lastCheckAt: null,
    lastCheckOk: null,
    lastCheckMessage: null,
    lastCheckWords: null,
  };
  const pos = pointOfSaleFor(row, db, { timeoutMs: 10_000, formValues: true });
  const result = await pos.test();
  const locations = result.ok ? await pos.locations().catch(() => []) : [];
  return { ok: result.ok, message: testMessageIn(result.message, locale), locations };
}

/** "Test connection" of a saved account; the result is kept for the screens. */
export async function testPosAccount(
  shop: string,
  accountId: string,
  db: Db = defaultDb,
  locale: Locale = "en",
): Promise<{ ok: boolean; message: string; locations: PosLocation[] }> {
  const row = await posAccountRow(shop, accountId, db);
  const pos = pointOfSaleFor(row, db, { timeoutMs: 10_000 });
  const result = await pos.test();
  const locations = result.ok ? await pos.locations().catch(() => []) : [];
  await db.posAccount.update({
    where: { id: row.id },
    data: {
      lastCheckAt: new Date(),
      lastCheckOk: result.ok,
      lastCheckMessage: textOf(result.message),
      lastCheckWords: wordsJson(result.message),
    },
  });
  return { ok: result.ok, message: testMessageIn(result.message, locale), locations };
}
