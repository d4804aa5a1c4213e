// Lightspeed Retail (R-Series) as a POS system: what the POS foundation's table of systems needs to list
// it, store an account's settings and secrets, and build the account's port.
import type { PointOfSale, PosAccountContext } from "../../capabilities/point-of-sale";
import { createLightspeedPos } from "./pos.server";
import { LIGHTSPEED_SECRETS, lightspeedSettingsSchema } from "./settings.server";

export const lightspeedPos = {
  id: "lightspeed",
  name: "Lightspeed Retail",
  settings: lightspeedSettingsSchema,
  secrets: [...LIGHTSPEED_SECRETS],
  create: (ctx: PosAccountContext): PointOfSale => createLightspeedPos(ctx),
  /** For the account form: labels of the settings and secrets, in the order shown. */
  settingFields: [
    { name: "clientId", label: "OAuth client ID", kind: "text" },
    { name: "accountId", label: "Account ID", kind: "text" },
    { name: "shopId", label: "Shop ID", kind: "text", helpText: "The shop online sales are recorded in" },
    { name: "registerId", label: "Register ID", kind: "text" },
    { name: "employeeId", label: "Employee ID", kind: "text" },
    {
      name: "moves",
      label: "How online sales reach Lightspeed",
      kind: "text",
      helpText: "sale (a completed sale, default) or qoh (the quantity on hand set)",
    },
    { name: "apiUrl", label: "Other API address", kind: "text", helpText: "Leave empty for Lightspeed itself" },
  ],
  secretFields: [
    { name: "clientSecret", label: "OAuth client secret", required: true },
    { name: "accessToken", label: "Access token", required: true },
    { name: "refreshToken", label: "Refresh token", required: true },
  ],
} as const;

export { createLightspeedPos } from "./pos.server";
export { REAUTHORIZE as LIGHTSPEED_REAUTHORIZE } from "./client.server";
export type { LightspeedSettings } from "./settings.server";
