import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider as PolarisAppProvider, Button, Card, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useState } from "react";
import { login } from "../shopify.server";

// The app opened outside the Shopify admin (no shop, no session): a login page asking for the shop's
// address, never a developer's error. Shopify's library sends the merchant on to the admin from there.
export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

/** The library's login refusal in the merchant's words. */
function loginErrorMessage(result: { shop?: string } | undefined): string | undefined {
  if (!result?.shop) return undefined;
  return result.shop === "MISSING_SHOP"
    ? "Enter your shop's address, e.g. my-shop.myshopify.com."
    : "Enter your shop's address as in your Shopify admin, e.g. my-shop.myshopify.com.";
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  return { error: loginErrorMessage(await login(request)) ?? null };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  return { error: loginErrorMessage(await login(request)) ?? null };
};

export default function Login() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const [shop, setShop] = useState("");
  const error = acted?.error ?? loaded.error ?? undefined;
  return (
    <PolarisAppProvider i18n={polarisTranslations}>
      <Page narrowWidth>
        <Card>
          <Form method="post">
            <FormLayout>
              <Text as="h1" variant="headingLg">
                Log in
              </Text>
              <Text as="p" tone="subdued">
                Passerelle opens from your Shopify admin (Apps → Passerelle). To open it from here, enter your
                shop&apos;s address.
              </Text>
              <TextField
                type="text"
                name="shop"
                label="Shop domain"
                helpText="my-shop.myshopify.com"
                value={shop}
                onChange={setShop}
                autoComplete="on"
                error={error}
              />
              <Button submit variant="primary">
                Log in
              </Button>
            </FormLayout>
          </Form>
        </Card>
      </Page>
    </PolarisAppProvider>
  );
}
