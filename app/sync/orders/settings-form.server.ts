// Validates the Orders settings form: carrier tracking endpoints (public https; local plain http only
// in the demo mode, see http-url-policy.server.ts), the TNT login, and whether Shopify notifies the
// customer when an order ships.
import { ValidationError } from "../../lib/errors";
import { checkConnectorUrl, connectorUrlPolicy } from "../../lib/http-url-policy.server";
import { loadCarrierSettings } from "./carrier-settings.server";
import { loadOrderSettings, saveOrderSettings, type OrderSettings } from "./providers.server";

function endpoint(value: string, field: string, errors: Record<string, string>): string | undefined {
  const text = value.trim();
  if (!text) return undefined;
  const check = checkConnectorUrl(text, connectorUrlPolicy());
  if (check.ok) return check.url.toString();
  errors[field] = check.problem.includes("https://") ? "Use an https:// address." : check.problem;
  return undefined;
}

export async function saveOrderSettingsForm(shop: string, form: Record<string, string>): Promise<OrderSettings> {
  const errors: Record<string, string> = {};
  const settings: OrderSettings = {
    notifyCustomer: form.notifyCustomer === "on" || form.notifyCustomer === "true",
    chronopostUrl: endpoint(form.chronopostUrl ?? "", "chronopostUrl", errors),
    tntFranceUrl: endpoint(form.tntFranceUrl ?? "", "tntFranceUrl", errors),
    tntExpressConnectUrl: endpoint(form.tntExpressConnectUrl ?? "", "tntExpressConnectUrl", errors),
    tntUsername: (form.tntUsername ?? "").trim() || undefined,
    tntProtocol: form.tntProtocol === "expressconnect" ? "expressconnect" : "france",
  };
  if (Object.keys(errors).length) throw new ValidationError("Some fields need fixing; nothing was saved.", errors);
  // An empty password keeps the stored one.
  await saveOrderSettings(shop, settings, form.tntPassword ? { tntPassword: form.tntPassword } : {});
  return settings;
}

export async function orderSettingsView(shop: string) {
  const [settings, stored] = await Promise.all([loadOrderSettings(shop), loadCarrierSettings(shop)]);
  return { settings, tntPasswordSet: stored?.secretsSet.includes("tntPassword") ?? false };
}
