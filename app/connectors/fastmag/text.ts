// What we write into Fastmag's code page (windows-1252), as pure functions. Nothing is ever sent changed
// without a rule: free text (names, addresses, notes) is transliterated by the rule in README.md, and an
// identity (e-mail, SKU part, code) that would change is refused, so two customers are never merged.
import iconv from "iconv-lite";
import { said } from "../../i18n/stored-words";
import { PermanentError } from "../../lib/errors";

/** A value Fastmag cannot receive as it is; the message is for the merchant. */
export class UnwritableTextError extends PermanentError {}

const cache = new Map<string, boolean>();

/** True when the code page holds the character (round trip without the `?` substitute). */
function fits(char: string, charset: string): boolean {
  const key = `${charset}:${char}`;
  let known = cache.get(key);
  if (known === undefined) {
    known = iconv.decode(iconv.encode(char, charset), charset) === char;
    cache.set(key, known);
  }
  return known;
}

export function fitsCodePage(text: string, charset = "windows-1252"): boolean {
  for (const char of text) if (!fits(char, charset)) return false;
  return true;
}

/** The characters of `text` the code page cannot hold, each once. */
export function unwritableCharacters(text: string, charset = "windows-1252"): string[] {
  return [...new Set([...text].filter((c) => !fits(c, charset)))];
}

// Greek (ELOT 743, letter by letter) and Cyrillic (BGN/PCGN, Russian and Ukrainian letters, plus the
// Serbian and Macedonian ones); lower case here, capitals follow the letter's case.
// prettier-ignore
const GREEK: Record<string, string> = {
  α: "a", β: "v", γ: "g", δ: "d", ε: "e", ζ: "z", η: "i", θ: "th", ι: "i", κ: "k", λ: "l", μ: "m",
  ν: "n", ξ: "x", ο: "o", π: "p", ρ: "r", σ: "s", ς: "s", τ: "t", υ: "y", φ: "f", χ: "ch", ψ: "ps",
  ω: "o",
};
// prettier-ignore
const CYRILLIC: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "yo", ж: "zh", з: "z", и: "i", й: "y", к: "k",
  л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts",
  ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya", є: "ye", і: "i", ї: "yi",
  ґ: "g", ў: "u", ђ: "dj", ј: "j", љ: "lj", њ: "nj", ћ: "c", џ: "dz", ѓ: "gj", ќ: "kj", ѕ: "dz",
};
/** Latin letters with no decomposition to a base letter. */
// prettier-ignore
const LATIN: Record<string, string> = {
  ł: "l", đ: "d", ħ: "h", ı: "i", ŀ: "l", ĸ: "k", ŧ: "t", ŋ: "ng", ſ: "s", ɐ: "a", ə: "e", ƒ: "f",
};
/** Typographic quotes become ASCII ones, even those windows-1252 has (0x91–0x94 are control codes where
 *  Fastmag's text is read as Latin-1); a few dashes and № too. */
// prettier-ignore
const PUNCTUATION: Record<string, string> = {
  "\u2018": "'", "\u2019": "'", "\u201A": "'", "\u201B": "'", "\u2032": "'", "\u2035": "'",
  "\u201C": '"', "\u201D": '"', "\u201E": '"', "\u201F": '"', "\u2033": '"', "\u2036": '"',
  "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2015": "-", "\u2212": "-", "\u2116": "No",
};
/** Quotes are made plain even where the code page has them. */
const QUOTES = /[\u2018-\u201F\u2032\u2033\u2035\u2036]/g;
const SPACE = /[\u2000-\u200A\u202F\u205F\u3000]/u;
// Zero-width characters, variation selectors, emoji modifiers and tags, combining keycap: removed.
// (Tested one character at a time, so the class never has to match a whole emoji sequence.)
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /^[\u200B-\u200D\u2060\uFEFF\uFE00-\uFE0F\u20E3\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]$/u;
const LETTER_LIKE = /[\p{L}\p{M}\p{N}]/u;

const withCase = (source: string, latin: string, next: string | undefined) => {
  if (source === source.toLowerCase()) return latin;
  // ΘΕΣΣΑΛΟΝΙΚΗ → THESSALONIKI, Θεσσαλονίκη → Thessaloniki.
  const shouting = next !== undefined && next !== next.toLowerCase();
  return shouting ? latin.toUpperCase() : latin.charAt(0).toUpperCase() + latin.slice(1);
};

/** One character outside the code page: its Latin form, "" when it is removed, null when it has none. */
const baseOf = (char: string | undefined) => (char ?? "").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");

/** Greek υ after a vowel: ου → ou, αυ/ευ/ηυ → av/ev/iv (ELOT 743). */
const GREEK_U_AFTER: Record<string, string> = { ο: "u", α: "v", ε: "v", η: "v" };

function latinOf(char: string, previous: string | undefined, next: string | undefined, charset: string): string | null {
  const lower = char.toLowerCase();
  // й, ё, ї are letters of their own; ά, ώ are α, ω with an accent.
  const base = baseOf(char);
  if (base === "υ" && GREEK_U_AFTER[baseOf(previous)]) return withCase(char, GREEK_U_AFTER[baseOf(previous)]!, next);
  const table = GREEK[lower] ?? CYRILLIC[lower] ?? LATIN[lower] ?? GREEK[base] ?? CYRILLIC[base] ?? LATIN[base];
  if (table !== undefined) return withCase(char, table, next);
  if (PUNCTUATION[char] !== undefined) return PUNCTUATION[char];
  if (SPACE.test(char)) return " ";
  if (INVISIBLE.test(char)) return "";
  // Accents the code page lacks (ő, ș, ā…): the base letter.
  const stripped = char.normalize("NFD").replace(/\p{M}/gu, "");
  if (stripped && stripped !== char && fitsCodePage(stripped, charset)) return stripped;
  // Emoji, arrows, stars and other symbols carry no name or address: removed.
  if (!LETTER_LIKE.test(char)) return "";
  return null;
}

export interface Transliterated {
  text: string;
  /** Letters with no Latin form (Chinese, Arabic…), each once; the text is not usable when any. */
  unwritable: string[];
}

/** Free text in the code page by the documented rule; reports the letters that have no Latin form. */
export function transliterate(value: string, charset = "windows-1252"): Transliterated {
  const text = value.normalize("NFC").replace(QUOTES, (q) => PUNCTUATION[q]!);
  if (fitsCodePage(text, charset)) return { text, unwritable: [] };
  const chars = [...text];
  const unwritable = new Set<string>();
  let out = "";
  let removed = false;
  chars.forEach((char, i) => {
    if (fits(char, charset)) {
      out += char;
      return;
    }
    const latin = latinOf(char, chars[i - 1], chars[i + 1], charset);
    if (latin === null) unwritable.add(char);
    else {
      if (latin === "") removed = true;
      out += latin;
    }
  });
  // A removed emoji leaves its spaces behind: "Merci 🙏 !" → "Merci !".
  if (removed) out = out.replace(/ {2,}/g, " ").trim();
  return { text: out, unwritable: [...unwritable] };
}

const quoted = (chars: string[]) => chars.slice(0, 8).join(" ");

/**
 * Free text (a name, an address line, a note) as Fastmag can store it. Letters with no Latin form are
 * refused rather than dropped: a parcel label without its street is worse than an order held with a reason.
 */
export function freeText(value: string | null | undefined, what: string, charset = "windows-1252"): string | undefined {
  if (value === null || value === undefined) return undefined;
  const { text, unwritable } = transliterate(value, charset);
  if (unwritable.length > 0)
    throw new UnwritableTextError(said("fastmag.noLatinForm", { what, value, chars: quoted(unwritable) }));
  return text;
}

/** Protocol escapes a customer may type literally; sent as text they would be decoded by Fastmag. */
export const PROTOCOL_LITERAL = /\{(PIPE|CR|LF)\}/gi;

/**
 * An identity (e-mail, reference, code) exactly as it is, or a refusal: a changed e-mail or SKU points at
 * another record (two Greek e-mails both became "????@example.gr" and were merged into one customer).
 */
export function exactText(value: string, what: string, charset = "windows-1252"): string {
  const unwritable = unwritableCharacters(value, charset);
  if (unwritable.length > 0)
    throw new UnwritableTextError(said("fastmag.codePageCannotHold", { what, value, chars: quoted(unwritable) }));
  // eslint-disable-next-line no-control-regex
  if (/[|\r\n\t\u0000-\u001f]/.test(value) || new RegExp(PROTOCOL_LITERAL.source, "i").test(value))
    throw new UnwritableTextError(said("fastmag.protocolSeparator", { what, value }));
  return value;
}
