// Points a shop of the running stack at the carrier emulators the way a merchant does: through the
// app's Settings → Orders screen, authenticated with a session token from the Shopify emulator.
import { readRouteData, routeDataUrl } from "./route-data";

export async function configureOrdersThroughSettingsScreen(options: {
  appUrl: string;
  sessionToken: () => string;
  chronopostUrl: string;
  tntFranceUrl: string;
  tntExpressConnectUrl: string;
  tnt: { username: string; password: string };
}): Promise<void> {
  const response = await fetch(
    routeDataUrl(options.appUrl, "/app/settings/orders", "routes/app.settings.orders", "POST"),
    {
      method: "POST",
      headers: {
        authorization: `Bearer ${options.sessionToken()}`,
        // Shopify's library answers 410 to user agents it takes for bots (Node's "node" is one).
        "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Passerelle-stack-setup/1.0",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        notifyCustomer: "on",
        chronopostUrl: options.chronopostUrl,
        tntFranceUrl: options.tntFranceUrl,
        tntExpressConnectUrl: options.tntExpressConnectUrl,
        tntProtocol: "france",
        tntUsername: options.tnt.username,
        tntPassword: options.tnt.password,
      }).toString(),
    },
  );
  const body = await readRouteData<{ ok?: boolean; message?: string; fieldErrors?: unknown }>(response).catch(
    (error: unknown) => ({ ok: false, message: String(error) }),
  );
  if (!response.ok || body.ok !== true)
    throw new Error(`Settings → Orders answered ${response.status}: ${JSON.stringify(body)}`);
}
