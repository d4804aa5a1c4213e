// What every connector declares, in its connector.server.ts: who it is, what it stores (settings as a zod
// schema, secrets by name, encrypted at rest), which capabilities it offers and how to test it. The
// registry (registry.server.ts) lists the manifests; screens, the Dashboard, routing and the syncs are
// driven by them. Vendor shapes stay behind the capability ports the manifest builds.
import type { z } from "zod";
import type { CapabilityName, CapabilityPorts } from "../capabilities";
import type { Db } from "../db.server";
import { fieldErrorsFromZod } from "../lib/field-errors";
import type { SyncReporter } from "../sync/sync-context";

/** A shop's saved connection to the system, as its capabilities are built from. */
export interface Connection<Settings> {
  shop: string;
  settings: Settings;
  /** Decrypted secrets by name; server-only. */
  secrets: Record<string, string>;
}

/** What a capability is built for: the shop, and the run using it when there is one. */
export interface CapabilityContext {
  shop: string;
  db: Db;
  /** The job run's id: scopes idempotency keys of writes. */
  runId?: string;
  report?: SyncReporter;
  /** Outbound deadline wanted by the caller (a screen waits less than a job). */
  timeoutMs?: number;
  /** The shop's Shopify location stock is synced into, when routing says one. */
  shopifyLocationId?: string;
  /** What the merchant calls the shop's stock source (for destinations' skip reasons). */
  stockSourceName?: string;
  /** A run's own options for the destination (e.g. how Shopify's levels are read). */
  destinationOptions?: Record<string, unknown>;
}

export type CapabilityFactories<Settings> = {
  [C in CapabilityName]?: (
    connection: Connection<Settings>,
    context: CapabilityContext,
  ) => CapabilityPorts[C] | Promise<CapabilityPorts[C]>;
};

export interface ConnectionTest {
  ok: boolean;
  /** What the merchant reads, e.g. "Connected: 4 seasons found (E23, H23, E24, H24)." */
  message: string;
}

/** What saving a connector's settings answered: all saved, or nothing saved and why, field by field. */
export type SettingsSave = { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string> };

/** Saving from outside the connector's screen (the JSON API) with the screen's own rules. */
export interface SettingsForm {
  save(shop: string, fields: Record<string, unknown>): Promise<SettingsSave>;
  /** "Test connection" on what the fields hold, saved or not, saving nothing; a secret left blank
   *  means the stored one. Absent for systems whose test only knows the saved settings. */
  test?(shop: string, fields: Record<string, unknown>): Promise<SettingsTest>;
}

/** A test of a form's values: the outcome, or the fields to fix before anything could be tested. */
export type SettingsTest = ConnectionTest & { fieldErrors: Record<string, string> };

/**
 * A connector's settings form: `fields` says what a caller may send (strict, so a misspelt field is an
 * error, never silently dropped; secrets are write-only and an absent one keeps what is stored), `save`
 * applies the same validation as the screen and saves all or nothing.
 */
export function settingsForm<Fields>(
  fields: z.ZodType<Fields, z.ZodTypeDef, unknown>,
  save: (shop: string, fields: Fields) => Promise<SettingsSave>,
  test?: (shop: string, fields: Fields) => Promise<SettingsTest>,
): SettingsForm {
  return {
    async save(shop, raw) {
      const parsed = fields.safeParse(raw);
      if (parsed.success) return save(shop, parsed.data);
      const fieldErrors = fieldErrorsFromZod(parsed.error, "not a setting of this system");
      return { ok: false, message: "Some fields need fixing; nothing was saved.", fieldErrors };
    },
    ...(test
      ? {
          async test(shop: string, raw: Record<string, unknown>): Promise<SettingsTest> {
            const parsed = fields.safeParse(raw);
            if (parsed.success) return test(shop, parsed.data);
            const fieldErrors = fieldErrorsFromZod(parsed.error, "not a setting of this system");
            return { ok: false, message: "Some fields need fixing before the connection can be tested.", fieldErrors };
          },
        }
      : {}),
  };
}

export interface ConnectorManifest<Settings = unknown> {
  /** Stable id, stored in settings and routing rows: "fastmag", "retailcrm". */
  id: string;
  /** What the merchant calls it. */
  name: string;
  /** What kind of system it is, in the merchant's words: "ERP / POS", "Warehouse". */
  kind: string;
  /** The settings screen; absent for systems the app is always connected to (Shopify). */
  settingsPage?: string;
  /** Screens of its own reached from its settings page (Fastmag's explorer). */
  screens?: { title: string; url: string }[];
  /** The stored, non-secret settings. */
  settings: z.ZodType<Settings>;
  /** Names of the secrets it needs; the connection counts as set up once they are all stored. */
  secrets: readonly string[];
  capabilities: CapabilityFactories<Settings>;
  /** Capabilities it plays only when the shop's routing names it (never by default as the one set up):
   *  RetailCRM can give stock, but a shop setting it up usually wants it to receive stock. */
  onlyWhenChosen?: readonly CapabilityName[];
  testConnection?: (shop: string) => Promise<ConnectionTest>;
  /** Its settings as the JSON API saves them; absent for systems with nothing to set (Shopify). */
  settingsForm?: SettingsForm;
  /**
   * Hours of the day when the system is down for maintenance (the shop's time), [fromHour, toHour).
   * Jobs reading from it are not scheduled then by default.
   */
  maintenanceWindow?: { fromHour: number; toHour: number };
  /** What the merchant must still fill in before it can play `capability` (plain words), or null when
   *  nothing: the routing chooser refuses a part the connector is not ready for. */
  notReadyFor?: (settings: Settings, capability: CapabilityName) => string | null;
  /** Always connected (Shopify itself): never needs setting up. */
  builtIn?: boolean;
  /**
   * Id of its emulator in emulators/registry.ts: the demo stack and the e2e tests start it (never
   * the app, which only ever sees the address saved in its settings).
   */
  emulator?: string;
}

export function defineConnector<Settings>(manifest: ConnectorManifest<Settings>): ConnectorManifest<Settings> {
  if (!/^[a-z][a-z0-9-]*$/.test(manifest.id)) throw new Error(`connector id "${manifest.id}" must be lowercase`);
  return manifest;
}
