// One screen of the French/English walk (tests/e2e/languages.test.ts): where it is, and texts a merchant
// must see on it in each language (headings, buttons, labels, a formatted date or number). Each group
// of screens lists its own in a file of this folder.
export interface LanguageScreen {
  /** Under /app, e.g. "/logs". */
  path: string;
  /** Screenshot name, e.g. "logs". */
  name: string;
  fr: string[];
  en: string[];
}
