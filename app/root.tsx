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
import { toLocale, type Locale } from "./i18n/locale";

function useDocumentLocale(): Locale {
  const frame = useRouteLoaderData("routes/app") as { locale?: string } | undefined;
  return toLocale(frame?.locale) ?? "en";
}

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
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

// Whatever failed, the merchant reads a plain sentence (the details are in the server log).
export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{notFound ? "Page not found" : "Something went wrong"}</title>
        <Meta />
        <Links />
      </head>
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <p>
          {notFound
            ? "This page does not exist."
            : "Something went wrong on our side. Try again in a moment; if it keeps happening, contact support."}
        </p>
        <Scripts />
      </body>
    </html>
  );
}
