// The admin's language on screen: a provider set by the app's frame, and hooks for a screen's words
// (declared next to it with `defineWords`, app/i18n/define.ts) and for dates and numbers.
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { formatters, type Words } from "./define";
import type { Locale } from "./locale";

export { defineWords, formatters, type Words } from "./define";

interface LocaleContextValue {
  locale: Locale;
}

const LocaleContext = createContext<LocaleContextValue>({ locale: "en" });

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale }), [locale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext).locale;
}

/** The words of a screen in the admin's language. */
export function useWords<T>(words: Words<T>): T {
  return words[useLocale()];
}

/** Dates and numbers as the admin reads them: its language's order and separators, the shop's time zone. */
export function useFormat() {
  const locale = useLocale();
  return useMemo(() => formatters(locale), [locale]);
}
