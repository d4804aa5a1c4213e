import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

// Shopify opens the app at its root with ?shop=…; send that to the embedded app.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return null;
};

export default function Landing() {
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 640, margin: "4rem auto", lineHeight: 1.5 }}>
      <h1>Passerelle</h1>
      <p>
        Keeps a Shopify store in sync with the systems behind it: Fastmag and other ERPs, warehouses, shop POS and
        marketplaces. Open it from your Shopify admin (Apps → Passerelle).
      </p>
    </main>
  );
}
