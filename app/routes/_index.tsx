import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { defineWords } from "../i18n/define";
import { localeOfRequest } from "../i18n/locale";

// The app's root opened without a shop: a few words on what it is, in the request's language like the
// login page (`?locale=`, the admin's language the app remembered, the browser's).
const WORDS = defineWords({
  en: {
    intro:
      "Keeps a Shopify store in sync with the systems behind it: Fastmag and other ERPs, warehouses, shop POS and marketplaces. Open it from your Shopify admin (Apps → Passerelle).",
  },
  fr: {
    intro:
      "Garde une boutique Shopify synchronisée avec les systèmes qui l'entourent : Fastmag et d'autres ERP, entrepôts, caisses des magasins et marketplaces. Ouvrez-la depuis votre admin Shopify (Applications → Passerelle).",
  },
});

// Shopify opens the app at its root with ?shop=…; send that to the embedded app.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  const { locale } = localeOfRequest(request);
  return { locale, intro: WORDS[locale].intro };
};

export default function Landing() {
  const { intro } = useLoaderData<typeof loader>();
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 640, margin: "4rem auto", lineHeight: 1.5 }}>
      <h1>Passerelle</h1>
      <p>{intro}</p>
    </main>
  );
}
