// What a merchant may save as a shop's Fastmag settings, checked field by field so the settings
// screen can show every mistake at once. Validation happens before anything is written, so a form
// with one bad field saves nothing.
import { z } from "zod";
import type { StockFormula } from "./stock";
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

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

const loginPart = (label: string) =>
  z
    .string({ required_error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(64, `The ${label} is at most 64 characters.`)
    .refine((v) => !CONTROL_CHARACTERS.test(v), `The ${label} cannot hold control characters.`);

// Credentials travel in the request body, and the server calls whatever is entered here: public
// https only, unless the process runs for the demo or emulators (see http-url-policy.server.ts).
const hostSchema = (policy: ConnectorUrlPolicy) =>
  z
    .string({ required_error: "Enter the address of your Fastmag instance." })
    .trim()
    .min(1, "Enter the address of your Fastmag instance.")
    .transform((value, ctx) => {
      const check = checkConnectorUrl(value, policy);
      if (!check.ok) {
        const message = check.problem.includes("https://")
          ? "The address must start with https:// (the password is sent to it)."
          : check.problem;
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      const url = check.url;
      if (url.search || url.hash) {
        ctx.addIssue({ code: "custom", message: "Enter only the address, without a login, ?query or #fragment." });
        return z.NEVER;
      }
      return `${url.origin}${url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`}`;
    });

const checkbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true" || v === "1");

const safetyMarginSchema = z
  .union([z.number(), z.string()])
  .optional()
  .transform((value, ctx) => {
    const text = String(value ?? "").trim();
    if (text === "") return 0;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0 || n > 100_000) {
      ctx.addIssue({ code: "custom", message: "The safety margin is a whole number of units, 0 or more." });
      return z.NEVER;
    }
    return n;
  });

const locationSchema = z
  .string({ required_error: "Choose the Shopify location to sync stock into." })
  .trim()
  .min(1, "Choose the Shopify location to sync stock into.")
  .regex(/^gid:\/\/shopify\/Location\/\d+$/, "Choose a Shopify location (gid://shopify/Location/…).");

const seasonsSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value, ctx) => {
    const list = (Array.isArray(value) ? value : String(value ?? "").split(/[\s,;]+/))
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = list.find((s) => s.length > 32 || s.includes("|") || CONTROL_CHARACTERS.test(s));
    if (bad !== undefined) {
      ctx.addIssue({ code: "custom", message: `"${bad.slice(0, 40)}" is not a season code.` });
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

const timeZoneSchema = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    const zone = value || "Europe/Paris";
    if (!isIanaTimeZone(zone)) {
      ctx.addIssue({ code: "custom", message: "Enter an IANA time zone, e.g. Europe/Paris." });
      return z.NEVER;
    }
    return zone;
  });

const schemaFor = (policy: ConnectorUrlPolicy) =>
  z.object({
    host: hostSchema(policy),
    enseigne: loginPart("enseigne"),
    magasin: loginPart("magasin"),
    compte: loginPart("compte"),
    stockA: checkbox,
    stockB: checkbox,
    safetyMargin: safetyMarginSchema,
    locationId: locationSchema,
    seasons: seasonsSchema,
    timeZone: timeZoneSchema,
  });

/** Field-level problems of one SQL override, or null when it can replace the default. */
export function queryOverrideError(name: string, sql: string): string | null {
  if (!(name in FASTMAG_QUERY_DEFAULTS)) return `"${name}" is not a Fastmag query this app sends.`;
  const text = sql.trim();
  if (!/^select\b/i.test(text)) return "An override must be a SELECT statement.";
  if (/;\s*\S/.test(text)) return "An override must be one statement (nothing after a semicolon).";
  // The override may use only the placeholders the default is filled with.
  const available = [...FASTMAG_QUERY_DEFAULTS[name as FastmagQueryName].matchAll(/:([A-Za-z_]\w*)/g)].map(
    (m) => m[1]!,
  );
  try {
    fillPlaceholders(text, Object.fromEntries(available.map((p) => [p, ""])));
  } catch {
    const names = available.length ? available.map((p) => `:${p}`).join(", ") : "none";
    return `This query can only use the placeholders ${names}.`;
  }
  return null;
}

/**
 * Checks a settings form. `passwordSet` tells whether a password is already stored (an empty password
 * field then keeps it); `knownLocationIds`, when given, are the shop's Shopify locations.
 */
export function validateFastmagSettings(
  input: FastmagSettingsInput,
  context: { passwordSet: boolean; knownLocationIds?: readonly string[]; urlPolicy: ConnectorUrlPolicy },
): FastmagSettingsValidation {
  const fieldErrors: Record<string, string> = {};
  const parsed = schemaFor(context.urlPolicy).safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  }

  const password = input.motpasse ?? "";
  if (password === "" && !context.passwordSet) fieldErrors.motpasse = "Enter the password of the Fastmag account.";
  else if (password.length > 128 || CONTROL_CHARACTERS.test(password))
    fieldErrors.motpasse = "This password cannot be sent to Fastmag.";

  // These look across fields, so they run even when another field is wrong: every mistake at once.
  if (!checkbox.parse(input.stockA) && !checkbox.parse(input.stockB))
    fieldErrors.stockA = "Include at least one Fastmag stock in the web stock.";
  const locationId = input.locationId?.trim() ?? "";
  if (!fieldErrors.locationId && context.knownLocationIds && !context.knownLocationIds.includes(locationId)) {
    fieldErrors.locationId = "This location is not one of the shop's Shopify locations.";
  }

  const queryOverrides: FastmagQueryOverrides = {};
  for (const [name, sql] of Object.entries(input.queryOverrides ?? {})) {
    if (!sql?.trim()) continue;
    const problem = queryOverrideError(name, sql);
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
