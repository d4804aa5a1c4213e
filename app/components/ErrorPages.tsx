// The pages a merchant sees when a screen is missing or failed, rendered inside the app frame (its
// navigation stays). Plain words first; what support needs to find the failure in the server log (its
// status, address and time) is folded under "Technical details". Never a stack trace: the built app's
// errors reach the page without one (Remix replaces a thrown error by "Unexpected Server Error").
import { isRouteErrorResponse, Link } from "@remix-run/react";
import { BlockStack, Card, Page, Text } from "@shopify/polaris";
import { defineWords, useWords } from "../i18n/words";
import { TechnicalDetails } from "./TechnicalDetails";

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

/**
 * What support needs to find a failure in the server log ("request failed" with its path): the status,
 * the address and what the page was told (one line, never a stack).
 */
export function failureDetails(error: unknown, path: string): string {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const said = isRouteErrorResponse(error) ? error.statusText : error instanceof Error ? error.message : "";
  return [`HTTP ${status}`, path, said.split("\n")[0]!.trim()].filter(Boolean).join(" · ");
}

export function SomethingWentWrongPage({ details }: { details?: string }) {
  const t = useWords(WORDS);
  return (
    <Page title={t.failedTitle}>
      <Card>
        <BlockStack gap="200">
          <Text as="p">{t.failed}</Text>
          <TechnicalDetails details={details} />
          <Text as="p">
            <Link to="/app">{t.dashboard}</Link>
          </Text>
        </BlockStack>
      </Card>
    </Page>
  );
}
