import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { env } from "../env.server";
import { isAllowedExitDestination } from "../lib/http-redirects.server";
import { authenticate } from "../shopify.server";

// Shopify's auth paths (session-token bounce, exit-iframe); the library answers them. Its exit-iframe
// page would send the browser to any https address: only the app and the shop's admin are allowed.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.pathname === "/auth/exit-iframe") {
    const config = env();
    const allowed = isAllowedExitDestination(url.searchParams.get("exitIframe"), {
      appUrl: config.SHOPIFY_APP_URL,
      shop: url.searchParams.get("shop"),
      extraAdminOrigins: config.EXTRA_FRAME_ANCESTORS?.split(/[\s,]+/).filter(Boolean),
    });
    if (!allowed)
      return json({ error: "This link leads outside the app and the shop's admin; it was not followed." }, 400);
  }
  await authenticate.admin(request);
  return null;
};
