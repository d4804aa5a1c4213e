/** A date as the merchant reads it, in the shop's time zone (loader data arrives as ISO strings). */
export function formatDateTime(value: Date | string, timeZone: string, locale = "en-GB"): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(value));
}
