// Hiboutik as a POS system: what the POS foundation's table of systems needs to list it, store an
// account's settings and secrets, and build the account's port.
import type { PosAccountContext, PointOfSale } from "../../capabilities/point-of-sale";
import { createHiboutikPos } from "./pos.server";
import { HIBOUTIK_SECRETS, hiboutikSettingsSchema } from "./settings.server";

export const hiboutikPos = {
  id: "hiboutik",
  name: "Hiboutik",
  settings: hiboutikSettingsSchema,
  secrets: [...HIBOUTIK_SECRETS],
  create: (ctx: PosAccountContext): PointOfSale => createHiboutikPos(ctx),
  /** For the account form: labels of the settings and secrets, in the order shown. */
  settingFields: [
    { name: "accountName", label: "Account name", kind: "text", helpText: "As in your address: {name}.hiboutik.com" },
    { name: "email", label: "E-mail of the API user", kind: "text" },
    { name: "maximumRequests", label: "Requests allowed per day", kind: "text", helpText: "Default 10,000" },
    { name: "currencyCode", label: "Currency of the sales", kind: "text", helpText: "Default EUR" },
    { name: "apiUrl", label: "Other API address", kind: "text", helpText: "Leave empty for Hiboutik itself" },
  ],
  secretFields: [{ name: "apiKey", label: "API key", required: true }],
} as const;

export { createHiboutikPos, type HiboutikPosOptions } from "./pos.server";
export type { HiboutikSettings } from "./settings.server";
