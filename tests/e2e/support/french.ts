// Finds French on an English screen (issue 16, point 9: "no French ERP text inside English sentences
// without quotes"): sentences holding French function words or elisions (l', d', n', qu'…), once other
// systems' words quoted “…”, "…" or « … » and the seeded data's names are taken out. The mirror of
// english.ts; used by tests/e2e/languages-english.test.ts, tested in tests/unit/french-detector.test.ts.
import { stripQuotedAndNames } from "./english";

/** Words only French sentences hold: none is an English word ("a", "en", "on", "plus", "son", "un",
 *  "par", "ou", "as" are left out for that reason). Matched in lower case or with a capital first letter
 *  only, so a code in capitals ("EST", "DU") is not taken for French. */
const FRENCH_WORDS = [
  "le",
  "la",
  "les",
  "des",
  "du",
  "une",
  "est",
  "sont",
  "été",
  "être",
  "pour",
  "avec",
  "dans",
  "sur",
  "pas",
  "ne",
  "aux",
  "au",
  "et",
  "cette",
  "ces",
  "qui",
  "que",
  "mais",
  "sans",
  "aucun",
  "aucune",
  "déjà",
  "leur",
  "nous",
  "vous",
  "il",
  "elle",
  "peut",
  "doit",
  "inconnu",
  "inconnue",
  "introuvable",
  "erreur",
  // The French-only words of the ERP's refusals (emulators/fastmag: "Identification incorrecte : …
  // mot de passe invalide", "Adresse incomplète", "Requête vide"…), which may hold no function word:
  // shown unquoted on an English screen, they are French inside an English sentence. Every refusal the
  // emulator sends is checked to be found by tests/unit/french-detector.test.ts.
  "incorrecte",
  "invalide",
  "invalides",
  "obligatoire",
  "incomplète",
  "vide",
  "attendu",
  "attendue",
  "reçu",
  "insuffisant",
  "différent",
  "différente",
  "donnée",
  "requête",
  "requêtes",
  "autorisées",
  "veuillez",
  "réessayer",
];

const alternatives = FRENCH_WORDS.flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1)]);
const FRENCH = new RegExp(`(?<![\\p{L}\\p{N}_'’-])(${alternatives.join("|")})(?![\\p{L}\\p{N}_'’-])`, "gu");
/** French elisions: "l'article", "d'une", "n'existe", "qu'il", "j'ai", "c'est", "s'il". */
const ELISION = /(?<![\p{L}\p{N}_])(l|d|n|j|qu|c|s|L|D|N|J|Qu|C|S)['’](?=\p{L})/gu;

export interface Finding {
  /** The French word or elision found. */
  what: string;
  /** The sentence (a line of the screen) it was found in, as shown. */
  sentence: string;
}

/** Another system's words quoted in an English sentence: “…” and "…" (and « … », taken out by english.ts). */
function stripEnglishQuotes(line: string): string {
  return line.replace(/“[^”]*”/g, " ").replace(/"[^"\n]*"/g, " ");
}

/** French words and elisions on a screen's visible text, line by line. */
export function findFrench(innerText: string, names: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  for (const raw of innerText.split("\n")) {
    const sentence = raw.trim();
    if (!sentence) continue;
    const text = stripQuotedAndNames(stripEnglishQuotes(sentence), names);
    const words = new Set([...text.matchAll(FRENCH)].map((m) => m[1]!.toLowerCase()));
    for (const match of text.matchAll(ELISION)) words.add(`${match[1]!.toLowerCase()}'`);
    for (const word of words) findings.push({ what: `"${word}"`, sentence });
  }
  return findings;
}
