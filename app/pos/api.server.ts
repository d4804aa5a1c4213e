// The JSON API's use-cases for POS accounts (/api/pos/…): bodies checked here, work done by the
// accounts, items, locations and jobs modules, errors typed so the routes answer 404/422 in JSON.
import { z } from "zod";
import { db as defaultDb, type Db } from "../db.server";
import { ValidationError } from "../lib/errors";
import {
  listPosAccounts,
  posAccountRow,
  posSystemChoices,
  removePosAccount,
  savePosAccount,
  setPosAccountPaused,
  testPosAccount,
  testPosAccountForm,
  type PosAccountInput,
  posAccountUsage,
} from "./accounts.server";
import { enqueuePosPoll } from "./jobs.server";
import {
  confirmAllSuggestions,
  listItemMappings,
  refreshItemMappings,
  setItemMapping,
  unmappedShopVariants,
} from "./items.server";
import { listLocationMappings, saveLocationMappings } from "./locations.server";

const accountBody = z.object({
  system: z.string().optional(),
  name: z.string().optional(),
  settings: z.record(z.unknown()).optional(),
  secrets: z.record(z.string()).optional(),
  cron: z.string().optional(),
  sumLocations: z.boolean().optional(),
});

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "body"] ??= issue.message;
  throw new ValidationError("The request body does not fit: see fieldErrors.", fieldErrors);
}

export async function apiListAccounts(shop: string) {
  return { systems: posSystemChoices(), accounts: await listPosAccounts(shop) };
}

async function inputFor(shop: string, body: unknown, accountId?: string): Promise<PosAccountInput> {
  const fields = parse(accountBody, body);
  const stored = accountId ? await posAccountRow(shop, accountId) : null;
  return {
    system: fields.system ?? stored?.system ?? "",
    name: fields.name ?? stored?.name ?? "",
    settings: fields.settings ?? (stored ? (JSON.parse(stored.settingsJson) as Record<string, unknown>) : {}),
    secrets: fields.secrets ?? {},
    cron: fields.cron,
    sumLocations: fields.sumLocations,
  };
}

export async function apiSaveAccount(shop: string, body: unknown, accountId?: string) {
  return savePosAccount(shop, await inputFor(shop, body, accountId), accountId);
}

export async function apiAccount(shop: string, accountId: string) {
  const accounts = await listPosAccounts(shop);
  const account = accounts.find((a) => a.id === accountId);
  if (!account) await posAccountRow(shop, accountId); // throws the 404
  return {
    account,
    locations: await listLocationMappings(shop, accountId),
    usage: await posAccountUsage(shop, accountId),
  };
}

export const apiRemoveAccount = (shop: string, accountId: string) => removePosAccount(shop, accountId);

/** With a body: tests those values (the form's); without: tests the saved account. */
export async function apiTestAccount(shop: string, accountId: string | undefined, body: Record<string, unknown>) {
  if (Object.keys(body).length) return testPosAccountForm(shop, await inputFor(shop, body, accountId), accountId);
  if (!accountId) throw new ValidationError("Send the account's fields to test.", { system: "Required" });
  return testPosAccount(shop, accountId);
}

const itemsBody = z.union([
  z.object({ refresh: z.literal(true) }),
  z.object({ confirmAll: z.literal(true) }),
  z.object({
    posItemId: z.string().optional(),
    posName: z.string().optional(),
    variantId: z.string().optional(),
    sku: z.string().optional(),
    confirm: z.boolean().optional(),
    ignore: z.boolean().optional(),
  }),
]);

export async function apiItems(shop: string, accountId: string, status: string | null) {
  const allowed = ["suggested", "confirmed", "ignored", "unmapped"] as const;
  const filter = allowed.find((s) => s === status);
  if (status && !filter)
    throw new ValidationError(`status must be one of ${allowed.join(", ")}.`, { status: "Unknown" });
  return { items: await listItemMappings(shop, accountId, { status: filter }) };
}

export async function apiUnmappedVariants(shop: string, accountId: string) {
  return { variants: await unmappedShopVariants(shop, accountId) };
}

export async function apiSetItems(shop: string, accountId: string, body: unknown) {
  const input = parse(itemsBody, body);
  if ("refresh" in input) return refreshItemMappings(shop, accountId);
  if ("confirmAll" in input) return { confirmed: await confirmAllSuggestions(shop, accountId) };
  return { item: await setItemMapping(shop, accountId, input) };
}

const locationsBody = z.object({
  sumLocations: z.boolean().optional(),
  mappings: z.array(
    z.object({
      posLocationId: z.string().min(1),
      posLocationName: z.string().optional(),
      shopifyLocationId: z.string().nullable(),
    }),
  ),
});

export async function apiSaveLocations(shop: string, accountId: string, body: unknown) {
  return saveLocationMappings(shop, accountId, parse(locationsBody, body));
}

/** run | pause | resume: the POS sync's controls, as for the other syncs. */
/** `startedBy`: "manual" when the merchant clicks Run now on the screen (the run pages say who started it). */
export async function apiOperation(
  shop: string,
  accountId: string,
  operation: string,
  db: Db = defaultDb,
  startedBy: "api" | "manual" = "api",
) {
  await posAccountRow(shop, accountId, db);
  switch (operation) {
    case "run":
      return { job: await enqueuePosPoll(shop, accountId, startedBy, db) };
    case "pause":
      return { account: await setPosAccountPaused(shop, accountId, true, db) };
    case "resume":
      return { account: await setPosAccountPaused(shop, accountId, false, db) };
    default:
      throw new ValidationError(`Unknown operation "${operation}": run, pause or resume.`, { operation: "Unknown" });
  }
}
