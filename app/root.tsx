import { useEffect } from "react";
import type { MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { defineWords } from "./i18n/define";
import { toLocale, type Locale } from "./i18n/locale";
import { useRequestLocale } from "./i18n/request-locale";

/** The app frame's language inside the app; outside it (login, errors), the request's. */
function useDocumentLocale(): Locale {
  const frame = useRouteLoaderData("routes/app") as { locale?: string } | undefined;
  const request = useRequestLocale();
  return toLocale(frame?.locale) ?? request;
}

const ERROR_WORDS = defineWords({
  en: {
    notFoundTitle: "Page not found",
    notFound: "This page does not exist.",
    failedTitle: "Something went wrong",
    failed: "Something went wrong on our side. Try again in a moment; if it keeps happening, contact support.",
  },
  fr: {
    notFoundTitle: "Page introuvable",
    notFound: "Cette page n'existe pas.",
    failedTitle: "Un problème est survenu",
    failed:
      "Un problème est survenu de notre côté. Réessayez dans un instant ; si cela se reproduit, contactez le support.",
  },
});

const PAGE_END = "page-end";

/** Outside the embedded app (login, errors); the app's frame titles its pages after their section. */
export const meta: MetaFunction = () => [{ title: "Passerelle" }];

export default function App() {
  // Forms work only once React has taken over the page (a plain POST in the admin frame carries no
  // session token); tests and scripts wait for this mark before submitting.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={useDocumentLocale()}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
        {/* No paint until the page's content is all parsed (the mark after <Outlet />): Chromium would
            otherwise paint a half-read page, then move what it had shown as the rest arrives (a table's
            columns widening row by row, a main column narrowing when its side column comes). ADR 0024. */}
        <link rel="expect" href={`#${PAGE_END}`} {...{ blocking: "render" }} />
      </head>
      <body>
        <Outlet />
        <div id={PAGE_END} hidden />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

// Whatever failed, the merchant reads a plain sentence in the request's language (the details are in
// the server log).
export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const locale = useRequestLocale();
  const t = ERROR_WORDS[locale];
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{notFound ? t.notFoundTitle : t.failedTitle}</title>
        <Meta />
        <Links />
      </head>
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <p>{notFound ? t.notFound : t.failed}</p>
        <Scripts />
      </body>
    </html>
  );
}
