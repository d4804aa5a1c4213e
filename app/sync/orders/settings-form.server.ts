// Validates the Orders settings form: carrier tracking endpoints (https, or http on localhost for the
// emulators), the TNT login, and whether Shopify notifies the customer when an order ships.
import { ValidationError } from "../../lib/errors";
import { loadConnectorSettings } from "../../connectors/settings.server";
import { loadOrderSettings, saveOrderSettings, type OrderSettings } from "./providers.server";

const LOCAL = /^(127\.0\.0\.1|localhost|\[::1\])$/;

function endpoint(value: string, field: string, errors: Record<string, string>): string | undefined {
  const text = value.trim();
  if (!text) return undefined;
  try {
    const url = new URL(text);
    if (url.protocol === "https:" || (url.protocol === "http:" && LOCAL.test(url.hostname))) return url.toString();
  } catch {
    // reported below
  }
  errors[field] = "Use an https:// address.";
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
  const [settings, stored] = await Promise.all([loadOrderSettings(shop), loadConnectorSettings(shop, "orders")]);
  return { settings, tntPasswordSet: stored?.secretsSet.includes("tntPassword") ?? false };
}
