// A Lightspeed Retail (R-Series) account's plain settings (OAuth client id, account, and the shop,
// register and employee sales are recorded on) and its secrets: the client secret and the token pair,
// whose refresh token rotates at every refresh (saved before the new one is used).
import { z } from "zod";

export const LIGHTSPEED_SECRETS = ["clientSecret", "accessToken", "refreshToken"] as const;

const id = (what: string) =>
  z.coerce.number().int(`Enter the ${what} ID, a whole number`).positive(`Enter the ${what} ID, a whole number`);

export const lightspeedSettingsSchema = z.object({
  clientId: z.string().trim().min(1, "Enter the OAuth client ID of the Lightspeed app"),
  accountId: z.string().trim().regex(/^\d+$/, "Enter the Lightspeed account ID (digits, as in /API/V3/Account/{id})"),
  /** The shop sales are recorded in (a move elsewhere sets the quantity instead, see README). */
  shopId: id("shop"),
  registerId: id("register"),
  employeeId: id("employee"),
  /** How an online sale reaches Lightspeed: a completed Sale (default) or the quantity on hand set outright. */
  moves: z.enum(["sale", "qoh"]).default("sale"),
  /** Another API origin (the emulator, a proxy); the API is under /API/V3/. */
  apiUrl: z.string().trim().url("Enter a full address").optional(),
  /** Another token endpoint; by default the one beside apiUrl, or Lightspeed's. */
  tokenUrl: z.string().trim().url("Enter a full address").optional(),
});

export type LightspeedSettings = z.infer<typeof lightspeedSettingsSchema>;

export function lightspeedUrls(settings: LightspeedSettings): { api: string; token: string } {
  const api = (settings.apiUrl ?? "https://api.lightspeedapp.com").replace(/\/+$/, "");
  const token =
    settings.tokenUrl ??
    (settings.apiUrl ? `${api}/auth/oauth/token` : "https://cloud.lightspeedapp.com/auth/oauth/token");
  return { api: `${api}/API/V3/`, token };
}
