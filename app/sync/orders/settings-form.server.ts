// Validates the Orders settings form: carrier tracking endpoints (public https; local plain http only
// in the demo mode, see http-url-policy.server.ts), the TNT login, and whether Shopify notifies the
// customer when an order ships.
import { defineWords } from "../../i18n/define";
import type { Locale } from "../../i18n/locale";
import { sayIn } from "../../i18n/stored-words";
import { ValidationError } from "../../lib/errors";
import { checkConnectorUrl, connectorUrlPolicy } from "../../lib/http-url-policy.server";
import { CarrierRefusedError } from "../../lib/soap.server";
import { connectionProblemInWords, connectionProblemOf, failureInWords } from "../../lib/merchant-messages.server";
import { loadCarrierSecrets, loadCarrierSettings } from "./carrier-settings.server";
import { loadOrderSettings, saveOrderSettings, trackersFrom, type OrderSettings } from "./providers.server";

const WORDS = defineWords({
  en: { https: "Use an https:// address.", fixFields: "Some fields need fixing; nothing was saved." },
  fr: {
    https: "Utilisez une adresse en https://.",
    fixFields: "Certains champs sont à corriger ; rien n'a été enregistré.",
  },
});

function endpoint(value: string, field: string, errors: Record<string, string>, locale: Locale): string | undefined {
  const text = value.trim();
  if (!text) return undefined;
  const check = checkConnectorUrl(text, connectorUrlPolicy(), locale);
  if (check.ok) return check.url.toString();
  errors[field] = check.problem.includes("https://") ? WORDS[locale].https : check.problem;
  return undefined;
}

/** The form's settings, checked (field errors) and not saved. */
function orderSettingsFromForm(form: Record<string, string>, locale: Locale): OrderSettings {
  const errors: Record<string, string> = {};
  const settings: OrderSettings = {
    notifyCustomer: form.notifyCustomer === "on" || form.notifyCustomer === "true",
    chronopostUrl: endpoint(form.chronopostUrl ?? "", "chronopostUrl", errors, locale),
    tntFranceUrl: endpoint(form.tntFranceUrl ?? "", "tntFranceUrl", errors, locale),
    tntExpressConnectUrl: endpoint(form.tntExpressConnectUrl ?? "", "tntExpressConnectUrl", errors, locale),
    tntUsername: (form.tntUsername ?? "").trim() || undefined,
    tntProtocol: form.tntProtocol === "expressconnect" ? "expressconnect" : "france",
  };
  if (Object.keys(errors).length) throw new ValidationError(WORDS[locale].fixFields, errors);
  return settings;
}

export async function saveOrderSettingsForm(
  shop: string,
  form: Record<string, string>,
  locale: Locale = "en",
): Promise<OrderSettings> {
  const settings = orderSettingsFromForm(form, locale);
  // An empty password keeps the stored one.
  await saveOrderSettings(shop, settings, form.tntPassword ? { tntPassword: form.tntPassword } : {});
  return settings;
}

export interface CarrierTest {
  carrier: "Chronopost" | "TNT";
  ok: boolean;
  message: string;
}

/** A parcel number no carrier knows: asking for it proves the address answers and the login is accepted. */
const PROBE_PARCEL = "XX000000000FR";

/**
 * Asks each carrier for a parcel that does not exist, with the form's values as typed (an empty TNT
 * password means the saved one), without saving: "unknown parcel" is a working connection.
 */
export async function testCarrierConnections(
  shop: string,
  form: Record<string, string>,
  locale: Locale = "en",
): Promise<CarrierTest[]> {
  const settings = orderSettingsFromForm(form, locale);
  const password = form.tntPassword || (await loadCarrierSecrets(shop)).tntPassword;
  const trackers = trackersFrom(settings, password, { timeoutMs: 15_000 });
  const words = TEST_WORDS[locale];
  return Promise.all(
    (["Chronopost", "TNT"] as const).map(async (carrier) => {
      const tracker = carrier === "TNT" ? trackers.tnt : trackers.chronopost;
      try {
        await tracker.track(PROBE_PARCEL);
        return { carrier, ok: true, message: words.answered(carrier) };
      } catch (error) {
        if (error instanceof CarrierRefusedError) {
          const problem = connectionProblemOf(error.cause);
          return {
            carrier,
            ok: false,
            message: problem
              ? connectionProblemInWords(carrier, problem, locale)
              : error.said
                ? words.ours(sayIn(error.said, locale))
                : words.refused(error.message),
          };
        }
        return { carrier, ok: false, message: failureInWords(carrier, error, undefined, locale) };
      }
    }),
  );
}

const TEST_WORDS = defineWords({
  en: {
    answered: (carrier: string) => `${carrier} answered: tracking works with these settings.`,
    refused: (said: string) => `${said}. Check the address and the login.`,
    /** Our own sentence (an address the app may not call), in the admin's language. */
    ours: (sentence: string) => `${sentence}. Check the address and the login.`,
  },
  fr: {
    answered: (carrier: string) => `${carrier} a répondu : le suivi fonctionne avec ces paramètres.`,
    refused: (said: string) => `Refus du transporteur (« ${said} »). Vérifiez l'adresse et l'identifiant.`,
    ours: (sentence: string) => `${sentence.replace(/\.$/, "")}. Vérifiez l'adresse et l'identifiant.`,
  },
});

export async function orderSettingsView(shop: string) {
  const [settings, stored] = await Promise.all([loadOrderSettings(shop), loadCarrierSettings(shop)]);
  return { settings, tntPasswordSet: stored?.secretsSet.includes("tntPassword") ?? false };
}
