// What a merchant may save as a shop's Fastmag settings, checked field by field so the settings
// screen can show every mistake at once. Validation happens before anything is written, so a form
// with one bad field saves nothing.
import { z } from "zod";
import type { StockFormula } from "./stock";
import { defineWords } from "../../i18n/define";
import type { Locale } from "../../i18n/locale";
import { checkConnectorUrl, type ConnectorUrlPolicy } from "../../lib/http-url-policy.server";
import {
  FASTMAG_QUERY_DEFAULTS,
  fillPlaceholders,
  type FastmagQueryName,
  type FastmagQueryOverrides,
} from "./queries.server";

/** The stored (non-secret) settings; the password is kept apart, encrypted. */
export interface FastmagSettings {
  /** The instance's address, e.g. https://maboutique.fastmag.fr/ */
  host: string;
  enseigne: string;
  magasin: string;
  compte: string;
  /** Which Fastmag stocks make the web stock: general (A), web (B), minus a safety margin. */
  stock: { includeA: boolean; includeB: boolean; safetyMargin: number };
  /** Seasons to import; empty means every season. */
  seasons: string[];
  /** Fastmag stores local times in this IANA time zone. */
  timeZone: string;
  queryOverrides: FastmagQueryOverrides;
}

/** The form as the screen (or a script) sends it: text fields, checkboxes as "on"/"true". */
export interface FastmagSettingsInput {
  host?: string;
  enseigne?: string;
  magasin?: string;
  compte?: string;
  /** Empty or absent keeps the stored password. */
  motpasse?: string;
  stockA?: string | boolean;
  stockB?: string | boolean;
  safetyMargin?: string | number;
  locationId?: string;
  /** Comma, space or line separated. */
  seasons?: string | string[];
  timeZone?: string;
  /** Query name → SQL; an empty SQL removes the override. */
  queryOverrides?: Record<string, string | undefined>;
}

export type FastmagSettingsValidation =
  | {
      ok: true;
      settings: FastmagSettings;
      password: string | undefined;
      /** The Shopify location the shop's stock is synced into: the shop's routing keeps it, not Fastmag. */
      shopifyLocationId: string;
    }
  | { ok: false; fieldErrors: Record<string, string> };

export const stockFormulaOf = (stock: FastmagSettings["stock"]): StockFormula => ({
  a: stock.includeA ? 1 : 0,
  b: stock.includeB ? 1 : 0,
  safetyMargin: stock.safetyMargin,
});

const WORDS = defineWords({
  en: {
    // The login parts keep Fastmag's names (enseigne, magasin, compte): the merchant reads them so in Fastmag.
    enter: (label: string) => `Enter the ${label}.`,
    tooLong: (label: string) => `The ${label} is at most 64 characters.`,
    control: (label: string) => `The ${label} cannot hold control characters.`,
    enterHost: "Enter the address of your Fastmag instance.",
    https: "The address must start with https:// (the password is sent to it).",
    onlyAddress: "Enter only the address, without a login, ?query or #fragment.",
    safetyMargin: "The safety margin is a whole number of units, 0 or more.",
    chooseLocation: "Choose the Shopify location to sync stock into.",
    locationId: "Choose a Shopify location (gid://shopify/Location/…).",
    season: (code: string) => `"${code}" is not a season code.`,
    timeZone: "Enter an IANA time zone, e.g. Europe/Paris.",
    unknownQuery: (name: string) => `"${name}" is not a Fastmag query this app sends.`,
    select: "An override must be a SELECT statement.",
    oneStatement: "An override must be one statement (nothing after a semicolon).",
    none: "none",
    placeholders: (names: string) => `This query can only use the placeholders ${names}.`,
    enterPassword: "Enter the password of the Fastmag account.",
    badPassword: "This password cannot be sent to Fastmag.",
    oneStock: "Include at least one Fastmag stock in the web stock.",
    unknownLocation: "This location is not one of the shop's Shopify locations.",
  },
  fr: {
    enter: (label: string) => `Saisissez le champ ${label}.`,
    tooLong: (label: string) => `Le champ ${label} fait 64 caractères au plus.`,
    control: (label: string) => `Le champ ${label} ne peut pas contenir de caractères de contrôle.`,
    enterHost: "Saisissez l'adresse de votre instance Fastmag.",
    https: "L'adresse doit commencer par https:// (le mot de passe y est envoyé).",
    onlyAddress: "Saisissez seulement l'adresse, sans identifiant, ?requête ni #fragment.",
    safetyMargin: "La marge de sécurité est un nombre entier d'unités, 0 ou plus.",
    chooseLocation: "Choisissez l'emplacement Shopify où synchroniser le stock.",
    locationId: "Choisissez un emplacement Shopify (gid://shopify/Location/…).",
    season: (code: string) => `« ${code} » n'est pas un code de saison.`,
    timeZone: "Saisissez un fuseau horaire IANA, par ex. Europe/Paris.",
    unknownQuery: (name: string) => `« ${name} » n'est pas une requête Fastmag envoyée par l'app.`,
    select: "Une requête de remplacement doit être une instruction SELECT.",
    oneStatement: "Une requête de remplacement doit être une seule instruction (rien après un point-virgule).",
    none: "aucun",
    placeholders: (names: string) => `Cette requête ne peut utiliser que les paramètres ${names}.`,
    enterPassword: "Saisissez le mot de passe du compte Fastmag.",
    badPassword: "Ce mot de passe ne peut pas être envoyé à Fastmag.",
    oneStock: "Incluez au moins un stock Fastmag dans le stock web.",
    unknownLocation: "Cet emplacement ne fait pas partie des emplacements Shopify de la boutique.",
  },
});
type FormWords = (typeof WORDS)["en"];

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

const loginPart = (label: string, w: FormWords) =>
  z
    .string({ required_error: w.enter(label) })
    .trim()
    .min(1, w.enter(label))
    .max(64, w.tooLong(label))
    .refine((v) => !CONTROL_CHARACTERS.test(v), w.control(label));

// Credentials travel in the request body, and the server calls whatever is entered here: public
// https only, unless the process runs for the demo or emulators (see http-url-policy.server.ts).
const hostSchema = (policy: ConnectorUrlPolicy, w: FormWords, locale: Locale) =>
  z
    .string({ required_error: w.enterHost })
    .trim()
    .min(1, w.enterHost)
    .transform((value, ctx) => {
      const check = checkConnectorUrl(value, policy, locale);
      if (!check.ok) {
        const message = check.problem.includes("https://") ? w.https : check.problem;
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      const url = check.url;
      if (url.search || url.hash) {
        ctx.addIssue({ code: "custom", message: w.onlyAddress });
        return z.NEVER;
      }
      return `${url.origin}${url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`}`;
    });

const checkbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true" || v === "1");

const safetyMarginSchema = (w: FormWords) =>
  z
    .union([z.number(), z.string()])
    .optional()
    .transform((value, ctx) => {
      const text = String(value ?? "").trim();
      if (text === "") return 0;
      const n = Number(text);
      if (!Number.isInteger(n) || n < 0 || n > 100_000) {
        ctx.addIssue({ code: "custom", message: w.safetyMargin });
        return z.NEVER;
      }
      return n;
    });

const locationSchema = (w: FormWords) =>
  z
    .string({ required_error: w.chooseLocation })
    .trim()
    .min(1, w.chooseLocation)
    .regex(/^gid:\/\/shopify\/Location\/\d+$/, w.locationId);

const seasonsSchema = (w: FormWords) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value, ctx) => {
      const list = (Array.isArray(value) ? value : String(value ?? "").split(/[\s,;]+/))
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = list.find((s) => s.length > 32 || s.includes("|") || CONTROL_CHARACTERS.test(s));
      if (bad !== undefined) {
        ctx.addIssue({ code: "custom", message: w.season(bad.slice(0, 40)) });
        return z.NEVER;
      }
      return [...new Set(list)];
    });

export function isIanaTimeZone(value: string): boolean {
  if (!value.includes("/") && value !== "UTC") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const timeZoneSchema = (w: FormWords) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      const zone = value || "Europe/Paris";
      if (!isIanaTimeZone(zone)) {
        ctx.addIssue({ code: "custom", message: w.timeZone });
        return z.NEVER;
      }
      return zone;
    });

const schemaFor = (policy: ConnectorUrlPolicy, locale: Locale, w: FormWords = WORDS[locale]) =>
  z.object({
    host: hostSchema(policy, w, locale),
    enseigne: loginPart("enseigne", w),
    magasin: loginPart("magasin", w),
    compte: loginPart("compte", w),
    stockA: checkbox,
    stockB: checkbox,
    safetyMargin: safetyMarginSchema(w),
    locationId: locationSchema(w),
    seasons: seasonsSchema(w),
    timeZone: timeZoneSchema(w),
  });

/** Field-level problems of one SQL override, or null when it can replace the default. */
export function queryOverrideError(name: string, sql: string, locale: Locale = "en"): string | null {
  const w = WORDS[locale];
  if (!(name in FASTMAG_QUERY_DEFAULTS)) return w.unknownQuery(name);
  const text = sql.trim();
  if (!/^select\b/i.test(text)) return w.select;
  if (/;\s*\S/.test(text)) return w.oneStatement;
  // The override may use only the placeholders the default is filled with.
  const available = [...FASTMAG_QUERY_DEFAULTS[name as FastmagQueryName].matchAll(/:([A-Za-z_]\w*)/g)].map(
    (m) => m[1]!,
  );
  try {
    fillPlaceholders(text, Object.fromEntries(available.map((p) => [p, ""])));
  } catch {
    const names = available.length ? available.map((p) => `:${p}`).join(", ") : w.none;
    return w.placeholders(names);
  }
  return null;
}

/**
 * Checks a settings form. `passwordSet` tells whether a password is already stored (an empty password
 * field then keeps it); `knownLocationIds`, when given, are the shop's Shopify locations.
 */
export function validateFastmagSettings(
  input: FastmagSettingsInput,
  context: {
    passwordSet: boolean;
    knownLocationIds?: readonly string[];
    urlPolicy: ConnectorUrlPolicy;
    /** The language of the field errors (the admin's). */
    locale?: Locale;
  },
): FastmagSettingsValidation {
  const w = WORDS[context.locale ?? "en"];
  const fieldErrors: Record<string, string> = {};
  const parsed = schemaFor(context.urlPolicy, context.locale ?? "en").safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  }

  const password = input.motpasse ?? "";
  if (password === "" && !context.passwordSet) fieldErrors.motpasse = w.enterPassword;
  else if (password.length > 128 || CONTROL_CHARACTERS.test(password)) fieldErrors.motpasse = w.badPassword;

  // These look across fields, so they run even when another field is wrong: every mistake at once.
  if (!checkbox.parse(input.stockA) && !checkbox.parse(input.stockB)) fieldErrors.stockA = w.oneStock;
  const locationId = input.locationId?.trim() ?? "";
  if (!fieldErrors.locationId && context.knownLocationIds && !context.knownLocationIds.includes(locationId)) {
    fieldErrors.locationId = w.unknownLocation;
  }

  const queryOverrides: FastmagQueryOverrides = {};
  for (const [name, sql] of Object.entries(input.queryOverrides ?? {})) {
    if (!sql?.trim()) continue;
    const problem = queryOverrideError(name, sql, context.locale);
    if (problem) fieldErrors[`query.${name}`] = problem;
    else queryOverrides[name as FastmagQueryName] = sql.trim();
  }

  if (!parsed.success || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const d = parsed.data;
  return {
    ok: true,
    password: password === "" ? undefined : password,
    shopifyLocationId: d.locationId,
    settings: {
      host: d.host,
      enseigne: d.enseigne,
      magasin: d.magasin,
      compte: d.compte,
      stock: { includeA: d.stockA, includeB: d.stockB, safetyMargin: d.safetyMargin },
      seasons: d.seasons,
      timeZone: d.timeZone,
      queryOverrides,
    },
  };
}
