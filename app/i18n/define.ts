// Words in every language the app speaks. Each screen, component or server module declares its words
// next to it with `defineWords({ en: {...}, fr: {...} })`: the French must have every key the English
// has, with the same shape (tsc checks it), and a sentence with numbers or names is a function.
// Plain module (no React): the worker and the mails use it too.
import { formattingLocale, type Locale } from "./locale";

export type Words<T> = Record<Locale, T>;

export function defineWords<T>(words: { en: T; fr: NoInfer<T> }): Words<T> {
  return words;
}

// A formatter per language, style and time zone, made once: making one costs far more than using it, and
// a screen's table formats a date per row (on the server, then again in the browser).
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(tag: string, withTime: boolean, timeZone: string): Intl.DateTimeFormat {
  const key = `${tag} ${withTime} ${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: withTime ? "short" : undefined, timeZone });
    if (dateFormats.size >= 500) dateFormats.clear();
    dateFormats.set(key, format);
  }
  return format;
}

/** Dates and numbers as the admin reads them: its language's order and separators, in a time zone. */
export function formatters(locale: Locale) {
  const tag = formattingLocale(locale);
  const numbers = new Intl.NumberFormat(tag);
  return {
    locale,
    /** "1 Dec 2026, 19:45" / "1 déc. 2026, 19:45" in the given time zone. */
    dateTime: (value: Date | string, timeZone: string) => dateFormat(tag, true, timeZone).format(new Date(value)),
    /** "1 Dec 2026" / "1 déc. 2026". */
    date: (value: Date | string, timeZone: string) => dateFormat(tag, false, timeZone).format(new Date(value)),
    /** "12,345" / "12 345". */
    number: (value: number) => numbers.format(value),
    /** "40%" / "40 %". */
    percent: (ratio: number) =>
      new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 }).format(ratio),
    money: (amount: number, currency: string) =>
      new Intl.NumberFormat(tag, { style: "currency", currency }).format(amount),
  };
}
