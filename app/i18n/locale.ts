// The language a screen speaks: the staff member's Shopify admin language (French or English), not
// the shop's. Shopify admin opens the app with `?locale=fr-FR`; in-app navigations do not carry it,
// so the app keeps it in a cookie; then the browser's languages; then English.
export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_COOKIE = "passerelle_locale";

/** "fr", "fr-FR", "fr_CA" → "fr"; a language the app does not speak → null. */
export function toLocale(value: string | null | undefined): Locale | null {
  const language = value?.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language ?? "") ? (language as Locale) : null;
}

function cookieValue(header: string | null, name: string): string | null {
  for (const part of header?.split(";") ?? []) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** The first of the browser's languages (Accept-Language, by weight) the app speaks. */
function fromAcceptLanguage(header: string | null): Locale | null {
  const ranked = (header ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag, weight: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.tag && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const entry of ranked) {
    const locale = toLocale(entry.tag);
    if (locale) return locale;
  }
  return null;
}

export interface RequestLocale {
  locale: Locale;
  /** Set when the admin named the language in the URL: the cookie that keeps it for the next pages. */
  setCookie?: string;
}

export function localeOfRequest(request: Request): RequestLocale {
  const url = new URL(request.url);
  const fromUrl = toLocale(url.searchParams.get("locale"));
  if (fromUrl) {
    // The app runs in Shopify admin's iframe (another site): the cookie must be SameSite=None over HTTPS.
    const attributes = url.protocol === "https:" ? "SameSite=None; Secure; Partitioned" : "SameSite=Lax";
    return {
      locale: fromUrl,
      setCookie: `${LOCALE_COOKIE}=${fromUrl}; Path=/; Max-Age=31536000; HttpOnly; ${attributes}`,
    };
  }
  const remembered = toLocale(cookieValue(request.headers.get("cookie"), LOCALE_COOKIE));
  return { locale: remembered ?? fromAcceptLanguage(request.headers.get("accept-language")) ?? "en" };
}

/** The tag dates and numbers are formatted with: day-month order and a 24-hour clock in both. */
export function formattingLocale(locale: Locale): string {
  return locale === "fr" ? "fr-FR" : "en-GB";
}
