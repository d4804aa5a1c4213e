// The pages a merchant sees when a screen is missing or failed, rendered inside the app frame (its
// navigation stays). Plain words only: what went wrong is in the server log, never on screen.
import { Link } from "@remix-run/react";
import { BlockStack, Card, Page, Text } from "@shopify/polaris";
import { defineWords, useWords } from "../i18n/words";

const WORDS = defineWords({
  en: {
    notFoundTitle: "Page not found",
    notFound: "This page does not exist in Passerelle. The address may be mistyped or out of date.",
    failedTitle: "Something went wrong",
    failed:
      "This page could not be shown because of a problem on our side. Try again in a moment; if it keeps happening, contact support.",
    dashboard: "Go to the Dashboard",
  },
  fr: {
    notFoundTitle: "Page introuvable",
    notFound: "Cette page n'existe pas dans Passerelle. L'adresse est peut-être mal saisie ou périmée.",
    failedTitle: "Un problème est survenu",
    failed:
      "Cette page n'a pas pu s'afficher à cause d'un problème de notre côté. Réessayez dans un instant ; si cela se reproduit, contactez le support.",
    dashboard: "Aller au tableau de bord",
  },
});

export function NotFoundPage() {
  const t = useWords(WORDS);
  return (
    <Page title={t.notFoundTitle}>
      <Card>
        <BlockStack gap="200">
          <Text as="p">{t.notFound}</Text>
          <Text as="p">
            <Link to="/app">{t.dashboard}</Link>
          </Text>
        </BlockStack>
      </Card>
    </Page>
  );
}

export function SomethingWentWrongPage() {
  const t = useWords(WORDS);
  return (
    <Page title={t.failedTitle}>
      <Card>
        <BlockStack gap="200">
          <Text as="p">{t.failed}</Text>
          <Text as="p">
            <Link to="/app">{t.dashboard}</Link>
          </Text>
        </BlockStack>
      </Card>
    </Page>
  );
}
