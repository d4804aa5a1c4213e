// The POS systems a shop can add as accounts (Settings → Point of sale). Each entry is what the account
// screens, the POS stock sync and the sale dispatch need from a system: its name, the schema of its plain
// settings, the names of its secrets, and a factory building the point-of-sale port for one account.
// A new system plugs in by adding one entry here; nothing outside app/connectors names a system.
import type { z } from "zod";
import type { PointOfSale, PosAccountContext } from "../capabilities/point-of-sale";
import { hiboutikPos } from "./hiboutik/index.server";
import { lightspeedPos } from "./lightspeed/index.server";
import { SQUARE_SECRETS, squarePointOfSale, squareSettingsSchema } from "./square/pos.server";
import { SQUARE_SIGNATURE_HEADER, squareCountEventLocations, verifySquareSignature } from "./square/webhook";

export interface PosSecretField {
  name: string;
  label: string;
  /** Needed to connect (an empty form field keeps the stored value). */
  required: boolean;
}

export interface PosSettingField {
  name: string;
  label: string;
  helpText?: string;
  kind: "text" | "list";
}

/** A notification from the POS that its counts moved: which header carries the signature, how to check it. */
export interface PosCountWebhook {
  signatureHeader: string;
  /** Secret holding the signing key. */
  secret: string;
  verify(key: string, notificationUrl: string, rawBody: string, signature: string | null): boolean;
  /** The POS location ids whose counts moved; empty when the notification is about something else. */
  movedLocations(body: unknown): string[];
}

export interface PosSystem {
  id: string;
  name: string;
  settingsSchema: z.ZodType<Record<string, unknown>, z.ZodTypeDef, unknown>;
  settingFields: PosSettingField[];
  secrets: PosSecretField[];
  create(context: PosAccountContext): PointOfSale;
  countWebhook?: PosCountWebhook;
  /** Its emulator's id in emulators/registry.ts: the demo and e2e stack start it. */
  emulator?: string;
}

export const POS_SYSTEMS: Record<string, PosSystem> = {
  square: {
    id: "square",
    name: "Square",
    settingsSchema: squareSettingsSchema,
    settingFields: [
      { name: "apiUrl", label: "API address", kind: "text", helpText: "https://connect.squareup.com for live shops" },
      {
        name: "locationIds",
        label: "Locations kept in step",
        kind: "list",
        helpText: "Square location ids, one per line; empty for every location",
      },
    ],
    secrets: [
      { name: SQUARE_SECRETS[0], label: "Access token", required: true },
      { name: SQUARE_SECRETS[1], label: "Webhook signature key", required: false },
    ],
    create: (context) => squarePointOfSale(context),
    emulator: "square",
    countWebhook: {
      signatureHeader: SQUARE_SIGNATURE_HEADER,
      secret: "webhookSignatureKey",
      verify: verifySquareSignature,
      movedLocations: squareCountEventLocations,
    },
  },
};

/** A connector's own declaration (Hiboutik's, Lightspeed's) as an entry of the table. */
function entryOf(declared: {
  id: string;
  name: string;
  settings: z.ZodType<Record<string, unknown>, z.ZodTypeDef, unknown>;
  settingFields: readonly PosSettingField[];
  secretFields: readonly PosSecretField[];
  create(context: PosAccountContext): PointOfSale;
}): PosSystem {
  return {
    id: declared.id,
    name: declared.name,
    settingsSchema: declared.settings,
    settingFields: [...declared.settingFields],
    secrets: [...declared.secretFields],
    create: declared.create,
  };
}

POS_SYSTEMS.hiboutik = entryOf(hiboutikPos);
POS_SYSTEMS.lightspeed = entryOf(lightspeedPos);

export function posSystem(id: string): PosSystem | undefined {
  return Object.hasOwn(POS_SYSTEMS, id) ? POS_SYSTEMS[id] : undefined;
}

export const posSystemIds = (): string[] => Object.keys(POS_SYSTEMS);
