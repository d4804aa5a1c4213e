// The sentences background work stores with a key (stored-words.ts): each key's English and French,
// with the values it takes. Keys are stored in the database: never rename one or change its values;
// a new wording with other values is a new key (the old one stays for the rows that have it).
// Text from another system (an ERP's refusal, Shopify's userErrors) is a value, quoted “…” in English and
// « … » in French, and stays as that system said it.
import { jobTypeTitle } from "../jobs/registry.server";
import { describeHttpStatus } from "../lib/http-outbound.server";
import { formatters } from "./define";

type Values = Record<string, string | number>;
interface Entry<P extends Values> {
  en: (p: P) => string;
  fr: (p: P) => string;
}
function entry<P extends Values = Record<never, never>>(words: {
  en: (p: P) => string;
  fr: NoInfer<(p: P) => string>;
}): Entry<P> {
  return words;
}

const quote = { en: (text: string | number) => `“${text}”`, fr: (text: string | number) => `« ${text} »` };
const numberFr = formatters("fr").number;
/** English counts as they were written before words were stored (no separators): the stored English is unchanged. */
const en = (n: number) => `${n}`;
/** French counts with French separators ("12 345"). */
const fr = (n: number) => numberFr(n);
/** English plural: "1 row", "2 rows". */
const plural = (n: number, one: string, many = `${one}s`) => `${en(n)} ${Number(n) === 1 ? one : many}`;
/** French plural: 0 and 1 take the singular. */
const pluriel = (n: number, un: string, plusieurs = `${un}s`) => `${fr(n)} ${Number(n) < 2 ? un : plusieurs}`;
/** A sentence ends with its stop, once. */
const stop = (text: string) => (/[.!?…»”]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
const waitEn = (seconds: number) => (seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`);
const waitFr = waitEn;
const httpStatusFr = (status: number) =>
  `HTTP ${status} (${
    status === 401 || status === 403
      ? "accès refusé"
      : status === 404
        ? "introuvable"
        : status === 429
          ? "trop de demandes"
          : status >= 500
            ? "erreur du serveur"
            : "statut inattendu"
  })`;

// French articles: a system named "Le serveur SFTP" reads "l'adresse du serveur SFTP", "à la…" / "au…".
const lower = (system: string) => system.replace(/^(Le|La|Les) /, (article) => article.toLowerCase());
const de = (system: string) =>
  /^Le /.test(system)
    ? `du ${system.slice(3)}`
    : /^Les /.test(system)
      ? `des ${system.slice(4)}`
      : `de ${lower(system)}`;
const a = (system: string) =>
  /^Le /.test(system)
    ? `au ${system.slice(3)}`
    : /^Les /.test(system)
      ? `aux ${system.slice(4)}`
      : `à ${lower(system)}`;

type System = { system: string };

/** Tuyo's own text after a refusal, quoted (at most 200 characters); nothing when it said nothing. */
const tuyoSaidEn = (text: string) => (String(text) ? ` Tuyo said: "${String(text).slice(0, 200)}".` : "");
const tuyoSaidFr = (text: string) => (String(text) ? ` Tuyo a dit : ${quote.fr(String(text).slice(0, 200))}.` : "");

/** An order job's outcome code word (app/sync/orders) in French. */
const orderOutcomeFr = (kind: string) =>
  ({
    exported: "exportée",
    unknown: "inconnue de l'app",
    cancelled: "annulée avant l'export",
    "already-exported": "déjà exportée",
    reported: "signalée",
    "nothing-to-do": "rien à faire",
    "cancelled-before-export": "annulée avant l'export",
  })[kind] ?? kind;

/** A promotion's state (a code word of app/promotions/model.ts) in French, as an adjective. */
const promotionStateFr = (state: string) =>
  ({ scheduled: "programmée", active: "active", ending: "en cours d'arrêt", ended: "terminée", failed: "en échec" })[
    state
  ] ?? state;

/** An amount of money in cents, in the reader's way ("€7.50", "7,50 €"); an unknown currency as its code. */
const moneyIn = (locale: "en" | "fr") => (cents: number, currency: string) => {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: String(currency) }).format(Number(cents) / 100);
  } catch {
    return `${Number(cents) / 100} ${String(currency)}`;
  }
};

/** A draft's readiness rule (app/sync/publishing/readiness.ts) failed, as its reason; the English is the rule's name. */
const RULE_REASONS: Record<"en" | "fr", Record<string, string>> = {
  en: {
    image: "no image",
    price: "no price",
    stock: "no stock",
    description: "no description",
    sourceId: "no source id",
  },
  fr: {
    image: "pas d'image",
    price: "pas de prix",
    stock: "pas de stock",
    description: "pas de description",
    sourceId: "pas d'identifiant source",
  },
};
const ruleReasons = (locale: "en" | "fr", rules: string) =>
  String(rules)
    .split(",")
    .map((rule) => RULE_REASONS[locale][rule] ?? rule)
    .join(", ");

export const STORED_WORDS = {
  // ── The job engine: how a run ended, what its log says ──────────────────────────────────────────
  "run.unknownType": entry<{ type: string }>({
    en: ({ type }) => `This version of the app cannot run "${type}" jobs.`,
    fr: ({ type }) => `Cette version de l'app ne sait pas exécuter les tâches « ${type} ».`,
  }),
  "run.interruptedTooOften": entry({
    en: () => "The sync was interrupted too many times (the app restarted while it ran).",
    fr: () => "La synchronisation a été interrompue trop de fois (l'app a redémarré pendant qu'elle tournait).",
  }),
  "run.invalidSettings": entry({
    en: () => "The job's settings are not valid.",
    fr: () => "Les réglages de la tâche ne sont pas valides.",
  }),
  "run.unexpectedError": entry({
    en: () => "The sync stopped on an unexpected error.",
    fr: () => "La synchronisation s'est arrêtée sur une erreur inattendue.",
  }),
  "run.retrying": entry<{ attempt: number; maxAttempts: number; message: string; seconds: number }>({
    en: (p) =>
      `Attempt ${p.attempt} of ${p.maxAttempts} failed: ${stop(p.message)} Trying again in ${waitEn(p.seconds)}.`,
    fr: (p) =>
      `Tentative ${p.attempt} sur ${p.maxAttempts} échouée : ${stop(p.message)} Nouvel essai dans ${waitFr(p.seconds)}.`,
  }),
  "run.gaveUp": entry<{ message: string; attempts: number }>({
    en: (p) => `${p.message} (gave up after ${p.attempts} attempts)`,
    fr: (p) => `${p.message} (abandon après ${p.attempts} tentatives)`,
  }),
  "attempts.after": entry<{ message: string; attempts: number }>({
    en: (p) => `${p.message} (after ${p.attempts} attempts)`,
    fr: (p) => `${p.message} (après ${p.attempts} tentatives)`,
  }),
  "run.phase": entry<{ phase: string }>({
    en: ({ phase }) => `${phase}…`,
    fr: ({ phase }) => `${phase}…`,
  }),
  "run.logFull": entry<{ message: string }>({
    en: ({ message }) => `${message} (log full: later lines dropped)`,
    fr: ({ message }) => `${message} (journal plein : les lignes suivantes ne sont pas gardées)`,
  }),
  "run.cancelledBeforeChange": entry({
    en: () => "Cancelled on request: stopped before it changed anything. Nothing was written after that.",
    fr: () => "Annulée à la demande : arrêtée avant toute modification. Rien n'a été écrit ensuite.",
  }),
  "run.cancelledAfterChanges": entry<{ changed: number }>({
    en: ({ changed }) =>
      `Cancelled on request: stopped after ${plural(changed, "change")}. Nothing was written after that.`,
    fr: ({ changed }) =>
      `Annulée à la demande : arrêtée après ${pluriel(changed, "modification")}. Rien n'a été écrit ensuite.`,
  }),
  "run.finished": entry<{ seen: number; changed: number; unchanged: number; skipped: number; failed: number }>({
    en: (p) =>
      `Finished: ${en(p.seen)} seen, ${en(p.changed)} changed, ${en(p.unchanged)} unchanged, ${en(p.skipped)} skipped, ${en(p.failed)} failed.`,
    fr: (p) =>
      `Terminé : ${pluriel(p.seen, "vu")}, ${pluriel(p.changed, "modifié")}, ${pluriel(p.unchanged, "inchangé")}, ${pluriel(p.skipped, "ignoré")}, ${fr(p.failed)} en échec.`,
  }),
  "run.finishedWithFailures": entry<{
    seen: number;
    changed: number;
    unchanged: number;
    skipped: number;
    failed: number;
  }>({
    en: (p) =>
      `Finished: ${en(p.seen)} seen, ${en(p.changed)} changed, ${en(p.unchanged)} unchanged, ${en(p.skipped)} skipped, ${en(p.failed)} failed. See the failed rows.`,
    fr: (p) =>
      `Terminé : ${pluriel(p.seen, "vu")}, ${pluriel(p.changed, "modifié")}, ${pluriel(p.unchanged, "inchangé")}, ${pluriel(p.skipped, "ignoré")}, ${fr(p.failed)} en échec. Voyez les lignes en échec.`,
  }),
  "run.notConfigured": entry<{ what: string }>({
    en: ({ what }) => `${what} is not set up for this shop yet.`,
    fr: ({ what }) => `${what} n'est pas encore configuré pour cette boutique.`,
  }),
  "run.databaseBusy": entry({
    en: () => "The database is busy right now. Please try again in a few seconds.",
    fr: () => "La base de données est occupée pour le moment. Réessayez dans quelques secondes.",
  }),
  /** A job type's title, in the reader's language (the registry has both). */
  "job.title": entry<{ type: string }>({
    en: ({ type }) => jobTypeTitle(type, "en"),
    fr: ({ type }) => jobTypeTitle(type, "fr"),
  }),

  /** A system named with an article, for the connection sentences below ("Le serveur SFTP n'a pas répondu"). */
  "system.sftpServer": entry({
    en: () => "The SFTP server",
    fr: () => "Le serveur SFTP",
  }),

  // ── Talking to another system (app/lib/merchant-messages.server.ts) ─────────────────────────────
  "connection.not-found": entry<System>({
    en: ({ system }) => `${system}'s address could not be found. Check the address.`,
    fr: ({ system }) => `L'adresse ${de(system)} est introuvable. Vérifiez l'adresse.`,
  }),
  "connection.not-answering": entry<System>({
    en: ({ system }) => `${system} is not answering at its address. Check the address, or that ${system} is running.`,
    fr: ({ system }) =>
      `${system} ne répond pas à son adresse. Vérifiez l'adresse, ou que ${lower(system)} est bien démarré.`,
  }),
  "connection.tls": entry<System>({
    en: ({ system }) => `The secure connection to ${system} failed: its certificate was not accepted.`,
    fr: ({ system }) => `La connexion sécurisée ${a(system)} a échoué : son certificat n'a pas été accepté.`,
  }),
  "connection.timeout": entry<System>({
    en: ({ system }) => `${system} did not answer in time. Try again in a few minutes.`,
    fr: ({ system }) => `${system} n'a pas répondu à temps. Réessayez dans quelques minutes.`,
  }),
  "connection.cut": entry<System>({
    en: ({ system }) => `${system} cut the connection before answering. Try again in a few minutes.`,
    fr: ({ system }) => `${system} a coupé la connexion avant de répondre. Réessayez dans quelques minutes.`,
  }),
  "connection.credentials": entry<System>({
    en: ({ system }) => `${system} refused the credentials. Check the user name and password (or key).`,
    fr: ({ system }) =>
      `${system} a refusé les identifiants. Vérifiez le nom d'utilisateur et le mot de passe (ou la clé).`,
  }),
  "connection.blocked": entry<System>({
    en: ({ system }) => `${system}'s address is on a private or local network, which the app may not call.`,
    fr: ({ system }) =>
      `L'adresse ${de(system)} est sur un réseau privé ou local, que l'app n'a pas le droit d'appeler.`,
  }),
  "connection.unreadable": entry<System>({
    en: ({ system }) => `${system} answered something the app cannot read. Check the address.`,
    fr: ({ system }) => `${system} a répondu quelque chose que l'app ne sait pas lire. Vérifiez l'adresse.`,
  }),
  "connection.busy": entry<System>({
    en: ({ system }) => `${system} is receiving too many requests. Try again in a few minutes.`,
    fr: ({ system }) => `${system} reçoit trop de demandes. Réessayez dans quelques minutes.`,
  }),
  "connection.server-error": entry<System>({
    en: ({ system }) => `${system} had a problem on its side. Try again later.`,
    fr: ({ system }) => `${system} a rencontré un problème de son côté. Réessayez plus tard.`,
  }),
  "connection.unreachable": entry<System>({
    en: ({ system }) => `${system} could not be reached. Check the address, or try again later.`,
    fr: ({ system }) => `${system} est injoignable. Vérifiez l'adresse, ou réessayez plus tard.`,
  }),

  // ── Fastmag (app/connectors/fastmag/client.server.ts) ────────────────────────────────────────────
  "fastmag.answeredStatus": entry<{ status: number }>({
    en: (p) => `Fastmag answered ${describeHttpStatus(p.status)}`,
    fr: (p) => `Fastmag a répondu ${httpStatusFr(p.status)}`,
  }),
  "fastmag.answerLost": entry({
    en: () => "Fastmag's answer was lost on the way (the connection was cut); it may have been applied",
    fr: () =>
      "La réponse de Fastmag s'est perdue en route (la connexion a été coupée) ; elle a peut-être été appliquée",
  }),
  "fastmag.noAnswerWithin": entry<{ ms: number }>({
    en: (p) => `Fastmag did not answer within ${p.ms} ms`,
    fr: (p) => `Fastmag n'a pas répondu en ${p.ms} ms`,
  }),
  "fastmag.noAnswerMayBeApplied": entry<{ ms: number }>({
    en: (p) => `Fastmag did not answer within ${p.ms} ms; it may have been applied`,
    fr: (p) => `Fastmag n'a pas répondu en ${p.ms} ms ; la demande a peut-être été appliquée`,
  }),
  "fastmag.credentialsRefused": entry<{
    enseigne: string;
    magasin: string;
    compte: string;
    summary: string;
    said: string;
  }>({
    en: (p) =>
      `Fastmag refused the credentials of ${p.enseigne}/${p.magasin} (account ${p.compte}) for ${p.summary}: ${p.said}`,
    fr: (p) =>
      `Fastmag a refusé les identifiants de ${p.enseigne}/${p.magasin} (compte ${p.compte}) pour ${p.summary} : ${quote.fr(p.said)}`,
  }),

  // ── A connector's HTTP client (app/connectors/*/client.server.ts): `what` is the request ("GET /api/…"),
  // the same in both languages. Another system's own words are values, quoted.
  "client.failed": entry<{ system: string; what: string; status: number }>({
    en: (p) => `${p.system} failed (${p.what}): ${describeHttpStatus(p.status)}`,
    fr: (p) => `${p.system} a échoué (${p.what}) : ${httpStatusFr(p.status)}`,
  }),
  "client.busy": entry<{ system: string; what: string; status: number }>({
    en: (p) => `${p.system} is busy (${p.what}): ${describeHttpStatus(p.status)}`,
    fr: (p) => `${p.system} est surchargé (${p.what}) : ${httpStatusFr(p.status)}`,
  }),
  "client.notItsApi": entry<{ system: string; what: string; status: number }>({
    en: (p) => `${p.system} answered ${p.what} with something that is not its API (${describeHttpStatus(p.status)})`,
    fr: (p) => `${p.system} a répondu à ${p.what} par quelque chose qui n'est pas son API (${httpStatusFr(p.status)})`,
  }),
  "client.notItsApiCheckAccount": entry<{ system: string; what: string; status: number }>({
    en: (p) =>
      `${p.system} answered ${p.what} with something that is not its API (${describeHttpStatus(p.status)}). Check the account name.`,
    fr: (p) =>
      `${p.system} a répondu à ${p.what} par quelque chose qui n'est pas son API (${httpStatusFr(p.status)}). Vérifiez le nom du compte.`,
  }),
  "client.notItsApiCheckAddress": entry<{ system: string; what: string; status: number }>({
    en: (p) =>
      `${p.system} answered ${p.what} with something that is not its API (${describeHttpStatus(p.status)}). Check the API address.`,
    fr: (p) =>
      `${p.system} a répondu à ${p.what} par quelque chose qui n'est pas son API (${httpStatusFr(p.status)}). Vérifiez l'adresse de l'API.`,
  }),
  "client.refused": entry<{ system: string; what: string; status: number }>({
    en: (p) => `${p.system} refused ${p.what} (${describeHttpStatus(p.status)}).`,
    fr: (p) => `${p.system} a refusé ${p.what} (${httpStatusFr(p.status)}).`,
  }),
  "client.refusedInvalid": entry<{ system: string; what: string }>({
    en: (p) => `${p.system} refused ${p.what} as invalid (HTTP 400).`,
    fr: (p) => `${p.system} a refusé ${p.what} comme non valide (HTTP 400).`,
  }),
  "client.unknownCheckAddress": entry<{ system: string; what: string; status: number }>({
    en: (p) => `${p.system} does not know ${p.what} (${describeHttpStatus(p.status)}). Check the account address.`,
    fr: (p) => `${p.system} ne connaît pas ${p.what} (${httpStatusFr(p.status)}). Vérifiez l'adresse du compte.`,
  }),
  "client.unknownCheckAccount": entry<{ system: string; what: string }>({
    en: (p) => `${p.system} does not know ${p.what} (HTTP 404). Check the account name.`,
    fr: (p) => `${p.system} ne connaît pas ${p.what} (HTTP 404). Vérifiez le nom du compte.`,
  }),
  "retailcrm.keyRefused": entry<{ status: number }>({
    en: (p) => `RetailCRM refused the API key (${describeHttpStatus(p.status)}). Check the key and its permissions.`,
    fr: (p) => `RetailCRM a refusé la clé d'API (${httpStatusFr(p.status)}). Vérifiez la clé et ses droits.`,
  }),
  "hiboutik.credentialsRefused": entry<{ status: number }>({
    en: (p) =>
      `Hiboutik refused the e-mail and API key (${describeHttpStatus(p.status)}). Check them in the account's settings.`,
    fr: (p) =>
      `Hiboutik a refusé l'e-mail et la clé d'API (${httpStatusFr(p.status)}). Vérifiez-les dans les réglages du compte.`,
  }),
  // Square's codes are its own (ACCESS_TOKEN_REVOKED…), the same in both languages.
  "square.tokenRevoked": entry({
    en: () => "Square says this access token was revoked. Create a new one in the Square Developer Dashboard.",
    fr: () =>
      "Square indique que ce jeton d'accès a été révoqué. Créez-en un nouveau dans le Square Developer Dashboard.",
  }),
  "square.tokenRefused": entry<{ status: number }>({
    en: (p) =>
      `Square refused the access token (${describeHttpStatus(p.status)}). Check the token and that it is for this environment.`,
    fr: (p) =>
      `Square a refusé le jeton d'accès (${httpStatusFr(p.status)}). Vérifiez le jeton et qu'il est bien pour cet environnement.`,
  }),
  "square.missingPermission": entry<{ what: string; status: number }>({
    en: (p) =>
      `Square refused ${p.what}: the access token lacks a permission (${describeHttpStatus(p.status)}). It needs ITEMS_READ, INVENTORY_READ and INVENTORY_WRITE.`,
    fr: (p) =>
      `Square a refusé ${p.what} : il manque une autorisation au jeton d'accès (${httpStatusFr(p.status)}). Il lui faut ITEMS_READ, INVENTORY_READ et INVENTORY_WRITE.`,
  }),
  "square.unknown": entry<{ what: string; status: number }>({
    en: (p) => `Square does not know ${p.what} (${describeHttpStatus(p.status)}). Check the API address.`,
    fr: (p) => `Square ne connaît pas ${p.what} (${httpStatusFr(p.status)}). Vérifiez l'adresse de l'API.`,
  }),
  "square.keyReused": entry<{ what: string }>({
    en: (p) => `Square refused ${p.what}: the same request key was already used for different changes.`,
    fr: (p) => `Square a refusé ${p.what} : la même clé de demande a déjà servi pour d'autres modifications.`,
  }),
  "square.invalid": entry<{ what: string; codes: string }>({
    en: (p) => `Square refused ${p.what} as invalid (HTTP 400${String(p.codes) ? `: ${p.codes}` : ""}).`,
    fr: (p) => `Square a refusé ${p.what} comme non valide (HTTP 400${String(p.codes) ? ` : ${p.codes}` : ""}).`,
  }),
  "square.slowDown": entry<{ what: string }>({
    en: (p) => `Square asked us to slow down (${p.what}); the next run tries again.`,
    fr: (p) => `Square a demandé de ralentir (${p.what}) ; la prochaine exécution réessaiera.`,
  }),
  "lightspeed.reauthorize": entry({
    en: () =>
      "Lightspeed refused the saved authorization: reconnect the account (its tokens were revoked or replaced).",
    fr: () =>
      "Lightspeed a refusé l'autorisation enregistrée : reconnectez le compte (ses jetons ont été révoqués ou remplacés).",
  }),
  "lightspeed.clientRefused": entry({
    en: () => "Lightspeed refused the app's client ID and secret: check them, then reconnect the account.",
    fr: () =>
      "Lightspeed a refusé l'identifiant client et le secret de l'app : vérifiez-les, puis reconnectez le compte.",
  }),
  "lightspeed.accountRefused": entry({
    en: () =>
      "Lightspeed refused access to this account (HTTP 403): check the account ID, or reconnect with a user of that account.",
    fr: () =>
      "Lightspeed a refusé l'accès à ce compte (HTTP 403) : vérifiez l'identifiant du compte, ou reconnectez-vous avec un utilisateur de ce compte.",
  }),
  "lightspeed.bucketFull": entry<{ what: string }>({
    en: (p) => `Lightspeed is busy (${p.what}): its request bucket stayed full.`,
    fr: (p) => `Lightspeed est surchargé (${p.what}) : sa réserve de demandes est restée pleine.`,
  }),
  "lightspeed.signInFailed": entry<{ status: number }>({
    en: (p) => `Lightspeed's sign-in failed (${describeHttpStatus(p.status)}).`,
    fr: (p) => `La connexion à Lightspeed a échoué (${httpStatusFr(p.status)}).`,
  }),
  "lightspeed.noAccessToken": entry({
    en: () => "Lightspeed's sign-in answered without an access token.",
    fr: () => "La connexion à Lightspeed a répondu sans jeton d'accès.",
  }),
  "client.notItsApiStop": entry<{ system: string; what: string; status: number }>({
    en: (p) => `${p.system} answered ${p.what} with something that is not its API (${describeHttpStatus(p.status)}).`,
    fr: (p) => `${p.system} a répondu à ${p.what} par quelque chose qui n'est pas son API (${httpStatusFr(p.status)}).`,
  }),
  "client.unknownStop": entry<{ system: string; what: string }>({
    en: (p) => `${p.system} does not know ${p.what} (HTTP 404).`,
    fr: (p) => `${p.system} ne connaît pas ${p.what} (HTTP 404).`,
  }),
  // Tuyo's own text (Spanish or English) follows as "Tuyo said: …" when it gave one.
  "tuyo.keyRefused": entry<{ status: number; text: string }>({
    en: (p) => `Tuyo refused the API key (${describeHttpStatus(p.status)}). Check the key.${tuyoSaidEn(p.text)}`,
    fr: (p) => `Tuyo a refusé la clé d'API (${httpStatusFr(p.status)}). Vérifiez la clé.${tuyoSaidFr(p.text)}`,
  }),
  "tuyo.notAllowed": entry<{ what: string; status: number; text: string }>({
    en: (p) => `Tuyo does not allow ${p.what} with this key (${describeHttpStatus(p.status)}).${tuyoSaidEn(p.text)}`,
    fr: (p) => `Tuyo n'autorise pas ${p.what} avec cette clé (${httpStatusFr(p.status)}).${tuyoSaidFr(p.text)}`,
  }),
  "tuyo.unknown": entry<{ what: string; status: number; text: string }>({
    en: (p) => `Tuyo does not know what ${p.what} names (${describeHttpStatus(p.status)}).${tuyoSaidEn(p.text)}`,
    fr: (p) => `Tuyo ne connaît pas ce que désigne ${p.what} (${httpStatusFr(p.status)}).${tuyoSaidFr(p.text)}`,
  }),
  "tuyo.refused": entry<{ what: string; status: number; text: string }>({
    en: (p) => `Tuyo refused ${p.what} (${describeHttpStatus(p.status)}).${tuyoSaidEn(p.text)}`,
    fr: (p) => `Tuyo a refusé ${p.what} (${httpStatusFr(p.status)}).${tuyoSaidFr(p.text)}`,
  }),
  "tuyo.clockSkew": entry({
    en: () =>
      "Tuyo refused the request as expired twice, although its timestamp was fresh: this server's clock and Tuyo's disagree. Check the server's time (NTP).",
    fr: () =>
      "Tuyo a refusé deux fois la demande comme expirée, alors que son horodatage était récent : l'horloge de ce serveur et celle de Tuyo ne concordent pas. Vérifiez l'heure du serveur (NTP).",
  }),

  "fastmag.noGiftCardDebit": entry({
    en: () =>
      "Fastmag's EDI interface has no transaction to debit a gift card: enter online spending in Fastmag by hand.",
    fr: () =>
      "L'interface EDI de Fastmag n'a pas de transaction pour débiter une carte cadeau : saisissez les dépenses en ligne dans Fastmag à la main.",
  }),

  // ── Shopify's refusals (app/shopify/admin-client.server.ts): its own words, quoted ─────────────
  // (The English is as it was before these were stored with words: screens and tests quote it.)
  "shopify.userErrors": entry<{ operation: string; errors: string }>({
    en: (p) => `${p.operation} failed: ${p.errors}`,
    fr: (p) => `Shopify a refusé ${p.operation} : ${quote.fr(p.errors)}`,
  }),
  "shopify.rejected": entry<{ operation: string; errors: string }>({
    en: (p) => `Shopify rejected ${p.operation}: ${p.errors}`,
    fr: (p) => `Shopify a rejeté ${p.operation} : ${quote.fr(p.errors)}`,
  }),
  "shopify.tokenRefused": entry<{ shop: string; status: number }>({
    en: (p) => `Shopify refused the app's access token for ${p.shop} (HTTP ${p.status}); reinstall or re-open the app`,
    fr: (p) =>
      `Shopify a refusé le jeton d'accès de l'app pour ${p.shop} (HTTP ${p.status}) ; réinstallez ou rouvrez l'app`,
  }),

  // Shopify's bulk operations, uploads and stock writes (app/shopify): its status and codes are its own.
  "shopify.bulkTimeout": entry<{ id: string }>({
    en: (p) => `Shopify's bulk operation ${p.id} did not finish in time`,
    fr: (p) => `L'opération groupée ${p.id} de Shopify ne s'est pas terminée à temps`,
  }),
  "shopify.bulkLost": entry<{ id: string }>({
    en: (p) => `Shopify lost bulk operation ${p.id}`,
    fr: (p) => `Shopify a perdu l'opération groupée ${p.id}`,
  }),
  "shopify.bulkEnded": entry<{ id: string; status: string; code: string }>({
    en: (p) => `Shopify's bulk operation ${p.id} ended ${p.status}${String(p.code) ? ` (${p.code})` : ""}`,
    fr: (p) =>
      `L'opération groupée ${p.id} de Shopify s'est terminée en ${p.status}${String(p.code) ? ` (${p.code})` : ""}`,
  }),
  "shopify.bulkDownloadFailed": entry<{ status: number }>({
    en: (p) => `Could not download the bulk result (HTTP ${p.status})`,
    fr: (p) => `Le résultat de l'opération groupée n'a pas pu être téléchargé (HTTP ${p.status})`,
  }),
  "shopify.stagedUploadFailed": entry<{ status: number }>({
    en: (p) => `The staged upload failed (HTTP ${p.status})`,
    fr: (p) => `L'envoi du fichier à Shopify a échoué (HTTP ${p.status})`,
  }),
  "shopify.imageUploadFailed": entry<{ name: string; status: number }>({
    en: (p) => `The upload of ${p.name} to Shopify failed (HTTP ${p.status})`,
    fr: (p) => `L'envoi de ${p.name} à Shopify a échoué (HTTP ${p.status})`,
  }),
  "shopify.stockStillProcessing": entry({
    en: () => "Shopify kept processing an earlier identical stock update",
    fr: () => "Shopify traitait toujours une mise à jour de stock identique envoyée plus tôt",
  }),

  // ── Stock, prices: rows and items a run left alone or could not read ─────────────────────────────
  "sync.unreadableRow": entry<{ source: string; reason: string }>({
    en: (p) => `Could not be read from ${p.source}: ${p.reason}`,
    fr: (p) => `Illisible dans ${p.source} : ${p.reason}`,
  }),
  "sync.unreadableRows": entry<{ count: number; source: string }>({
    en: (p) => `${plural(p.count, "row")} from ${p.source} could not be read: listed under Failed rows, not synced.`,
    fr: (p) =>
      Number(p.count) < 2
        ? `${fr(p.count)} ligne de ${p.source} n'a pas pu être lue : elle est listée dans les lignes en échec, non synchronisée.`
        : `${fr(p.count)} lignes de ${p.source} n'ont pas pu être lues : elles sont listées dans les lignes en échec, non synchronisées.`,
  }),
  // An ERP row the app could not read (app/connectors/fastmag/mapping.server.ts): the column is the ERP's
  // name for it, the value as the ERP sent it.
  "row.empty": entry<{ column: string }>({
    en: (p) => `${p.column} is empty`,
    fr: (p) => `${p.column} est vide`,
  }),
  "row.notNumber": entry<{ column: string; value: string }>({
    en: (p) => `${p.column} "${p.value}" is not a number`,
    fr: (p) => `${p.column} ${quote.fr(p.value)} n'est pas un nombre`,
  }),
  "row.negative": entry<{ column: string; value: string }>({
    en: (p) => `${p.column} ${p.value} is negative`,
    fr: (p) => `${p.column} ${p.value} est négatif`,
  }),
  "row.notWholeNumber": entry<{ column: string; value: string }>({
    en: (p) => `${p.column} "${p.value}" is not a whole number`,
    fr: (p) => `${p.column} ${quote.fr(p.value)} n'est pas un nombre entier`,
  }),
  "row.notYesNo": entry<{ column: string; value: string }>({
    en: (p) => `${p.column} "${p.value}" is not yes or no`,
    fr: (p) => `${p.column} ${quote.fr(p.value)} n'est ni oui ni non`,
  }),
  "row.notDate": entry<{ column: string; value: string }>({
    en: (p) => `${p.column} "${p.value}" is not a date`,
    fr: (p) => `${p.column} ${quote.fr(p.value)} n'est pas une date`,
  }),
  "row.wrongFieldCount": entry<{ line: string; expected: number; found: number; text: string }>({
    en: (p) => `row ${p.line}: expected ${p.expected} fields, found ${p.found} ("${p.text}")`,
    fr: (p) => `ligne ${p.line} : ${p.expected} champs attendus, ${p.found} trouvés (${quote.fr(p.text)})`,
  }),
  "row.at": entry<{ line: string; problem: string }>({
    en: (p) => `row ${p.line}: ${p.problem}`,
    fr: (p) => `ligne ${p.line} : ${p.problem}`,
  }),
  "row.atLabelled": entry<{ line: string; label: string; problem: string }>({
    en: (p) => `row ${p.line} (${p.label}): ${p.problem}`,
    fr: (p) => `ligne ${p.line} (${p.label}) : ${p.problem}`,
  }),
  "stock.unknownInSource": entry<{ source: string }>({
    en: (p) => `No variant with this SKU in ${p.source}: its Shopify stock is left as it is.`,
    fr: (p) => `Aucune variante avec ce SKU dans ${p.source} : son stock Shopify reste tel quel.`,
  }),
  "stock.unknownInShopify": entry({
    en: () => "No Shopify variant has this SKU.",
    fr: () => "Aucune variante Shopify n'a ce SKU.",
  }),
  "stock.notStocked": entry({
    en: () => "This variant is not stocked at the synced Shopify location.",
    fr: () => "Cette variante n'est pas stockée à l'emplacement Shopify synchronisé.",
  }),
  "stock.duplicateInShopify": entry({
    en: () =>
      "Another Shopify variant has this SKU too: only the first one found gets the stock; give each variant its own SKU.",
    fr: () =>
      "Une autre variante Shopify a aussi ce SKU : seule la première trouvée reçoit le stock ; donnez à chaque variante son propre SKU.",
  }),
  "stock.phase.saving": entry({
    en: () => "Saving the stock snapshot",
    fr: () => "Enregistrement de la photo du stock",
  }),
  "stock.phase.writing": entry({
    en: () => "Writing to Shopify",
    fr: () => "Écriture dans Shopify",
  }),
  "stock.notSentTo": entry<{ destination: string; message: string }>({
    en: (p) => `Stock not sent to ${p.destination}: ${p.message}`,
    fr: (p) => `Stock non envoyé à ${p.destination} : ${p.message}`,
  }),
  "stock.fullInsteadOfChanges.noWatermark": entry({
    en: () => "Full stock sync instead of changes only: no watermark yet.",
    fr: () => "Synchronisation complète du stock au lieu des seuls changements : pas encore de point de reprise.",
  }),
  "stock.fullInsteadOfChanges.oldWatermark": entry<{ watermark: string }>({
    en: (p) => `Full stock sync instead of changes only: the last watermark (${p.watermark}) is too old.`,
    fr: (p) =>
      `Synchronisation complète du stock au lieu des seuls changements : le dernier point de reprise (${p.watermark}) est trop ancien.`,
  }),
  "stock.phase.reading": entry<{ source: string }>({
    en: (p) => `Reading stock from ${p.source}`,
    fr: (p) => `Lecture du stock dans ${p.source}`,
  }),
  "stock.phase.readingMovements": entry<{ source: string }>({
    en: (p) => `Reading stock movements from ${p.source}`,
    fr: (p) => `Lecture des mouvements de stock dans ${p.source}`,
  }),
  "prices.noPriceInSource": entry<{ source: string }>({
    en: (p) => `No price for this SKU in ${p.source}: its Shopify price is left as it is.`,
    fr: (p) => `Aucun prix pour ce SKU dans ${p.source} : son prix Shopify reste tel quel.`,
  }),
  "prices.inPromotion": entry<{ count: number }>({
    en: (p) => `${en(p.count)} variants are in a promotion: their new prices are kept for its end.`,
    fr: (p) =>
      `${pluriel(p.count, "variante")} ${Number(p.count) < 2 ? "est" : "sont"} en promotion : ${Number(p.count) < 2 ? "son nouveau prix est gardé" : "leurs nouveaux prix sont gardés"} pour sa fin.`,
  }),
  "prices.phase.reading": entry<{ source: string }>({
    en: (p) => `Reading prices from ${p.source} and Shopify`,
    fr: (p) => `Lecture des prix dans ${p.source} et dans Shopify`,
  }),
  "prices.phase.writing": entry({
    en: () => "Writing prices to Shopify",
    fr: () => "Écriture des prix dans Shopify",
  }),

  // ── App events on the Logs screen (app/alerts) ───────────────────────────────────────────────────
  "event.runFailed": entry<{ title: string; message: string }>({
    en: (p) => `${p.title} failed: ${p.message}`,
    fr: (p) => `${p.title} a échoué : ${p.message}`,
  }),
  "event.connectorSaved": entry<{ connector: string }>({
    en: (p) => `${p.connector} settings saved.`,
    fr: (p) => `Réglages de ${p.connector} enregistrés.`,
  }),
  "event.connectionWorks": entry<{ connector: string; message: string }>({
    en: (p) => `Connection test of ${p.connector}: it works. ${p.message}`,
    fr: (p) => `Test de connexion de ${p.connector} : elle fonctionne. ${p.message}`,
  }),
  "event.connectionFailed": entry<{ connector: string; message: string }>({
    en: (p) => `Connection test of ${p.connector}: it failed. ${p.message}`,
    fr: (p) => `Test de connexion de ${p.connector} : elle a échoué. ${p.message}`,
  }),
  "event.mailSettingsSaved": entry({
    en: () => "Mail (SMTP) settings saved.",
    fr: () => "Réglages des mails (SMTP) enregistrés.",
  }),

  // ── Order exports (app/sync/orders): shown on Orders and the order's page ────────────────────────
  "orders.unexpectedError": entry<{ detail: string }>({
    en: (p) => `Unexpected error: ${p.detail}`,
    fr: (p) => `Erreur inattendue : ${p.detail}`,
  }),
  "orders.statusUpdateFailed": entry<{ message: string }>({
    en: (p) => `Status update failed: ${p.message}`,
    fr: (p) => `La mise à jour du statut a échoué : ${p.message}`,
  }),
  "orders.erpIdNotSavedEvent": entry<{ destination: string; message: string }>({
    en: (p) => `Could not save the ${p.destination} id on the Shopify order: ${p.message}`,
    fr: (p) => `L'identifiant ${de(p.destination)} n'a pas pu être enregistré sur la commande Shopify : ${p.message}`,
  }),
  "orders.erpIdNotSaved": entry<{ destination: string; message: string }>({
    en: (p) => `${p.destination} id not saved on the Shopify order: ${p.message}`,
    fr: (p) => `Identifiant ${de(p.destination)} non enregistré sur la commande Shopify : ${p.message}`,
  }),
  "orders.received": entry<{ source: string }>({
    // source: "webhook" or "reconciliation" (app/sync/orders/records.server.ts).
    en: (p) => `Order received from Shopify (${p.source}).`,
    fr: (p) =>
      `Commande reçue de Shopify (${p.source === "webhook" ? "webhook" : p.source === "reconciliation" ? "rattrapage" : p.source}).`,
  }),

  // ── Fastmag's refusals (app/connectors/fastmag/refusals.ts): Fastmag's values quoted in French ───
  "fastmag.unknownArticle": entry<{ article: string }>({
    en: (p) => `Fastmag does not know the article ${p.article}: create it there or map it to a Shopify variant.`,
    fr: (p) =>
      `Fastmag ne connaît pas l'article ${quote.fr(p.article)} : créez-le dans Fastmag ou associez-le à une variante Shopify.`,
  }),
  "fastmag.unknownCustomer": entry<{ customer: string }>({
    en: (p) => `Fastmag does not know the customer ${p.customer}: create the customer there, then retry.`,
    fr: (p) => `Fastmag ne connaît pas le client ${quote.fr(p.customer)} : créez-le dans Fastmag, puis réessayez.`,
  }),
  "fastmag.unknownOrder": entry<{ order: string }>({
    en: (p) => `Fastmag has no order ${p.order}: it may have been deleted there.`,
    fr: (p) => `Fastmag n'a pas de commande ${quote.fr(p.order)} : elle y a peut-être été supprimée.`,
  }),
  "fastmag.unknownStatus": entry<{ status: string }>({
    en: (p) => `Fastmag does not accept the status ${p.status}: add it to Fastmag's order statuses.`,
    fr: (p) => `Fastmag n'accepte pas le statut ${quote.fr(p.status)} : ajoutez-le aux statuts de commande de Fastmag.`,
  }),
  "fastmag.notEnoughStock": entry({
    en: () => "Fastmag does not have enough stock for this move.",
    fr: () => "Fastmag n'a pas assez de stock pour ce mouvement.",
  }),
  "fastmag.refused": entry<{ what: string; said: string }>({
    // what: "fastmag.refused.order" or "fastmag.refused.status", said: Fastmag's own words.
    en: (p) => `Fastmag refused ${p.what}. Fastmag said: "${p.said}".`,
    fr: (p) => `Fastmag a refusé ${p.what}. Fastmag a répondu : ${quote.fr(p.said)}.`,
  }),
  "fastmag.refused.order": entry({
    en: () => "the order",
    fr: () => "la commande",
  }),
  "fastmag.refused.status": entry<{ state: string }>({
    // state: "cancelled" or "refunded" (FASTMAG_WEB_STATUS).
    en: (p) => `the ${p.state} status`,
    fr: (p) =>
      `le statut ${p.state === "cancelled" ? "d'annulation" : p.state === "refunded" ? "de remboursement" : p.state}`,
  }),
  "fastmag.notASku": entry<{ sku: string }>({
    en: (p) => `"${p.sku}" is not a Fastmag SKU (REFERENCE|COLOR|SIZE)`,
    fr: (p) => `${quote.fr(p.sku)} n'est pas un SKU Fastmag (RÉFÉRENCE|COULEUR|TAILLE)`,
  }),

  // ── Promotions (app/promotions): start, follow, end ─────────────────────────────────────────────
  "promotions.phase.readingCollections": entry({
    en: () => "Reading the promotion's collections",
    fr: () => "Lecture des collections de la promotion",
  }),
  "promotions.collectionsUnreadable": entry<{ message: string }>({
    en: (p) => `The collections could not be read again: ${p.message} Nothing changed.`,
    fr: (p) => `Les collections n'ont pas pu être relues : ${stop(p.message)} Rien n'a changé.`,
  }),
  "promotions.heldByOther": entry<{ promotion: string }>({
    en: (p) => `It joined the collection, but "${p.promotion}" already covers it: left to that promotion.`,
    fr: (p) => `Il a rejoint la collection, mais ${quote.fr(p.promotion)} le couvre déjà : laissé à cette promotion.`,
  }),
  "promotions.productsAdded": entry<{ count: number }>({
    en: (p) => `${en(p.count)} product(s) added to the collections are now in the promotion.`,
    fr: (p) =>
      Number(p.count) < 2
        ? `${fr(p.count)} produit ajouté aux collections est maintenant dans la promotion.`
        : `${fr(p.count)} produits ajoutés aux collections sont maintenant dans la promotion.`,
  }),
  "promotions.productsRemoved": entry<{ count: number }>({
    en: (p) => `${en(p.count)} product(s) left the collections: let go as at the end.`,
    fr: (p) =>
      Number(p.count) < 2
        ? `${fr(p.count)} produit a quitté les collections : rendu comme à la fin.`
        : `${fr(p.count)} produits ont quitté les collections : rendus comme à la fin.`,
  }),
  "promotions.nothingToStart": entry<{ state: string }>({
    en: (p) => `The promotion is ${p.state}: nothing to start.`,
    fr: (p) => `La promotion est ${promotionStateFr(p.state)} : rien à lancer.`,
  }),
  "promotions.phase.findingProducts": entry({
    en: () => "Finding the promotion's products",
    fr: () => "Recherche des produits de la promotion",
  }),
  "promotions.discountFound": entry<{ id: string }>({
    en: (p) => `Automatic discount ${p.id} found (created by an earlier try).`,
    fr: (p) => `Réduction automatique ${p.id} retrouvée (créée par un essai précédent).`,
  }),
  "promotions.discountCreated": entry<{ id: string }>({
    en: (p) => `Automatic discount ${p.id} created.`,
    fr: (p) => `Réduction automatique ${p.id} créée.`,
  }),
  "promotions.phase.tagging": entry({
    en: () => "Tagging the products",
    fr: () => "Ajout de la balise aux produits",
  }),
  "promotions.phase.readingPrices": entry({
    en: () => "Reading the variants' prices",
    fr: () => "Lecture des prix des variantes",
  }),
  "promotions.zeroPrice": entry({
    en: () => "Its price is 0: there is nothing to take a percentage off.",
    fr: () => "Son prix est 0 : il n'y a rien dont retirer un pourcentage.",
  }),
  "promotions.phase.lowering": entry({
    en: () => "Lowering prices",
    fr: () => "Baisse des prix",
  }),
  "promotions.alreadyEnded": entry({
    en: () => "The promotion has already ended.",
    fr: () => "La promotion est déjà terminée.",
  }),
  "promotions.discountDeactivated": entry<{ id: string }>({
    en: (p) => `Automatic discount ${p.id} deactivated.`,
    fr: (p) => `Réduction automatique ${p.id} désactivée.`,
  }),
  "promotions.phase.untagging": entry({
    en: () => "Removing the tag",
    fr: () => "Retrait de la balise",
  }),
  "promotions.variantGone": entry({
    en: () => "This variant is no longer in Shopify.",
    fr: () => "Cette variante n'est plus dans Shopify.",
  }),
  "promotions.priceChangedDuring": entry<{ now: string; promo: string; original: string }>({
    en: (p) =>
      `Its price was changed during the promotion (now ${p.now}, the promotion had set ${p.promo}): left as it is, not put back to ${p.original}.`,
    fr: (p) =>
      `Son prix a été modifié pendant la promotion (maintenant ${p.now}, la promotion avait mis ${p.promo}) : laissé tel quel, pas remis à ${p.original}.`,
  }),
  "promotions.phase.restoring": entry({
    en: () => "Restoring prices",
    fr: () => "Rétablissement des prix",
  }),
  "promotions.notTold": entry<{ destination: string; message: string }>({
    en: (p) => `${p.destination} could not be told about the promotions: ${p.message}`,
    fr: (p) => `Les promotions n'ont pas pu être transmises ${a(p.destination)} : ${p.message}`,
  }),
  // ── Catalog import and first import (app/sync/catalog) ─────────────────────────────────────────
  "catalog.phase.readingSeason": entry<{ season: string; source: string }>({
    en: (p) => `Reading season ${p.season} from ${p.source}`,
    fr: (p) => `Lecture de la saison ${p.season} dans ${p.source}`,
  }),
  "catalog.phase.sendingSeason": entry<{ season: string }>({
    en: (p) => `Sending season ${p.season} to Shopify`,
    fr: (p) => `Envoi de la saison ${p.season} à Shopify`,
  }),
  "catalog.phase.readingShopify": entry({
    en: () => "Reading Shopify's products",
    fr: () => "Lecture des produits de Shopify",
  }),
  "catalog.tooManyOptions": entry<{ count: number; options: string; max: number }>({
    en: (p) => `${p.count} options (${p.options}): Shopify allows at most ${p.max} options per product`,
    fr: (p) => `${p.count} options (${p.options}) : Shopify autorise au plus ${p.max} options par produit`,
  }),
  "catalog.tooManyVariants": entry<{ count: number; max: number }>({
    en: (p) => `${p.count} variants: Shopify allows at most ${p.max.toLocaleString("en")} variants per product`,
    fr: (p) => `${p.count} variantes : Shopify autorise au plus ${fr(p.max)} variantes par produit`,
  }),
  "catalog.overLimit": entry<{ title: string; key: string; problem: string }>({
    en: (p) => `${p.title} (${p.key}) has ${p.problem}.`,
    fr: (p) => `${p.title} (${p.key}) a ${p.problem}.`,
  }),
  "catalog.variantGone": entry<{ source: string; season: string }>({
    en: (p) => `No longer in ${p.source}'s season ${p.season}: kept in Shopify, not deleted.`,
    fr: (p) => `N'est plus dans la saison ${p.season} ${de(p.source)} : gardée dans Shopify, pas supprimée.`,
  }),
  "catalog.refused": entry<{ title: string; key: string; errors: string }>({
    en: (p) => `Shopify refused ${p.title} (${p.key}): ${p.errors}`,
    fr: (p) => `Shopify a refusé ${p.title} (${p.key}) : ${quote.fr(p.errors)}`,
  }),
  "catalog.notArchived": entry<{ key: string; errors: string }>({
    en: (p) => `Shopify did not archive ${p.key}: ${p.errors}`,
    fr: (p) => `Shopify n'a pas archivé ${p.key} : ${quote.fr(p.errors)}`,
  }),
  "firstImport.conflict": entry<{ title: string; reason: string }>({
    en: (p) => `${p.title}: ${p.reason}`,
    fr: (p) => `${p.title} : ${p.reason}`,
  }),
  "firstImport.sharedSku": entry<{ sku: string; others: string; key: string }>({
    en: (p) => `SKU ${p.sku} is also on ${p.others}: which product is ${p.key} cannot be told, nothing was changed`,
    fr: (p) =>
      `le SKU ${p.sku} est aussi sur ${p.others} : impossible de savoir quel produit est ${p.key}, rien n'a été modifié`,
  }),
  "firstImport.manySourceProducts": entry<{ count: number; source: string; keys: string }>({
    en: (p) =>
      `its variants point at ${p.count} ${p.source} products (${p.keys}): split it in Shopify or fix the SKUs, nothing was changed`,
    fr: (p) =>
      `ses variantes désignent ${fr(p.count)} produits ${de(p.source)} (${p.keys}) : séparez-le dans Shopify ou corrigez les SKU, rien n'a été modifié`,
  }),
  "firstImport.otherId": entry<{ field: string; current: string; key: string }>({
    en: (p) => `it already carries ${p.field} ${p.current} but its variants match ${p.key}: nothing was changed`,
    fr: (p) =>
      `il porte déjà ${p.field} ${p.current} mais ses variantes correspondent à ${p.key} : rien n'a été modifié`,
  }),
  "firstImport.manyShopifyProducts": entry<{ source: string; key: string; count: number; titles: string }>({
    en: (p) => `${p.source} product ${p.key} matches ${p.count} Shopify products (${p.titles}): nothing was changed`,
    fr: (p) =>
      `le produit ${p.key} ${de(p.source)} correspond à ${fr(p.count)} produits Shopify (${p.titles}) : rien n'a été modifié`,
  }),
  "firstImport.idRefused": entry<{ field: string; message: string }>({
    en: (p) => `Shopify did not take its ${p.field}: ${p.message}`,
    fr: (p) => `Shopify n'a pas accepté son ${p.field} : ${quote.fr(p.message)}`,
  }),
  // ── Gift cards (app/sync/gift-cards) ─────────────────────────────────────────────────────────────
  "giftCards.phase.checkingSold": entry({
    en: () => "Checking cards sold since the last run",
    fr: () => "Vérification des cartes vendues depuis la dernière exécution",
  }),
  "giftCards.phase.balances": entry({
    en: () => "Balances",
    fr: () => "Soldes",
  }),
  "giftCards.mailsRetrying": entry<{ count: number }>({
    en: (p) => `${en(p.count)} mail(s) will be tried again later`,
    fr: (p) =>
      Number(p.count) < 2
        ? `${fr(p.count)} e-mail sera retenté plus tard`
        : `${fr(p.count)} e-mails seront retentés plus tard`,
  }),
  "giftCards.notActivated": entry<{ code: string; source: string }>({
    en: (p) => `Gift card ${p.code} is not activated in ${p.source} yet.`,
    fr: (p) => `La carte cadeau ${p.code} n'est pas encore activée dans ${p.source}.`,
  }),
  "giftCards.shopifyCardGone": entry({
    en: () => "The Shopify gift card is gone.",
    fr: () => "La carte cadeau Shopify n'existe plus.",
  }),
  "giftCards.sourceCardGone": entry<{ source: string }>({
    en: (p) => `${p.source} no longer has this card.`,
    fr: (p) => `${p.source} n'a plus cette carte.`,
  }),
  "giftCards.bothMoved": entry<{ source: string; sourceMove: string; shopifyMove: string }>({
    en: (p) =>
      `Both balances moved since they were last in step: ${p.source} ${p.sourceMove}, ` +
      `Shopify ${p.shopifyMove}. Nothing was changed: make one match the other by hand.`,
    fr: (p) =>
      `Les deux soldes ont bougé depuis leur dernier alignement : ${p.source} ${p.sourceMove}, ` +
      `Shopify ${p.shopifyMove}. Rien n'a été modifié : alignez l'un sur l'autre à la main.`,
  }),
  // The English lowercases its note, the source's name with it (as it was before words were stored).
  "giftCards.spentInStore": entry<{ code: string; amount: string; source: string }>({
    en: (p) => `${p.code}: ${p.amount} in Shopify (spent in store (${p.source.toLowerCase()}))`,
    fr: (p) => `${p.code} : ${p.amount} dans Shopify (dépensé en magasin, ${p.source})`,
  }),
  "giftCards.creditedInStore": entry<{ code: string; amount: string; source: string }>({
    en: (p) => `${p.code}: ${p.amount} in Shopify (credited in store (${p.source.toLowerCase()}))`,
    fr: (p) => `${p.code} : ${p.amount} dans Shopify (crédité en magasin, ${p.source})`,
  }),
  "giftCards.onlineNotReported": entry<{ amount: string; reason: string }>({
    en: (p) => `${p.amount} online not reported: ${p.reason}`,
    fr: (p) => `${p.amount} en ligne non signalé : ${p.reason}`,
  }),
  // ── Images (app/sync/images) ─────────────────────────────────────────────────────────────────────
  "images.phase.listing": entry({
    en: () => "Listing the images",
    fr: () => "Liste des images",
  }),
  "images.notTaken": entry<{ reason: string }>({
    en: (p) => `Not taken: ${p.reason}.`,
    fr: (p) => `Non prise : ${p.reason}.`,
  }),
  "images.noProduct": entry<{ key: string }>({
    en: (p) => `No product in Shopify has a SKU of reference ${p.key}.`,
    fr: (p) => `Aucun produit dans Shopify n'a de SKU de référence ${p.key}.`,
  }),
  "images.manyProducts": entry<{ count: number; key: string }>({
    en: (p) => `${en(p.count)} products in Shopify have SKUs of reference ${p.key}: which one is not guessed.`,
    fr: (p) =>
      `${fr(p.count)} produits dans Shopify ont des SKU de référence ${p.key} : l'app ne devine pas lequel est le bon.`,
  }),
  "images.notSent": entry<{ message: string }>({
    en: (p) => `Not sent to Shopify: ${p.message}`,
    fr: (p) => `Non envoyée à Shopify : ${p.message}`,
  }),
  "images.unusable": entry<{ reason: string }>({
    en: (p) => `Shopify could not use this image: ${p.reason}`,
    fr: (p) => `Shopify n'a pas pu utiliser cette image : ${quote.fr(p.reason)}`,
  }),
  "images.phase.sending": entry({
    en: () => "Sending images to Shopify",
    fr: () => "Envoi des images à Shopify",
  }),
  // How an order job ended (app/sync/orders/jobs.server.ts): the English is the outcome's code word.
  "orders.outcome": entry<{ order: string; kind: string }>({
    en: (p) => `order ${p.order}: ${p.kind}`,
    fr: (p) => `commande ${p.order} : ${orderOutcomeFr(p.kind)}`,
  }),
  "orders.notInRecords": entry({
    en: () => "Not in the app's order records.",
    fr: () => "Absente des commandes enregistrées par l'app.",
  }),
  "orders.cancelledBeforeExport": entry<{ destination: string }>({
    en: (p) => `Cancelled in Shopify before export; not sent to ${p.destination}.`,
    fr: (p) => `Annulée dans Shopify avant l'export ; non envoyée ${a(p.destination)}.`,
  }),
  "orders.alreadyIn": entry<{ destination: string }>({
    en: (p) => `Already in ${p.destination}.`,
    fr: (p) => `Déjà dans ${p.destination}.`,
  }),
  "orders.nothingToReport": entry({
    en: () => "Nothing left to report.",
    fr: () => "Plus rien à signaler.",
  }),
  "orders.cancelledNothingToTell": entry<{ destination: string }>({
    en: (p) => `Cancelled before export; nothing to tell ${p.destination}.`,
    fr: (p) => `Annulée avant l'export ; rien à signaler ${a(p.destination)}.`,
  }),
  // ── Point of sale stock (app/pos) ──────────────────────────────────────────────────────────────
  "pos.heldMovesSent": entry<{ count: number }>({
    en: (p) => `Sent ${en(p.count)} sale and return moves that waited for this account.`,
    fr: (p) =>
      Number(p.count) < 2
        ? `${fr(p.count)} mouvement de vente ou de retour en attente pour ce compte a été envoyé.`
        : `${fr(p.count)} mouvements de vente et de retour en attente pour ce compte ont été envoyés.`,
  }),
  "pos.phase.readingCounts": entry({
    en: () => "Reading the POS counts",
    fr: () => "Lecture des quantités de la caisse",
  }),
  "pos.phase.done": entry({
    en: () => "Done",
    fr: () => "Terminé",
  }),
  "pos.notStocked": entry({
    en: () => "This variant is not stocked at the mapped Shopify location: its level is left as it is.",
    fr: () => "Cette variante n'est pas stockée à l'emplacement Shopify associé : sa quantité reste telle quelle.",
  }),
  // ── Store credit mirror (app/customers/store-credit-mirror.server.ts) ────────────────────────────
  "customers.phase.mirroring": entry({
    en: () => "Mirroring to store credit",
    fr: () => "Report sur le crédit en magasin",
  }),
  "customers.mirrorOff": entry({
    en: () => "Mirroring to Shopify store credit is off (Customers screen).",
    fr: () => "Le report sur le crédit en magasin Shopify est désactivé (écran Clients).",
  }),
  "customers.unreadableRecord": entry<{ source: string; reason: string }>({
    en: (p) => `${p.source} gave a record that could not be read: ${p.reason}`,
    fr: (p) => `${p.source} a donné une fiche illisible : ${p.reason}`,
  }),
  "customers.noShopifyCustomer": entry({
    en: () => "Shopify has no customer with this e-mail: the store credit waits until they have an account.",
    fr: () => "Shopify n'a aucun client avec cette adresse e-mail : le crédit en magasin attend qu'il ait un compte.",
  }),
  "customers.moveInterrupted": entry<{ email: string }>({
    en: (p) => `${p.email}: a store credit move was interrupted and the balance moved since; it is taken as made.`,
    fr: (p) =>
      `${p.email} : un mouvement de crédit en magasin a été interrompu et le solde a bougé depuis ; il est considéré comme fait.`,
  }),
  "customers.spentInShopify": entry<{ email: string; cents: number; currency: string; source: string }>({
    en: (p) =>
      `${p.email}: store credit spent in Shopify since the last mirror (${moneyIn("en")(p.cents, p.currency)}); ${p.source} is not told, adjust it there if needed.`,
    fr: (p) =>
      `${p.email} : crédit en magasin dépensé dans Shopify depuis le dernier report (${moneyIn("fr")(p.cents, p.currency)}) ; ${p.source} n'en est pas informé, ajustez-le là-bas si besoin.`,
  }),
  "customers.addedInShopify": entry<{ email: string; cents: number; currency: string; source: string }>({
    en: (p) =>
      `${p.email}: store credit added in Shopify since the last mirror (${moneyIn("en")(p.cents, p.currency)}); ${p.source} is not told, adjust it there if needed.`,
    fr: (p) =>
      `${p.email} : crédit en magasin ajouté dans Shopify depuis le dernier report (${moneyIn("fr")(p.cents, p.currency)}) ; ${p.source} n'en est pas informé, ajustez-le là-bas si besoin.`,
  }),
  "customers.onlyLeft": entry<{ source: string; downCents: number; leftCents: number; currency: string }>({
    en: (p) =>
      `${p.source} went down by ${moneyIn("en")(p.downCents, p.currency)} but only ${moneyIn("en")(p.leftCents, p.currency)} of store credit is left in Shopify: only that was taken off.`,
    fr: (p) =>
      `${p.source} a baissé de ${moneyIn("fr")(p.downCents, p.currency)} mais il ne reste que ${moneyIn("fr")(p.leftCents, p.currency)} de crédit en magasin dans Shopify : seul ce montant a été retiré.`,
  }),
  // ── RetailCRM and Tuyo stock (app/connectors/retailcrm, app/connectors/tuyo) ───────────────────────
  "retailcrm.noOffer": entry<{ sku: string }>({
    en: (p) =>
      `No RetailCRM offer has "${p.sku}" as its article (or external id, or XML id): its stock is not sent to RetailCRM. Give the offer this article in RetailCRM.`,
    fr: (p) =>
      `Aucune offre RetailCRM n'a ${quote.fr(p.sku)} comme article (ni comme identifiant externe ou XML) : son stock n'est pas envoyé à RetailCRM. Donnez cet article à l'offre dans RetailCRM.`,
  }),
  "retailcrm.offerGone": entry({
    en: () =>
      "RetailCRM no longer knows the offer this SKU was matched to: it will be looked up again on the next full run.",
    fr: () =>
      "RetailCRM ne connaît plus l'offre associée à ce SKU : elle sera recherchée à nouveau lors de la prochaine exécution complète.",
  }),
  "tuyo.stockRefused": entry<{ sku: string; refusal: string }>({
    en: (p) => `Tuyo refused the stock of ${p.sku}: ${p.refusal}`,
    fr: (p) => `Tuyo a refusé le stock de ${p.sku} : ${quote.fr(p.refusal)}`,
  }),
  // Why Tuyo cannot list a product (app/connectors/tuyo/mapping.server.ts), checked before sending.
  "tuyo.noCategory": entry<{ productType: string }>({
    en: (p) =>
      `No Tuyo category is mapped for product type "${p.productType || "(none)"}" or its collections: map one in Tuyo → Categories.`,
    fr: (p) =>
      `Aucune catégorie Tuyo n'est associée au type de produit ${quote.fr(p.productType || "(aucun)")} ni à ses collections : associez-en une dans Tuyo → Catégories.`,
  }),
  "tuyo.noVariants": entry({
    en: () => "The product has no variants.",
    fr: () => "Le produit n'a aucune variante.",
  }),
  "tuyo.missingSkus": entry<{ count: number }>({
    en: (p) => `${p.count} variant(s) have no SKU: Tuyo needs one for every variant.`,
    fr: (p) =>
      Number(p.count) < 2
        ? `${fr(p.count)} variante n'a pas de SKU : Tuyo en demande un pour chaque variante.`
        : `${fr(p.count)} variantes n'ont pas de SKU : Tuyo en demande un pour chaque variante.`,
  }),
  "tuyo.skuTooLong": entry<{ sku: string; length: number; max: number }>({
    en: (p) => `SKU "${p.sku}" has ${p.length} characters; Tuyo takes at most ${p.max}.`,
    fr: (p) => `Le SKU ${quote.fr(p.sku)} a ${p.length} caractères ; Tuyo en accepte au plus ${p.max}.`,
  }),
  "tuyo.skuTwice": entry<{ sku: string }>({
    en: (p) => `SKU "${p.sku}" is used by two variants; Tuyo needs one SKU per variant.`,
    fr: (p) => `Le SKU ${quote.fr(p.sku)} est utilisé par deux variantes ; Tuyo demande un SKU par variante.`,
  }),
  "tuyo.noImage": entry({
    en: () => "The product has no image; Tuyo needs at least one.",
    fr: () => "Le produit n'a pas d'image ; Tuyo en demande au moins une.",
  }),
  "tuyo.noTitle": entry({
    en: () => "The product has no title.",
    fr: () => "Le produit n'a pas de titre.",
  }),
  "tuyo.commaInOption": entry<{ value: string }>({
    en: (p) => `Option value "${p.value}" contains a comma, which Tuyo uses to separate values.`,
    fr: (p) =>
      `La valeur d'option ${quote.fr(p.value)} contient une virgule, que Tuyo utilise pour séparer les valeurs.`,
  }),
  "tuyo.noPrice": entry<{ sku: string }>({
    en: (p) => `Variant ${p.sku} has no price.`,
    fr: (p) => `La variante ${p.sku} n'a pas de prix.`,
  }),
  // Tuyo's own words (Spanish or English), quoted.
  "tuyo.productRefused": entry<{ refusal: string }>({
    en: (p) => `Tuyo refused the product: ${p.refusal}`,
    fr: (p) => `Tuyo a refusé le produit : ${quote.fr(p.refusal)}`,
  }),
  "tuyo.updateRefused": entry<{ refusal: string }>({
    en: (p) => `Tuyo refused the update: ${p.refusal}`,
    fr: (p) => `Tuyo a refusé la mise à jour : ${quote.fr(p.refusal)}`,
  }),
  // ── Fulfillment service setup (app/sync/stock-jobs.server.ts) ────────────────────────────────────
  "fulfillmentService.created": entry<{ location: string }>({
    en: (p) => `Fulfillment service created with location ${p.location}.`,
    fr: (p) => `Service de traitement créé avec l'emplacement ${p.location}.`,
  }),
  "fulfillmentService.alreadyRegistered": entry({
    en: () => "The fulfillment service was already registered.",
    fr: () => "Le service de traitement était déjà enregistré.",
  }),
  // ── Event feed catch-up (app/event-feed/jobs.server.ts) ──────────────────────────────────────────
  "feed.noEndpoint": entry({
    en: () => "No event feed endpoint: nothing to check",
    fr: () => "Aucun point de terminaison du flux d'événements : rien à vérifier",
  }),
  "feed.phase.checking": entry({
    en: () => "Checking Shopify for missed events",
    fr: () => "Recherche dans Shopify des événements manqués",
  }),
  "feed.noneMissed": entry<{ from: string; to: string }>({
    en: (p) => `No missed event between ${p.from} and ${p.to}`,
    fr: (p) => `Aucun événement manqué entre ${p.from} et ${p.to}`,
  }),
  // The events are the feed's own names ("orders/create order 12"), the same in both languages.
  "feed.sentMissed": entry<{ count: number; events: string }>({
    en: (p) => `Sent ${p.count} missed event(s): ${p.events}`,
    fr: (p) =>
      Number(p.count) < 2
        ? `${fr(p.count)} événement manqué envoyé : ${p.events}`
        : `${fr(p.count)} événements manqués envoyés : ${p.events}`,
  }),
  // ── Publishing drafts and listings (app/sync/publishing, app/sync/listings) ──────────────────────
  // The rules are readiness rule keys, comma-separated ("image,stock"); each is said as its reason.
  "publishing.notReady": entry<{ rules: string }>({
    en: (p) => `not ready: ${ruleReasons("en", p.rules)}`,
    fr: (p) => `pas prêt : ${ruleReasons("fr", p.rules)}`,
  }),
  "listings.refusedBy": entry<{ destination: string; reason: string }>({
    en: (p) => `${p.destination}: ${p.reason}`,
    fr: (p) => `${p.destination} : ${p.reason}`,
  }),
  "listings.refused": entry({
    en: () => "refused",
    fr: () => "refusé",
  }),
  "publishing.phase.checkingDrafts": entry({
    en: () => "Checking draft products",
    fr: () => "Vérification des produits en brouillon",
  }),
  "publishing.refused": entry<{ message: string }>({
    en: (p) => `Shopify refused to publish it: ${p.message}`,
    fr: (p) => `Shopify a refusé de le publier : ${p.message}`,
  }),
  "listings.phase.publishing": entry({
    en: () => "Publishing",
    fr: () => "Publication",
  }),
  // ── Retention (app/jobs/retention.server.ts, app/webhooks/retention.server.ts) ─────────────────────
  "retention.phase.runs": entry({
    en: () => "Deleting old runs",
    fr: () => "Suppression des anciennes exécutions",
  }),
  "retention.deletedRuns": entry<{ count: number }>({
    en: (p) => `Deleted ${en(p.count)} old runs`,
    fr: (p) => `${pluriel(p.count, "ancienne exécution supprimée", "anciennes exécutions supprimées")}`,
  }),
  "retention.phase.webhooks": entry({
    en: () => "Deleting old webhooks",
    fr: () => "Suppression des anciens webhooks",
  }),
  "retention.deletedWebhooks": entry<{ count: number }>({
    en: (p) => `Deleted ${en(p.count)} old webhooks`,
    fr: (p) => `${pluriel(p.count, "ancien webhook supprimé", "anciens webhooks supprimés")}`,
  }),
} satisfies Record<string, Entry<never>>;
