import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider as PolarisAppProvider, Button, Card, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import polarisEnglish from "@shopify/polaris/locales/en.json";
import polarisFrench from "@shopify/polaris/locales/fr.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useState } from "react";
import { defineWords } from "../i18n/define";
import { localeOfRequest, type Locale } from "../i18n/locale";
import { login } from "../shopify.server";

// The app opened outside the Shopify admin (no shop, no session): a login page asking for the shop's
// address, never a developer's error. Shopify's library sends the merchant on to the admin from there.
// It speaks the request's language (`?locale=`, the admin's language the app remembered, the browser's).
export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

const POLARIS_TRANSLATIONS = { en: polarisEnglish, fr: polarisFrench } as const;

const WORDS = defineWords({
  en: {
    title: "Log in",
    intro:
      "Passerelle opens from your Shopify admin (Apps → Passerelle). To open it from here, enter your shop's address.",
    shop: "Shop domain",
    example: "my-shop.myshopify.com",
    submit: "Log in",
    missingShop: "Enter your shop's address, e.g. my-shop.myshopify.com.",
    invalidShop: "Enter your shop's address as in your Shopify admin, e.g. my-shop.myshopify.com.",
  },
  fr: {
    title: "Connexion",
    intro:
      "Passerelle s'ouvre depuis votre admin Shopify (Applications → Passerelle). Pour l'ouvrir d'ici, saisissez l'adresse de votre boutique.",
    shop: "Domaine de la boutique",
    example: "ma-boutique.myshopify.com",
    submit: "Se connecter",
    missingShop: "Saisissez l'adresse de votre boutique, par ex. ma-boutique.myshopify.com.",
    invalidShop:
      "Saisissez l'adresse de votre boutique telle qu'elle figure dans votre admin Shopify, par ex. ma-boutique.myshopify.com.",
  },
});

/** The library's login refusal in the merchant's words. */
function loginErrorMessage(result: { shop?: string } | undefined, locale: Locale): string | undefined {
  if (!result?.shop) return undefined;
  return result.shop === "MISSING_SHOP" ? WORDS[locale].missingShop : WORDS[locale].invalidShop;
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { locale } = localeOfRequest(request);
  return { locale, error: loginErrorMessage(await login(request), locale) ?? null };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { locale } = localeOfRequest(request);
  return { error: loginErrorMessage(await login(request), locale) ?? null };
};

export default function Login() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const [shop, setShop] = useState("");
  const error = acted?.error ?? loaded.error ?? undefined;
  const t = WORDS[loaded.locale];
  return (
    <PolarisAppProvider i18n={POLARIS_TRANSLATIONS[loaded.locale]}>
      <Page narrowWidth>
        <Card>
          <Form method="post">
            <FormLayout>
              <Text as="h1" variant="headingLg">
                {t.title}
              </Text>
              <Text as="p" tone="subdued">
                {t.intro}
              </Text>
              <TextField
                type="text"
                name="shop"
                label={t.shop}
                helpText={t.example}
                value={shop}
                onChange={setShop}
                autoComplete="on"
                error={error}
              />
              <Button submit variant="primary">
                {t.submit}
              </Button>
            </FormLayout>
          </Form>
        </Card>
      </Page>
    </PolarisAppProvider>
  );
}
