// The language of a page outside the app's frame (the login page, the page of an error the frame did not
// catch): the request's, as localeOfRequest finds it — `?locale=` as Shopify passes it, then the admin's
// language the frame remembered in its cookie, then the browser's Accept-Language, then English. The
// server renders with it (entry.server.tsx) and writes it as <html lang>; the browser reads it back from
// there, so both render the same words, even for an unknown address where no loader runs.
import { createContext, useContext } from "react";
import { toLocale, type Locale } from "./locale";

const RequestLocaleContext = createContext<Locale | null>(null);

export const RequestLocaleProvider = RequestLocaleContext.Provider;

export function useRequestLocale(): Locale {
  const rendered = useContext(RequestLocaleContext);
  if (rendered) return rendered;
  return (typeof document === "undefined" ? null : toLocale(document.documentElement.lang)) ?? "en";
}
