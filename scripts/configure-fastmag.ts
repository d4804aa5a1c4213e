// Connects a shop of the running stack to the Fastmag emulator the way a merchant does: through the
// app's Settings → Fastmag screen (its loader for the Shopify locations, its action to save and to
// test the connection), authenticated with a session token from the Shopify emulator.
import type { FastmagCredentials } from "../emulators/fastmag/index";
import { readRouteData, routeDataUrl } from "./route-data";

const ROUTE = "routes/app.settings.fastmag";

export interface ConfigureFastmagOptions {
  appUrl: string;
  /** A fresh session token of the shop to configure (the Shopify emulator mints them). */
  sessionToken: () => string;
  fastmagUrl: string;
  credentials: FastmagCredentials;
}

export async function configureFastmagThroughSettingsScreen(
  options: ConfigureFastmagOptions,
): Promise<{ message: string }> {
  const call = async (init: RequestInit = {}) => {
    const url = routeDataUrl(options.appUrl, "/app/settings/fastmag", ROUTE, init.method === "POST" ? "POST" : "GET");
    // Shopify's library answers 410 to user agents it takes for bots (Node's "node" is one).
    const headers = {
      ...init.headers,
      authorization: `Bearer ${options.sessionToken()}`,
      "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Passerelle-stack-setup/1.0",
    };
    const response = await fetch(url, { ...init, headers });
    if (!response.ok)
      throw new Error(`Settings → Fastmag answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return readRouteData(response, init.method === "POST" ? undefined : ROUTE);
  };
  const post = (form: Record<string, string>) =>
    call({
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });

  const screen = (await call()) as { locations: { id: string; name: string }[] };
  const location = screen.locations[0];
  if (!location) throw new Error("the demo shop has no Shopify location to sync Fastmag stock into");
  const saved = await post({
    intent: "save",
    host: options.fastmagUrl,
    ...options.credentials,
    stockA: "on",
    stockB: "on",
    safetyMargin: "0",
    locationId: location.id,
    seasons: "",
    timeZone: "Europe/Paris",
  });
  if (saved.ok !== true)
    throw new Error(`the Fastmag settings were refused: ${JSON.stringify(saved.fieldErrors ?? saved.message)}`);
  const tested = await post({ intent: "test" });
  if (tested.ok !== true) throw new Error(`the Fastmag connection test failed: ${String(tested.message)}`);
  return { message: String(tested.message) };
}
