// Stored words: text a background run writes (a run's failure, its log lines, skipped rows' reasons, app
// events, order export errors) is read later by admins who may not share a language. So what was said is
// stored as a key and its values (JSON) next to the English sentence, and said again in the reader's
// language when a screen, CSV or answer is built (ADR 0021). Old rows and unknown keys show the English.
//
// A key's meaning and values never change once it is stored: a new wording with other values is a new
// key. The words themselves are in stored-catalogue.ts.
import type { Locale } from "./locale";
import { STORED_WORDS } from "./stored-catalogue";

export type StoredKey = keyof typeof STORED_WORDS;

/** A value of a stored sentence: a number, a name or text (another system's words), or another sentence. */
export type SaidValue = string | number | Said;

/** What was said: a key, its values, and the English sentence (what the text columns store). */
export interface Said {
  readonly key: string;
  readonly params: Readonly<Record<string, SaidValue>>;
  readonly text: string;
}

/** A message as our code passes it on: plain English (not translatable) or said with a key. */
export type Message = string | Said;

type ParamsOf<K extends StoredKey> = Parameters<(typeof STORED_WORDS)[K]["en"]>[0];
/** The values a key takes: numbers stay numbers; a text value may be a sentence of its own. */
type Given<P> = { [N in keyof P]: P[N] extends number ? number : Message };

/** Says a sentence of the catalogue with its values (tsc checks them); `text` is its English. */
export function said<K extends StoredKey>(
  key: K,
  ...params: [ParamsOf<K>] extends [never] ? [] : keyof ParamsOf<K> extends never ? [] : [Given<ParamsOf<K>>]
): Said {
  const values = (params[0] ?? {}) as Record<string, SaidValue>;
  return { key, params: values, text: render(key, values, "en") ?? key };
}

export function isSaid(value: unknown): value is Said {
  return typeof value === "object" && value !== null && typeof (value as Said).key === "string";
}

/** The English sentence of a message (what the text column stores). */
export function textOf(message: Message): string {
  return typeof message === "string" ? message : message.text;
}

/** A message in a reader's language; plain text stays as it is. */
export function sayIn(message: Message, locale: Locale): string {
  if (typeof message === "string") return message;
  return render(message.key, message.params, locale) ?? message.text;
}

interface StoredJson {
  k: string;
  p: Record<string, StoredValue>;
  /** The English, kept for a sentence inside another one (the outer one's English is its row's text). */
  t?: string;
}
type StoredValue = string | number | StoredJson;

function toJson(said: Said, nested: boolean): StoredJson {
  const p: Record<string, StoredValue> = {};
  for (const [name, value] of Object.entries(said.params)) p[name] = isSaid(value) ? toJson(value, true) : value;
  return nested ? { k: said.key, p, t: said.text } : { k: said.key, p };
}

/** The JSON to store next to a message's English (null for plain text: nothing to say again). */
export function wordsJson(message: Message | null | undefined): string | null {
  return message && typeof message !== "string" ? JSON.stringify(toJson(message, false)) : null;
}

/** Stored JSON back to a message (null when it is not ours or not readable: the row's English is shown). */
export function fromWordsJson(json: string | null | undefined, text: string): Said | null {
  if (!json) return null;
  try {
    const parsed = JSON.parse(json) as unknown;
    return isStoredJson(parsed) ? fromStored(parsed, text) : null;
  } catch {
    return null;
  }
}

function isStoredJson(value: unknown): value is StoredJson {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as StoredJson).k === "string" &&
    typeof (value as StoredJson).p === "object" &&
    (value as StoredJson).p !== null
  );
}

function fromStored(json: StoredJson, text: string): Said {
  const params: Record<string, SaidValue> = {};
  for (const [name, value] of Object.entries(json.p))
    params[name] = isStoredJson(value) ? fromStored(value, value.t ?? "") : value;
  return { key: json.k, params, text };
}

/**
 * What a screen shows of a stored message: said again in the reader's language when its words were
 * stored and the key is known; else the stored English (old rows, keys of a newer version).
 */
export function storedText(text: string, json: string | null | undefined, locale: Locale): string {
  if (locale === "en" || !json) return text;
  const message = fromWordsJson(json, text);
  return message ? sayIn(message, locale) : text;
}

function render(key: string, params: Readonly<Record<string, SaidValue>>, locale: Locale): string | null {
  if (!Object.hasOwn(STORED_WORDS, key)) return null;
  const entry = STORED_WORDS[key as StoredKey] as { en: (p: object) => string; fr: (p: object) => string };
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (!isSaid(value)) values[name] = value;
    else {
      const inner = render(value.key, value.params, locale) ?? (value.text || null);
      // A sentence inside that we cannot say: the whole message in its stored English.
      if (inner === null) return null;
      values[name] = inner;
    }
  }
  return entry[locale](values);
}
