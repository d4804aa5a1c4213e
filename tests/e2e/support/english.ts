// Finds English on a French screen (issue 16, point 9): sentences holding English function words or
// English-looking dates and numbers, once other systems' words (quoted « … ») and the seeded data's
// names are taken out. Used by tests/e2e/languages-english.test.ts; tested in tests/unit/english-detector.test.ts.

/** Words that only English sentences hold (none is a French word: "on", "or", "a", "an", "en", "as",
 *  "plus", "son" are left out for that reason), plus Polaris' and our own common English button words. */
const ENGLISH_WORDS = [
  // Function words.
  "the",
  "and",
  "with",
  "could",
  "not",
  "was",
  "were",
  "has",
  "have",
  "this",
  "that",
  "from",
  "will",
  "your",
  "been",
  "which",
  "there",
  "when",
  "after",
  "before",
  "every",
  "more",
  "only",
  "of",
  "to",
  "is",
  "are",
  "for",
  "by",
  "at",
  "it",
  "yet",
  "into",
  "than",
  "should",
  "would",
  "these",
  "those",
  "what",
  "here",
  "you",
  "they",
  "its",
  // Polaris' and the app's own short English words, which a sentence may not need function words for.
  "showing",
  "loading",
  "previous",
  "next",
  "save",
  "cancel",
  "retry",
  "search",
  "failed",
  "succeeded",
  "running",
  "queued",
  "skipped",
  "unchanged",
  "changed",
  "none",
  "never",
  "ago",
  "order",
  "orders",
  "settings",
  "received",
];

const ENGLISH = new RegExp(`(?<![\\p{L}\\p{N}_'’-])(${ENGLISH_WORDS.join("|")})(?![\\p{L}\\p{N}_'’-])`, "giu");

/** English dates and numbers: month and day names, am/pm times, month-first dates, "1,234", "12.50". */
const ENGLISH_FORMATS: { name: string; pattern: RegExp }[] = [
  {
    name: "English month",
    pattern:
      /(?<!\p{L})(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December)(?!\p{L})/u,
  },
  {
    name: "English weekday",
    pattern: /(?<!\p{L})(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Tue|Wed|Thu|Fri)(?!\p{L})/u,
  },
  { name: "am/pm time", pattern: /\d{1,2}(:\d\d)?\s?(AM|PM|am|pm)(?!\p{L})/u },
  { name: "slashed date", pattern: /(?<![\d/])\d{1,2}\/\d{1,2}\/\d{2,4}(?![\d/])/ },
  { name: "comma thousands", pattern: /(?<![\d.,])\d{1,3}(,\d{3})+(?![\d,])/ },
  { name: "decimal point", pattern: /(?<![\d.])\d+\.\d{1,2}(?![\d.])/ },
];

/** Names a French sentence rightly holds in English or in no language, each with why. The seeded
 *  products (emulators/fastmag/seed.ts) are French already and SKUs are codes; the shop's domain is an
 *  address, taken out below. */
export const ALLOWED_NAMES = [
  // Brand and product names: ours and the systems we connect to.
  "Passerelle",
  "Shopify",
  "Fastmag",
  "RetailCRM",
  "Tuyo",
  "Chronopost",
  "TNT",
  "Hiboutik",
  "Lightspeed",
  "Square",
  "SFTP",
  "SMTP",
  // Shopify's own names of the shop's sales channels (Catalog → Ready to sell lists them as Shopify
  // gives them; the emulated shop's are English): the shop's data, not the app's words.
  "Online Store",
  "Point of Sale",
];

export interface Finding {
  /** What was found: an English word, or a date/number format's name. */
  what: string;
  /** The sentence (a line of the screen) it was found in, as shown. */
  sentence: string;
}

/** Text a French sentence may rightly hold, taken out before looking: another system's words in « … »,
 *  addresses (URLs, hosts, e-mails), webhook topics and time zones' identifiers ("America/Port_of_Spain", the same in
 *  every language) and `names` (the seeded data's shop, product, SKU names and the allowlist). */
export function stripQuotedAndNames(line: string, names: readonly string[]): string {
  let text = line.replace(/«[^»]*»/g, " ");
  // Shopify's webhook topics ("orders/create") are identifiers, shown as they are in both languages.
  text = text.replace(/(?<![\w/])[a-z_]+\/[a-z_]+(?![\w/])/g, " ");
  text = text.replace(
    /\b(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/[^\t\n]+/g,
    " ",
  );
  text = text.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, " ");
  text = text.replace(/\S+@\S+\.\S+/g, " ");
  text = text.replace(/\b[\w-]+(\.[\w-]+)+\.(com|fr|io|net|org|test|local|localhost)\b/gi, " ");
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    if (name) text = text.split(name).join(" ");
  }
  return text;
}

/** English words and English date/number formats on a screen's visible text, line by line. */
export function findEnglish(innerText: string, names: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const raw of innerText.split("\n")) {
    const sentence = raw.trim();
    if (!sentence) continue;
    const text = stripQuotedAndNames(sentence, names);
    const words = new Set([...text.matchAll(ENGLISH)].map((m) => m[1].toLowerCase()));
    for (const word of words) findings.push({ what: `"${word}"`, sentence });
    for (const { name, pattern } of ENGLISH_FORMATS) {
      const match = pattern.exec(text);
      if (match) findings.push({ what: `${name} "${match[0]}"`, sentence });
    }
  }
  return findings;
}
