// A Hiboutik account's plain settings (the account name gives the API address) and its one secret, the
// API key of the user whose e-mail is given (Basic auth). The daily request quota is the seed's
// MaximumRequests: what Hiboutik lets this account make per day, shared with any other application.
import { z } from "zod";

export const HIBOUTIK_SECRETS = ["apiKey"] as const;

export const hiboutikSettingsSchema = z.object({
  /** The {account} of https://{account}.hiboutik.com/api/. */
  accountName: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, "Enter the account name as in your Hiboutik address: {name}.hiboutik.com"),
  /** The API user's e-mail (Basic auth with the API key). */
  email: z.string().trim().email("Enter the e-mail of the Hiboutik user the API key belongs to"),
  /** Requests Hiboutik allows this account per day (UTC). */
  maximumRequests: z.coerce
    .number()
    .int("Enter a whole number of requests")
    .min(20, "Hiboutik needs at least 20 requests a day to sync")
    .max(10_000_000)
    .default(10_000),
  /** Currency of the sales recorded for online orders. */
  currencyCode: z
    .string()
    .trim()
    .transform((value) => value.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{3}$/, "Enter a 3-letter currency code, e.g. EUR"))
    .default("EUR"),
  /** Another address for the API (the emulator, a proxy): its origin, the API being under /api/. */
  apiUrl: z.string().trim().url("Enter a full address, e.g. https://proxy.example.com").optional(),
});

export type HiboutikSettings = z.infer<typeof hiboutikSettingsSchema>;

/** The API root, always ending with /api/. */
export function hiboutikApiRoot(settings: HiboutikSettings): string {
  if (settings.apiUrl) return `${settings.apiUrl.replace(/\/+$/, "")}/api/`;
  return `https://${settings.accountName.toLowerCase()}.hiboutik.com/api/`;
}
