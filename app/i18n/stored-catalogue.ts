// The sentences background work stores with a key (stored-words.ts): each key's English and French,
// with the values it takes. Keys are stored in the database: never rename one or change its values;
// a new wording with other values is a new key (the old one stays for the rows that have it).
// Text from another system (an ERP's refusal, Shopify's userErrors) is a value, quoted “…” in English and
// « … » in French, and stays as that system said it (stored-catalogue-quotes.test.ts: a value quoted in
// one language is quoted in the other).
import { jobTypeTitle } from "../jobs/registry.server";
import { describeHttpStatus } from "../lib/http-outbound.server";
import { CAPABILITY_WORDS, type CapabilityName } from "../capabilities";
import { whatInWords } from "../dashboard/capability-words";
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
/** A part of the shop (a capability's name) without its article: "stock source"; another value as it is. */
const capabilityEn = (name: string) => (CAPABILITY_WORDS[name as CapabilityName] ?? name).replace(/^an? /, "");
/** The same in French after a negation: "de source de stock". */
const capabilityFr = (name: string) =>
  name in CAPABILITY_WORDS ? whatInWords(name, name, "fr").replace(/^une? /, "de ") : name;
const a = (system: string) =>
  /^Le /.test(system)
    ? `au ${system.slice(3)}`
    : /^Les /.test(system)
      ? `aux ${system.slice(4)}`
      : `à ${lower(system)}`;

type System = { system: string };

/** " host" after a word, or nothing when no host was named. */
const hostEn = (host: string) => (String(host) ? ` ${host}` : "");
/** A deadline in seconds as the English always said it ("15 s", "2.5 s"); French with its comma. */
const secondsEn = (ms: number) =>
  Number(ms) % 1000 === 0 ? `${Number(ms) / 1000} s` : `${(Number(ms) / 1000).toFixed(1)} s`;
const secondsFr = (ms: number) => secondsEn(ms).replace(".", ",");

/** Tuyo's own text after a refusal, quoted (at most 200 characters); nothing when it said nothing. */
const tuyoSaidEn = (text: string) => (String(text) ? ` Tuyo said: "${String(text).slice(0, 200)}".` : "");
const tuyoSaidFr = (text: string) => (String(text) ? ` Tuyo a dit : ${quote.fr(String(text).slice(0, 200))}.` : "");

/** "4 seasons found (E23, H23, E24, H24)", as a Fastmag connection check says it. */
const seasonsFoundEn = (n: number, list: string) =>
  `${n} season${Number(n) === 1 ? "" : "s"} found${Number(n) ? ` (${list})` : ""}`;
const seasonsFoundFr = (n: number, list: string) =>
  `${n} saison${Number(n) > 1 ? "s" : ""} trouvée${Number(n) > 1 ? "s" : ""}${Number(n) ? ` (${list})` : ""}`;

/** "3 warehouses found", as a RetailCRM connection check says it. */
const warehousesEn = (n: number) => `${n} warehouse${Number(n) === 1 ? "" : "s"} found`;
const warehousesFr = (n: number) => `${n} entrepôt${Number(n) > 1 ? "s" : ""} trouvé${Number(n) > 1 ? "s" : ""}`;

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

/** An order field named in Fastmag's text refusals (app/connectors/fastmag/records.server.ts), in French. */
const FASTMAG_FIELDS_FR: Record<string, string> = {
  "customer e-mail": "e-mail du client",
  "first name of the delivery address": "prénom de l'adresse de livraison",
  "last name of the delivery address": "nom de l'adresse de livraison",
  "company of the delivery address": "société de l'adresse de livraison",
  "delivery address": "adresse de livraison",
  "delivery address (line 2)": "adresse de livraison (ligne 2)",
  "postcode of the delivery address": "code postal de l'adresse de livraison",
  "city of the delivery address": "ville de l'adresse de livraison",
  "country of the delivery address": "pays de l'adresse de livraison",
  "phone number of the delivery address": "téléphone de l'adresse de livraison",
  "delivery address name": "nom de l'adresse de livraison",
  "customer's last name": "nom du client",
  "customer's first name": "prénom du client",
  "customer's phone number": "téléphone du client",
  "customer note": "note du client",
  "customer's company": "société du client",
  "customer's Shopify id": "identifiant Shopify du client",
  "order note": "note de la commande",
  "payment code": "code de paiement",
  "Shopify order id": "identifiant de la commande Shopify",
  "order name": "nom de la commande",
  "transfer reason": "motif du transfert",
};
/** The field in French, capitalised to start a sentence ("Adresse de livraison"); an unknown one as written. */
const fastmagFieldFr = (what: string) => {
  const sku = /^SKU "(.*)" part$/.exec(String(what));
  const french = sku ? `partie du SKU ${quote.fr(sku[1]!)}` : (FASTMAG_FIELDS_FR[String(what)] ?? String(what));
  return french.charAt(0).toUpperCase() + french.slice(1);
};

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

  // ── Why a call failed (app/lib/http-outbound.server.ts): the classified kind, never the library's text.
  // `host` is the address called, or "" when the caller did not name it.
  "outbound.dns": entry<{ host: string }>({
    en: (p) => `the address${hostEn(p.host)} was not found (DNS)`,
    fr: (p) => `l'adresse${hostEn(p.host)} est introuvable (DNS)`,
  }),
  "outbound.tls": entry<{ host: string }>({
    en: (p) =>
      `the secure connection (TLS) to${hostEn(p.host) || " the server"} failed: its certificate was not accepted`,
    fr: (p) =>
      `la connexion sécurisée (TLS) ${String(p.host) ? `à ${p.host}` : "au serveur"} a échoué : son certificat n'a pas été accepté`,
  }),
  "outbound.refused": entry<{ host: string }>({
    en: (p) => `the connection to${hostEn(p.host) || " the server"} was refused`,
    fr: (p) => `la connexion ${String(p.host) ? `à ${p.host}` : "au serveur"} a été refusée`,
  }),
  "outbound.reset": entry({
    en: () => "the connection was cut before the answer was complete",
    fr: () => "la connexion a été coupée avant la fin de la réponse",
  }),
  "outbound.timeoutWithin": entry<{ ms: number }>({
    en: (p) => `no answer within ${secondsEn(p.ms)}`,
    fr: (p) => `pas de réponse en ${secondsFr(p.ms)}`,
  }),
  "outbound.timeout": entry({
    en: () => "no answer in time (timeout)",
    fr: () => "pas de réponse à temps (délai dépassé)",
  }),
  "outbound.aborted": entry({
    en: () => "the call was cancelled",
    fr: () => "l'appel a été annulé",
  }),
  "outbound.blocked": entry<{ host: string }>({
    en: (p) => `the address${hostEn(p.host)} is on a private or local network, which the app may not call`,
    fr: (p) => `l'adresse${hostEn(p.host)} est sur un réseau privé ou local, que l'app n'a pas le droit d'appeler`,
  }),
  "outbound.malformed": entry({
    en: () => "the answer was not valid HTTP",
    fr: () => "la réponse n'était pas du HTTP valide",
  }),
  "outbound.network": entry<{ host: string }>({
    en: (p) => `a network error${String(p.host) ? ` reaching ${p.host}` : ""}`,
    fr: (p) => `une erreur réseau${String(p.host) ? ` en joignant ${p.host}` : ""}`,
  }),

  // ── A connector address the app may not call (app/lib/http-url-policy.server.ts) ─────────────────
  "url.full": entry({
    en: () => "Enter a full address, e.g. https://maboutique.fastmag.fr",
    fr: () => "Saisissez une adresse complète, par ex. https://maboutique.fastmag.fr",
  }),
  "url.login": entry({
    en: () => "Remove the user name and password from the address.",
    fr: () => "Retirez le nom d'utilisateur et le mot de passe de l'adresse.",
  }),
  "url.https": entry({
    en: () => "The address must start with https://",
    fr: () => "L'adresse doit commencer par https://",
  }),
  "url.public": entry({
    en: () => "The address must be a public one, not a local or private network address.",
    fr: () => "L'adresse doit être publique, pas une adresse de réseau local ou privé.",
  }),

  // ── A connector's client could not make its call: `problem` is a url.* sentence, `reason` an outbound.* one.
  "client.addressUnusable": entry<{ system: string; problem: string }>({
    en: (p) => `The ${p.system} address cannot be used: ${p.problem}`,
    fr: (p) => `L'adresse ${de(p.system)} ne peut pas être utilisée : ${p.problem}`,
  }),
  "client.unreachableBecause": entry<{ system: string; reason: string }>({
    en: (p) => `${p.system} could not be reached: ${p.reason}`,
    fr: (p) => `${p.system} est injoignable : ${p.reason}`,
  }),
  "client.notCalled": entry<{ system: string; reason: string }>({
    en: (p) => `${p.system} could not be called: ${p.reason}`,
    fr: (p) => `${p.system} n'a pas pu être appelé : ${p.reason}`,
  }),
  "lightspeed.signInAddressUnusable": entry<{ problem: string }>({
    en: (p) => `The Lightspeed sign-in address cannot be used: ${p.problem}`,
    fr: (p) => `L'adresse de connexion de Lightspeed ne peut pas être utilisée : ${p.problem}`,
  }),
  "client.answeredStatus": entry<{ system: string; status: number }>({
    en: (p) => `${p.system} answered ${describeHttpStatus(p.status)}`,
    fr: (p) => `${p.system} a répondu ${httpStatusFr(p.status)}`,
  }),

  // ── The carriers' SOAP calls (app/lib/soap.server.ts): a fault or a parser's words are the carrier's own.
  "carrier.notXml": entry<{ carrier: string; detail: string }>({
    en: (p) => `${p.carrier} answered something that is not XML: ${quote.en(p.detail)}`,
    fr: (p) => `${p.carrier} a répondu quelque chose qui n'est pas du XML : ${quote.fr(p.detail)}`,
  }),
  "carrier.loginRefused": entry<{ carrier: string; status: number }>({
    en: (p) => `${p.carrier} refused the login (HTTP ${p.status})`,
    fr: (p) => `${p.carrier} a refusé l'identifiant (HTTP ${p.status})`,
  }),
  // A tracking request answered with the carrier's own error (Chronopost's errorMessage): its words are a value.
  "carrier.trackingRefused": entry<{ carrier: string; parcel: string; said: string }>({
    en: (p) => `${p.carrier} refused tracking ${p.parcel}: ${quote.en(p.said)}`,
    fr: (p) => `${p.carrier} a refusé le suivi du colis ${p.parcel} : ${quote.fr(p.said)}`,
  }),
  "carrier.requestRefused": entry<{ carrier: string; fault: string }>({
    en: (p) => `${p.carrier} refused the request: ${quote.en(p.fault)}`,
    fr: (p) => `${p.carrier} a refusé la demande : ${quote.fr(p.fault)}`,
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
  // `summary` is the request in Fastmag's terms (the first words of the SQL, a transaction's name), the same in both.
  "fastmag.notATable": entry<{ summary: string }>({
    en: (p) => `Fastmag answered ${p.summary} with something that is not a Fastmag table (no header row)`,
    fr: (p) =>
      `Fastmag a répondu à ${p.summary} par quelque chose qui n'est pas une table Fastmag (pas de ligne d'en-tête)`,
  }),
  "fastmag.neitherOkNorKo": entry<{ summary: string }>({
    en: (p) => `Fastmag answered ${p.summary} with something that is neither OK nor KO`,
    fr: (p) => `Fastmag a répondu à ${p.summary} par quelque chose qui n'est ni OK ni KO`,
  }),
  "fastmag.notAnImage": entry<{ summary: string; type: string }>({
    en: (p) => `Fastmag answered ${p.summary} with ${p.type}, not an image`,
    fr: (p) => `Fastmag a répondu à ${p.summary} par ${p.type}, pas par une image`,
  }),
  "fastmag.refused": entry<{ summary: string; said: string }>({
    en: (p) => `Fastmag refused ${p.summary}: ${quote.en(p.said)}`,
    fr: (p) => `Fastmag a refusé ${p.summary} : ${quote.fr(p.said)}`,
  }),
  // Text Fastmag's code page cannot hold (app/connectors/fastmag/text.ts, protocol.ts): `what` names the order's
  // field in English, `value` is the customer's text, `chars` the characters that do not fit.
  "fastmag.noLatinForm": entry<{ what: string; value: string; chars: string }>({
    en: (p) =>
      `The ${p.what} "${p.value}" has characters Fastmag cannot store and that have no Latin form (${p.chars}): write it in Latin letters in Shopify, then press Retry.`,
    fr: (p) =>
      `${fastmagFieldFr(p.what)} ${quote.fr(p.value)} : Fastmag ne peut pas stocker certains caractères, qui n'ont pas de forme latine (${p.chars}). Écrivez ce texte en lettres latines dans Shopify, puis cliquez sur Relancer.`,
  }),
  "fastmag.codePageCannotHold": entry<{ what: string; value: string; chars: string }>({
    en: (p) =>
      `The ${p.what} "${p.value}" cannot be sent to Fastmag: its code page cannot hold ${p.chars}, and a changed ${p.what} would point at another record. Use a ${p.what} in Latin letters, then press Retry.`,
    fr: (p) =>
      `${fastmagFieldFr(p.what)} ${quote.fr(p.value)} : impossible de l'envoyer à Fastmag, sa page de code ne peut pas contenir ${p.chars} et une valeur modifiée désignerait un autre enregistrement. Saisissez une valeur en lettres latines, puis cliquez sur Relancer.`,
  }),
  "fastmag.protocolSeparator": entry<{ what: string; value: string }>({
    en: (p) =>
      `The ${p.what} "${p.value}" cannot be sent to Fastmag: it holds a separator of Fastmag's protocol (| or {PIPE}, a line break).`,
    fr: (p) =>
      `${fastmagFieldFr(p.what)} ${quote.fr(p.value)} : impossible de l'envoyer à Fastmag, la valeur contient un séparateur du protocole de Fastmag (| ou {PIPE}, un saut de ligne).`,
  }),
  "fastmag.requestUnwritable": entry<{ charset: string; chars: string }>({
    en: (p) =>
      `A request to Fastmag held characters its code page (${p.charset}) cannot store (${p.chars}); nothing was sent.`,
    fr: (p) =>
      `Une demande à Fastmag contenait des caractères que sa page de code (${p.charset}) ne sait pas stocker (${p.chars}) ; rien n'a été envoyé.`,
  }),
  "fastmag.photoGone": entry<{ name: string }>({
    en: (p) => `Fastmag no longer has the photo ${p.name}`,
    fr: (p) => `Fastmag n'a plus la photo ${p.name}`,
  }),
  "fastmag.credentialsRefused": entry<{
    enseigne: string;
    magasin: string;
    compte: string;
    summary: string;
    said: string;
  }>({
    en: (p) =>
      `Fastmag refused the credentials of ${p.enseigne}/${p.magasin} (account ${p.compte}) for ${p.summary}: ${quote.en(p.said)}`,
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
  // RetailCRM set up without what a run needs (app/connectors/retailcrm/connector.server.ts).
  "retailcrm.noWarehouseForStockSource": entry({
    en: () => "No RetailCRM warehouse is chosen yet (its leftovers are the stock): pick one in Settings → RetailCRM.",
    fr: () =>
      "Aucun entrepôt RetailCRM n'est encore choisi (ses restes sont le stock) : choisissez-en un dans Paramètres → RetailCRM.",
  }),
  "retailcrm.noWarehouseForStock": entry({
    en: () => "No RetailCRM warehouse is chosen for the stock yet: pick one in Settings → RetailCRM.",
    fr: () =>
      "Aucun entrepôt RetailCRM n'est encore choisi pour le stock : choisissez-en un dans Paramètres → RetailCRM.",
  }),
  "retailcrm.noWarehouseForShipments": entry({
    en: () => "No RetailCRM warehouse is chosen yet (shipments name it): pick one in Settings → RetailCRM.",
    fr: () =>
      "Aucun entrepôt RetailCRM n'est encore choisi (les expéditions le nomment) : choisissez-en un dans Paramètres → RetailCRM.",
  }),
  "retailcrm.unknownWarehouse": entry<{ store: string }>({
    en: (p) => `RetailCRM does not know the warehouse "${p.store}": choose another one in Settings → RetailCRM.`,
    fr: (p) =>
      `RetailCRM ne connaît pas l'entrepôt ${quote.fr(p.store)} : choisissez-en un autre dans Paramètres → RetailCRM.`,
  }),
  "retailcrm.moduleNeeded": entry({
    en: () =>
      "RetailCRM only accepts shipments from a registered warehouse module: use Register module in Settings → RetailCRM.",
    fr: () =>
      "RetailCRM n'accepte les expéditions que d'un module d'entrepôt enregistré : utilisez Enregistrer le module dans Paramètres → RetailCRM.",
  }),
  "retailcrm.notAnOrderId": entry<{ id: string }>({
    en: (p) => `"${p.id}" is not a Shopify order id RetailCRM can know.`,
    fr: (p) => `${quote.fr(p.id)} n'est pas un identifiant de commande Shopify que RetailCRM peut connaître.`,
  }),
  "retailcrm.unreadableList": entry<{ method: string }>({
    en: (p) => `RetailCRM's answer to ${p.method} could not be read (not the expected list).`,
    fr: (p) => `La réponse de RetailCRM à ${p.method} n'a pas pu être lue (ce n'est pas la liste attendue).`,
  }),
  "hiboutik.credentialsRefused": entry<{ status: number }>({
    en: (p) =>
      `Hiboutik refused the e-mail and API key (${describeHttpStatus(p.status)}). Check them in the account's settings.`,
    fr: (p) =>
      `Hiboutik a refusé l'e-mail et la clé d'API (${httpStatusFr(p.status)}). Vérifiez-les dans les réglages du compte.`,
  }),
  // Hiboutik's daily request quota (app/connectors/hiboutik/client.server.ts, quota.server.ts).
  "hiboutik.readsPaused": entry<{ used: number; limit: number; reserve: number }>({
    en: (p) =>
      `Stopped reading for today: ${en(p.used)} of the ${en(p.limit)} daily Hiboutik requests are used and the last ${en(p.reserve)} are kept for sales. Reading starts again after 00:00 UTC.`,
    fr: (p) =>
      `Lecture arrêtée pour aujourd'hui : ${fr(p.used)} des ${fr(p.limit)} requêtes Hiboutik du jour sont utilisées et les ${fr(p.reserve)} dernières sont gardées pour les ventes. La lecture reprend après 00:00 UTC.`,
  }),
  "hiboutik.quotaUsedUp": entry<{ limit: number }>({
    en: (p) =>
      `Hiboutik's request quota for today is used up (${Number(p.limit).toLocaleString("en-US")} requests a day, shared with any other application using the account). Nothing was lost: this is tried again after 00:00 UTC.`,
    fr: (p) =>
      `Le quota de requêtes Hiboutik du jour est épuisé (${fr(p.limit)} requêtes par jour, partagées avec toute autre application qui utilise le compte). Rien n'est perdu : un nouvel essai aura lieu après 00:00 UTC.`,
  }),
  "hiboutik.quotaNotCounted": entry({
    en: () => "The Hiboutik request could not be counted against today's quota (the database was too busy).",
    fr: () =>
      "La requête Hiboutik n'a pas pu être comptée dans le quota du jour (la base de données était trop occupée).",
  }),
  "hiboutik.noWarehouse": entry<{ store: string }>({
    en: (p) => `Hiboutik store ${p.store} has no warehouse.`,
    fr: (p) => `La boutique Hiboutik ${p.store} n'a pas d'entrepôt.`,
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
  // A count the POS stock sync could not use (app/connectors/*/pos.server.ts): the POS's value as it sent it.
  "square.countNotNumber": entry<{ value: string }>({
    en: (p) => `Square gave a count that is not a number (${p.value})`,
    fr: (p) => `Square a donné une quantité qui n'est pas un nombre (${p.value})`,
  }),
  "lightspeed.notShopId": entry<{ id: string }>({
    en: (p) => `"${p.id}" is not a Lightspeed shop ID.`,
    fr: (p) => `${quote.fr(p.id)} n'est pas un identifiant de boutique Lightspeed.`,
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
    en: (p) => `${p.operation} failed: ${quote.en(p.errors)}`,
    fr: (p) => `Shopify a refusé ${p.operation} : ${quote.fr(p.errors)}`,
  }),
  "shopify.rejected": entry<{ operation: string; errors: string }>({
    en: (p) => `Shopify rejected ${p.operation}: ${quote.en(p.errors)}`,
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
    en: (p) =>
      `Fastmag does not know the article ${quote.en(p.article)}: create it there or map it to a Shopify variant.`,
    fr: (p) =>
      `Fastmag ne connaît pas l'article ${quote.fr(p.article)} : créez-le dans Fastmag ou associez-le à une variante Shopify.`,
  }),
  "fastmag.unknownCustomer": entry<{ customer: string }>({
    en: (p) => `Fastmag does not know the customer ${quote.en(p.customer)}: create the customer there, then retry.`,
    fr: (p) => `Fastmag ne connaît pas le client ${quote.fr(p.customer)} : créez-le dans Fastmag, puis réessayez.`,
  }),
  "fastmag.unknownOrder": entry<{ order: string }>({
    en: (p) => `Fastmag has no order ${quote.en(p.order)}: it may have been deleted there.`,
    fr: (p) => `Fastmag n'a pas de commande ${quote.fr(p.order)} : elle y a peut-être été supprimée.`,
  }),
  "fastmag.unknownStatus": entry<{ status: string }>({
    en: (p) => `Fastmag does not accept the status ${quote.en(p.status)}: add it to Fastmag's order statuses.`,
    fr: (p) => `Fastmag n'accepte pas le statut ${quote.fr(p.status)} : ajoutez-le aux statuts de commande de Fastmag.`,
  }),
  "fastmag.notEnoughStock": entry({
    en: () => "Fastmag does not have enough stock for this move.",
    fr: () => "Fastmag n'a pas assez de stock pour ce mouvement.",
  }),
  "fastmag.refusedSaying": entry<{ what: string; said: string }>({
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
    en: (p) => `Shopify refused ${p.title} (${p.key}): ${quote.en(p.errors)}`,
    fr: (p) => `Shopify a refusé ${p.title} (${p.key}) : ${quote.fr(p.errors)}`,
  }),
  "catalog.notArchived": entry<{ key: string; errors: string }>({
    en: (p) => `Shopify did not archive ${p.key}: ${quote.en(p.errors)}`,
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
    en: (p) => `Shopify did not take its ${p.field}: ${quote.en(p.message)}`,
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
  /** Why an SFTP file was not taken (app/connectors/sftp/capabilities.server.ts): the pattern as set up. */
  "images.nameNotPattern": entry<{ pattern: string }>({
    en: (p) => `the name does not follow the pattern ${p.pattern}`,
    fr: (p) => `le nom ne suit pas le modèle ${p.pattern}`,
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
    en: (p) => `Shopify could not use this image: ${quote.en(p.reason)}`,
    fr: (p) => `Shopify n'a pas pu utiliser cette image : ${quote.fr(p.reason)}`,
  }),
  /** Media Shopify could not use, said by the app (app/shopify/media.server.ts). */
  "images.mediaGone": entry({
    en: () => "Shopify no longer has this media.",
    fr: () => "Shopify n'a plus ce média.",
  }),
  "images.stillProcessing": entry({
    en: () => "Shopify was still processing the image; it is tried again next run.",
    fr: () => "Shopify traitait encore l'image ; elle sera reprise au prochain passage.",
  }),
  "images.notProcessed": entry({
    en: () => "Shopify could not process the image.",
    fr: () => "Shopify n'a pas pu traiter l'image.",
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
    en: (p) => `Tuyo refused the stock of ${p.sku}: ${quote.en(p.refusal)}`,
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
    en: (p) => `Tuyo refused the product: ${quote.en(p.refusal)}`,
    fr: (p) => `Tuyo a refusé le produit : ${quote.fr(p.refusal)}`,
  }),
  "tuyo.updateRefused": entry<{ refusal: string }>({
    en: (p) => `Tuyo refused the update: ${quote.en(p.refusal)}`,
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
  // Why an endpoint did not take an event (app/connectors/event-feed/http-destination.server.ts): `reason` is an
  // outbound.* sentence.
  "feed.endpointAnswered": entry<{ status: number }>({
    en: (p) => `The endpoint answered ${describeHttpStatus(p.status)}.`,
    fr: (p) => `Le point de terminaison a répondu ${httpStatusFr(p.status)}.`,
  }),
  "feed.certificateRefused": entry<{ reason: string }>({
    en: (p) => `The endpoint's HTTPS certificate was refused (${p.reason}).`,
    fr: (p) => `Le certificat HTTPS du point de terminaison a été refusé (${p.reason}).`,
  }),
  "feed.noAnswer": entry<{ reason: string }>({
    en: (p) => `No answer: ${p.reason}.`,
    fr: (p) => `Pas de réponse : ${p.reason}.`,
  }),
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
  // ── Order cancellations and refunds told to the system (app/sync/orders/reversals.server.ts) ──────
  "reversals.notTold": entry<{ destination: string }>({
    en: (p) => `${p.destination} is not told about cancellations or refunds: update it by hand.`,
    fr: (p) => `${p.destination} n'est pas informé des annulations ni des remboursements : mettez-le à jour à la main.`,
  }),
  "reversals.notToldEvent": entry<{ kind: string; destination: string }>({
    en: (p) =>
      `${p.kind === "cancellation" ? "Cancellation" : "Refund"} not reported: ${p.destination} is not told about them; update it by hand.`,
    fr: (p) =>
      `${p.kind === "cancellation" ? "Annulation non signalée" : "Remboursement non signalé"} : ${p.destination} n'en est pas informé ; mettez-le à jour à la main.`,
  }),
  "reversals.notInRecords": entry<{ destination: string }>({
    en: (p) => `Not in the app's order records: never sent to ${p.destination}.`,
    fr: (p) => `Absente des commandes enregistrées par l'app : jamais envoyée ${a(p.destination)}.`,
  }),
  "reversals.cancelledBeforeExport": entry<{ destination: string }>({
    en: (p) => `Cancelled before export: nothing to tell ${p.destination}.`,
    fr: (p) => `Annulée avant l'export : rien à signaler ${a(p.destination)}.`,
  }),
  "reversals.cancelledNotSent": entry<{ destination: string }>({
    en: (p) => `Cancelled in Shopify before export: not sent to ${p.destination}.`,
    fr: (p) => `Annulée dans Shopify avant l'export : non envoyée ${a(p.destination)}.`,
  }),
  "reversals.notReportedYet": entry<{ kind: string; destination: string; message: string }>({
    en: (p) =>
      `${p.kind === "cancellation" ? "Cancellation" : "Refund"} not reported to ${p.destination} yet: ${p.message}`,
    fr: (p) =>
      `${p.kind === "cancellation" ? "Annulation pas encore signalée" : "Remboursement pas encore signalé"} ${a(p.destination)} : ${p.message}`,
  }),
  "reversals.couldNotReport": entry<{ kind: string; destination: string; message: string }>({
    en: (p) =>
      `${p.kind === "cancellation" ? "Cancellation" : "Refund"} could not be reported to ${p.destination}: ${p.message}`,
    fr: (p) =>
      `${p.kind === "cancellation" ? "L'annulation n'a pas pu être signalée" : "Le remboursement n'a pas pu être signalé"} ${a(p.destination)} : ${p.message}`,
  }),
  // ── Promotions that could not start (app/promotions) ─────────────────────────────────────────────
  "promotions.noCollection": entry<{ ids: string }>({
    en: (p) => `Shopify has no collection ${p.ids}.`,
    fr: (p) => `Shopify n'a pas de collection ${p.ids}.`,
  }),
  "promotions.couldNotStart": entry({
    en: () => "The promotion could not start.",
    fr: () => "La promotion n'a pas pu démarrer.",
  }),
  // ── Mail (app/mail/send.server.ts): the SMTP server's own reply is quoted ───────────────────────────
  "system.smtpServer": entry({
    en: () => "The SMTP server",
    fr: () => "Le serveur SMTP",
  }),
  "mail.notSetUp": entry({
    en: () => "Mail is not set up for this shop yet: fill in Settings → Mail.",
    fr: () => "Les mails ne sont pas encore configurés pour cette boutique : remplissez Réglages → Mail.",
  }),
  "mail.loginRefused": entry<{ reply: string }>({
    en: (p) =>
      `The SMTP server refused the login (check the user and password)${p.reply ? `: ${quote.en(p.reply)}` : ""}`,
    fr: (p) =>
      `Le serveur SMTP a refusé l'identification (vérifiez l'utilisateur et le mot de passe)${p.reply ? ` : ${quote.fr(p.reply)}` : ""}`,
  }),
  "mail.turnedAway": entry<{ reply: string }>({
    en: (p) => `The SMTP server turned the message away for now${p.reply ? `: ${quote.en(p.reply)}` : ""}`,
    fr: (p) => `Le serveur SMTP a refusé le message pour l'instant${p.reply ? ` : ${quote.fr(p.reply)}` : ""}`,
  }),
  "mail.refused": entry<{ reply: string }>({
    en: (p) => `The SMTP server refused the message${p.reply ? `: ${quote.en(p.reply)}` : ""}`,
    fr: (p) => `Le serveur SMTP a refusé le message${p.reply ? ` : ${quote.fr(p.reply)}` : ""}`,
  }),
  // ── Event feed deliveries and endpoints (app/event-feed) ─────────────────────────────────────────────
  "feed.gone": entry({
    en: () => "The endpoint answered 410 Gone.",
    fr: () => "Le point de terminaison a répondu 410 Gone.",
  }),
  "feed.disabledGone": entry<{ at: string }>({
    en: (p) =>
      `The endpoint answered 410 Gone on ${p.at}: it said it no longer wants events. Sending stopped; events wait until you enable it again.`,
    fr: (p) =>
      `Le point de terminaison a répondu 410 Gone le ${p.at} : il ne veut plus recevoir d'événements. L'envoi est arrêté ; les événements attendent que vous le réactiviez.`,
  }),
  "feed.autoPaused": entry<{ at: string; hours: number }>({
    en: (p) =>
      `Paused automatically on ${p.at}: no delivery succeeded for ${en(p.hours)} hours. Nothing is dropped; resume it once the ERP answers again.`,
    fr: (p) =>
      `Mis en pause automatiquement le ${p.at} : aucun envoi n'a réussi depuis ${pluriel(p.hours, "heure")}. Rien n'est perdu ; reprenez-le quand l'ERP répond de nouveau.`,
  }),
  "feed.pausedWhenAdded": entry({
    en: () => "Paused when it was added.",
    fr: () => "En pause dès son ajout.",
  }),
  "feed.pausedByMerchant": entry({
    en: () => "Paused by the merchant.",
    fr: () => "Mis en pause par le commerçant.",
  }),
  // ── Alerts (app/alerts) ───────────────────────────────────────────────────────────────────────────
  "alerts.deliveryDead": entry<{ topic: string }>({
    en: (p) => `The ${p.topic} event was given up after retrying.`,
    fr: (p) => `L'événement ${p.topic} a été abandonné après plusieurs essais.`,
  }),
  "alerts.deliveryDeadBecause": entry<{ topic: string; error: string }>({
    en: (p) => `The ${p.topic} event was given up after retrying. ${p.error}`,
    fr: (p) => `L'événement ${p.topic} a été abandonné après plusieurs essais. ${p.error}`,
  }),
  /** A Shopify webhook the app gave up processing (app/webhooks/processor.server.ts): the alert's title. */
  "alerts.webhookTitle": entry<{ topic: string }>({
    en: (p) => `Shopify webhook ${p.topic}`,
    fr: (p) => `Webhook Shopify ${p.topic}`,
  }),
  "alerts.webhookGivenUp": entry<{ attempts: number }>({
    en: (p) => `Given up after ${plural(p.attempts, "attempt")}: the app could not process it (unexpected error).`,
    fr: (p) =>
      `Abandonné après ${pluriel(p.attempts, "essai")} : l'application n'a pas pu le traiter (erreur inattendue).`,
  }),
  "alerts.webhookGivenUpBecause": entry<{ attempts: number; error: string }>({
    en: (p) => `Given up after ${plural(p.attempts, "attempt")}: ${p.error}`,
    fr: (p) => `Abandonné après ${pluriel(p.attempts, "essai")} : ${p.error}`,
  }),
  /** A Shopify order webhook that names no order (app/sync/orders): the topic is Shopify's name for it. */
  "webhooks.noOrderId": entry<{ topic: string }>({
    en: (p) => `${p.topic} without an order id`,
    fr: (p) => `${p.topic} sans identifiant de commande`,
  }),
  /** Why a received webhook (app/webhooks/processor.server.ts) or an image failed, when the app cannot say more. */
  "app.couldNotProcess": entry({
    en: () => "The app could not process it (unexpected error).",
    fr: () => "L'application n'a pas pu le traiter (erreur inattendue).",
  }),
  "webhooks.unhandledTopic": entry<{ topic: string }>({
    en: (p) => `This version of the app does not handle ${p.topic} webhooks.`,
    fr: (p) => `Cette version de l'application ne traite pas les webhooks ${p.topic}.`,
  }),
  "webhooks.tryingAgain": entry<{ reason: string; attempt: number }>({
    en: (p) => `${p.reason} Trying again (attempt ${p.attempt}).`,
    fr: (p) => `${p.reason} Nouvel essai (essai ${p.attempt}).`,
  }),
  "alerts.mailFailed": entry<{ message: string }>({
    en: (p) => `Mail: ${p.message}`,
    fr: (p) => `Mail : ${p.message}`,
  }),
  "alerts.webhookFailed": entry<{ message: string }>({
    en: (p) => `Webhook: ${p.message}`,
    fr: (p) => `Webhook : ${p.message}`,
  }),
  "alerts.webhookAnswered": entry<{ status: number }>({
    en: (p) => `The webhook answered ${describeHttpStatus(Number(p.status))}.`,
    fr: (p) => `Le webhook a répondu ${httpStatusFr(Number(p.status))}.`,
  }),
  "alerts.webhookNoAnswer": entry<{ detail: string }>({
    en: (p) => `The webhook did not answer: ${p.detail}.`,
    fr: (p) => `Le webhook n'a pas répondu : ${p.detail}.`,
  }),
  /** Two sentences one after the other (an alert's mail and webhook failures). */
  "text.both": entry<{ first: string; second: string }>({
    en: (p) => `${p.first} ${p.second}`,
    fr: (p) => `${p.first} ${p.second}`,
  }),
  "alerts.one": entry<{ title: string }>({
    en: (p) => `Alert “${p.title}”`,
    fr: (p) => `Alerte ${quote.fr(p.title)}`,
  }),
  "alerts.many": entry<{ count: number }>({
    en: (p) => `${en(p.count)} alerts`,
    fr: (p) => `${pluriel(p.count, "alerte")}`,
  }),
  "alerts.byMail": entry<{ recipients: string }>({
    en: (p) => `mailed to ${p.recipients}`,
    fr: (p) => `envoi par mail à ${p.recipients}`,
  }),
  "alerts.byWebhook": entry({
    en: () => "posted to the webhook",
    fr: () => "envoi au webhook",
  }),
  "alerts.byMailAndWebhook": entry<{ recipients: string }>({
    en: (p) => `mailed to ${p.recipients} and posted to the webhook`,
    fr: (p) => `envoi par mail à ${p.recipients} et au webhook`,
  }),
  "alerts.sent": entry<{ alerts: string; channels: string }>({
    en: (p) => `${p.alerts} ${p.channels}.`,
    fr: (p) => `${p.alerts} : ${p.channels}.`,
  }),
  "alerts.sentWithErrors": entry<{ alerts: string; channels: string; errors: string }>({
    en: (p) => `${p.alerts} ${p.channels}. ${p.errors}`,
    fr: (p) => `${p.alerts} : ${p.channels}. ${p.errors}`,
  }),
  "alerts.notSent": entry<{ alerts: string; errors: string }>({
    en: (p) => `${p.alerts} could not be sent. ${p.errors}`,
    fr: (p) => `${p.alerts} : l'envoi a échoué. ${p.errors}`,
  }),
  "tuyo.lastUpdateRefused": entry<{ refusal: string }>({
    en: (p) => `Tuyo refused the last update: ${quote.en(p.refusal)}`,
    fr: (p) => `Tuyo a refusé la dernière mise à jour : ${quote.fr(p.refusal)}`,
  }),
  // ── Connection checks (Test connection; stored on the connector's settings for the Dashboard) ──────
  "check.fastmag.notConfigured": entry({
    en: () => "Fastmag is not set up for this shop yet: fill in Settings → Fastmag.",
    fr: () => "Fastmag n'est pas encore configuré pour cette boutique : remplissez Paramètres → Fastmag.",
  }),
  "check.fastmag.connected": entry<{ count: number; list: string }>({
    en: (p) => `Connected: ${seasonsFoundEn(p.count, p.list)}.`,
    fr: (p) => `Connecté : ${seasonsFoundFr(p.count, p.list)}.`,
  }),
  "check.fastmag.missingSeasons": entry<{ count: number; list: string; missing: string; missingCount: number }>({
    en: (p) =>
      `Connected: ${seasonsFoundEn(p.count, p.list)}. Fastmag does not know the season${Number(p.missingCount) > 1 ? "s" : ""} ${p.missing} chosen for import.`,
    fr: (p) =>
      `Connecté : ${seasonsFoundFr(p.count, p.list)}. Fastmag ne connaît pas ${Number(p.missingCount) > 1 ? "les saisons" : "la saison"} ${p.missing} ${Number(p.missingCount) > 1 ? "choisies" : "choisie"} pour l'import.`,
  }),
  "check.fastmag.loginRefused": entry<{ fastmag: string }>({
    en: (p) => `Fastmag refused the login: ${quote.en(p.fastmag)}. Check the enseigne, magasin, compte and password.`,
    fr: (p) =>
      `Fastmag a refusé la connexion : « ${p.fastmag} ». Vérifiez l'enseigne, le magasin, le compte et le mot de passe.`,
  }),
  "check.fastmag.requestRefused": entry<{ fastmag: string }>({
    en: (p) => `Fastmag refused the request: ${quote.en(p.fastmag)}`,
    fr: (p) => `Fastmag a refusé la demande : « ${p.fastmag} »`,
  }),
  // `detail` is already a sentence about Fastmag ("Fastmag did not answer within 1500 ms").
  "check.fastmag.noAnswer": entry<{ detail: string }>({
    en: (p) => `${p.detail}. Check the address, or try again later.`,
    fr: (p) => `Fastmag n'a pas répondu correctement (« ${p.detail} »). Vérifiez l'adresse, ou réessayez plus tard.`,
  }),
  "check.sftp.connected": entry<{ files: number; folder: string; fingerprint: string }>({
    en: (p) =>
      `Connected: ${p.files} file${Number(p.files) === 1 ? "" : "s"} in ${p.folder}. Host key ${p.fingerprint}.`,
    fr: (p) =>
      `Connecté : ${p.files} fichier${Number(p.files) > 1 ? "s" : ""} dans ${p.folder}. Clé du serveur ${p.fingerprint}.`,
  }),
  "check.tuyo.connected": entry<{ mode: string; count: number; names: string }>({
    en: (p) =>
      `Connected (${p.mode} key): ${p.count} categor${Number(p.count) === 1 ? "y" : "ies"} found${p.names ? ` (${p.names})` : ""}.`,
    fr: (p) =>
      `Connecté (clé de ${p.mode === "testing" ? "test" : "production"}) : ${p.count} catégorie${Number(p.count) > 1 ? "s" : ""} trouvée${Number(p.count) > 1 ? "s" : ""}${p.names ? ` (${p.names})` : ""}.`,
  }),
  "check.retailcrm.notConfigured": entry({
    en: () => "RetailCRM is not set up for this shop yet: fill in Settings → RetailCRM.",
    fr: () => "RetailCRM n'est pas encore configuré pour cette boutique : remplissez Paramètres → RetailCRM.",
  }),
  "check.retailcrm.pickStore": entry<{ count: number }>({
    en: (p) => `Connected: ${warehousesEn(p.count)}. Pick the warehouse stock goes to.`,
    fr: (p) => `Connecté : ${warehousesFr(p.count)}. Choisissez l'entrepôt où va le stock.`,
  }),
  "check.retailcrm.noStore": entry<{ code: string }>({
    en: (p) => `Connected, but RetailCRM has no warehouse "${p.code}": pick another one.`,
    fr: (p) => `Connecté, mais RetailCRM n'a pas d'entrepôt « ${p.code} » : choisissez-en un autre.`,
  }),
  "check.retailcrm.inactiveStore": entry<{ name: string }>({
    en: (p) => `Connected, but the warehouse "${p.name}" is not active in RetailCRM.`,
    fr: (p) => `Connecté, mais l'entrepôt « ${p.name} » n'est pas actif dans RetailCRM.`,
  }),
  "check.retailcrm.connected": entry<{ count: number; name: string }>({
    en: (p) => `Connected: ${warehousesEn(p.count)}; stock goes to "${p.name}".`,
    fr: (p) => `Connecté : ${warehousesFr(p.count)} ; le stock va dans « ${p.name} ».`,
  }),
  // ── Where the shop's data goes (app/connectors/registry.server.ts, the routing's app event) ───────────
  "routing.stock": entry<{ source: string; receivers: string }>({
    en: (p) => `Stock comes from ${p.source}; it is sent to ${p.receivers}.`,
    fr: (p) => `Le stock vient de ${p.source} ; il est envoyé à ${p.receivers}.`,
  }),
  "routing.nowhere": entry({
    en: () => "nowhere",
    fr: () => "aucun système",
  }),
  "routing.list": entry<{ names: string; last: string }>({
    en: (p) => `${p.names} and ${p.last}`,
    fr: (p) => `${p.names} et ${p.last}`,
  }),
  "routing.noStock": entry({
    en: () => "No stock source is set up yet.",
    fr: () => "Aucune source de stock n'est encore configurée.",
  }),
  "routing.prices": entry<{ source: string }>({
    en: (p) => `Prices come from ${p.source}.`,
    fr: (p) => `Les prix viennent de ${p.source}.`,
  }),
  "routing.noPrices": entry({
    en: () => "No price source is set up yet.",
    fr: () => "Aucune source de prix n'est encore configurée.",
  }),
  "routing.orders": entry<{ destination: string }>({
    en: (p) => `Orders are sent to ${p.destination}.`,
    fr: (p) => `Les commandes sont envoyées à ${p.destination}.`,
  }),
  "routing.noOrders": entry({
    en: () => "Orders are not sent anywhere yet.",
    fr: () => "Les commandes ne sont encore envoyées à aucun système.",
  }),
  "event.routingSaved": entry<{ stock: string; prices: string; orders: string }>({
    en: (p) => `Where your data goes saved: ${p.stock} ${p.prices} ${p.orders}`,
    fr: (p) => `Destination de vos données enregistrée : ${p.stock} ${p.prices} ${p.orders}`,
  }),
  "event.alertSettingsSaved": entry<{ recipients: number; webhook: number; digest: string; quiet: number }>({
    en: (p) =>
      `Alert settings saved: ${p.recipients} recipient(s)${Number(p.webhook) ? ", a webhook" : ""}, ${p.digest === "immediate" ? "sent at once" : `${p.digest} digest`}, quiet period ${p.quiet} min.`,
    fr: (p) =>
      `Réglages des alertes enregistrés : ${pluriel(p.recipients, "destinataire")}${Number(p.webhook) ? ", un webhook" : ""}, ${p.digest === "immediate" ? "envoi immédiat" : p.digest === "hourly" ? "récapitulatif horaire" : "récapitulatif quotidien"}, période de silence ${p.quiet} min.`,
  }),

  // words5.*: sentences a later pass gave words (shipments, POS checks, job applications, Shopify calls).
  "words5.and": entry<{ names: string; last: string }>({
    en: (p) => `${p.names} and ${p.last}`,
    fr: (p) => `${p.names} et ${p.last}`,
  }),
  "words5.shipment.notSent": entry<{ order: string; systems: string; reason: string }>({
    en: (p) => `Order ${p.order}: the shipment could not be sent to ${p.systems}: ${p.reason}`,
    fr: (p) => `Commande ${p.order} : l'expédition n'a pas pu être envoyée à ${p.systems} : ${p.reason}`,
  }),
  "words5.comma": entry<{ first: string; rest: string }>({
    en: (p) => `${p.first}, ${p.rest}`,
    fr: (p) => `${p.first}, ${p.rest}`,
  }),
  // A point of sale's connection test (app/connectors/{square,hiboutik,lightspeed}/pos.server.ts).
  "words5.pos.square.connected": entry<{ count: number; names: string }>({
    en: (p) => `Connected: ${plural(p.count, "location")} (${p.names}).`,
    fr: (p) => `Connecté : ${pluriel(p.count, "emplacement")} (${p.names}).`,
  }),
  "words5.pos.square.noLocation": entry<{ ids: string }>({
    en: (p) => `Connected, but Square has no location ${p.ids} on this account.`,
    fr: (p) => `Connecté, mais Square n'a pas d'emplacement ${p.ids} sur ce compte.`,
  }),
  "words5.pos.hiboutik.connected": entry<{ count: number; missing: number; left: number; limit: number }>({
    en: (p) =>
      `Connected: ${plural(p.count, "store")}` +
      (Number(p.missing) ? ` (${plural(p.missing, "store")} without a warehouse: no stock there)` : "") +
      `, ${Number(p.left).toLocaleString("en-US")} of ${Number(p.limit).toLocaleString("en-US")} requests left today.`,
    fr: (p) =>
      `Connecté : ${pluriel(p.count, "boutique")}` +
      (Number(p.missing) ? ` (${pluriel(p.missing, "boutique")} sans entrepôt : pas de stock)` : "") +
      `, ${pluriel(p.left, "requête")} sur ${fr(p.limit)} ${Number(p.left) < 2 ? "restante" : "restantes"} aujourd'hui.`,
  }),
  "words5.pos.lightspeed.otherAccount": entry<{ id: string }>({
    en: (p) => `These tokens open another Lightspeed account than ${p.id}: check the account ID.`,
    fr: (p) => `Ces jetons ouvrent un autre compte Lightspeed que ${p.id} : vérifiez l'ID du compte.`,
  }),
  "words5.pos.lightspeed.noShop": entry<{ id: number }>({
    en: (p) => `there is no shop ${p.id}`,
    fr: (p) => `il n'y a pas de boutique ${p.id}`,
  }),
  "words5.pos.lightspeed.noRegister": entry<{ id: number }>({
    en: (p) => `there is no register ${p.id}`,
    fr: (p) => `il n'y a pas de caisse ${p.id}`,
  }),
  "words5.pos.lightspeed.registerElsewhere": entry<{ register: number; shop: number }>({
    en: (p) => `register ${p.register} is not in shop ${p.shop}`,
    fr: (p) => `la caisse ${p.register} n'est pas dans la boutique ${p.shop}`,
  }),
  "words5.pos.lightspeed.noEmployee": entry<{ id: number }>({
    en: (p) => `there is no employee ${p.id}`,
    fr: (p) => `il n'y a pas d'employé ${p.id}`,
  }),
  "words5.pos.lightspeed.cannotSell": entry<{ problems: string }>({
    en: (p) => `Connected, but ${p.problems}: sales could not be recorded.`,
    fr: (p) => `Connecté, mais ${p.problems} : les ventes ne pourraient pas être enregistrées.`,
  }),
  "words5.pos.lightspeed.connectedSales": entry<{ count: number; register: string; shop: string; employee: string }>({
    en: (p) => `Connected: ${plural(p.count, "shop")}; online sales go to ${p.register} of ${p.shop} as ${p.employee}.`,
    fr: (p) =>
      `Connecté : ${pluriel(p.count, "boutique")} ; les ventes en ligne vont à ${p.register} de ${p.shop} au nom de ${p.employee}.`,
  }),
  "words5.pos.lightspeed.connectedQoh": entry<{ count: number }>({
    en: (p) => `Connected: ${plural(p.count, "shop")}; online sales set the quantity on hand.`,
    fr: (p) => `Connecté : ${pluriel(p.count, "boutique")} ; les ventes en ligne fixent la quantité en stock.`,
  }),
  "words5.jobApplication.noRecipient": entry({
    en: () => "No address is set for job applications.",
    fr: () => "Aucune adresse n'est définie pour les candidatures.",
  }),
  // Shopify calls that failed (app/shopify): the reason is a sentence of its own, or Shopify's words quoted.
  "words5.shopify.bulkDownloadFailed": entry<{ reason: string }>({
    en: (p) => `The bulk result download failed: ${p.reason}`,
    fr: (p) => `Le téléchargement du résultat de l'opération groupée a échoué : ${p.reason}`,
  }),
  "words5.shopify.stagedUploadFailed": entry<{ reason: string }>({
    en: (p) => `The staged upload failed: ${p.reason}`,
    fr: (p) => `L'envoi du fichier à Shopify a échoué : ${p.reason}`,
  }),
  "words5.shopify.imageUploadFailed": entry<{ name: string; reason: string }>({
    en: (p) => `The upload of ${p.name} to Shopify failed: ${p.reason}`,
    fr: (p) => `L'envoi de ${p.name} à Shopify a échoué : ${p.reason}`,
  }),
  "words5.shopify.httpRefused": entry<{ status: number; operation: string; answer: string }>({
    en: (p) => `Shopify answered HTTP ${p.status} to ${p.operation}: ${quote.en(p.answer)}`,
    fr: (p) =>
      `Shopify a répondu ${httpStatusFr(p.status)} à ${p.operation}${p.answer ? ` : ${quote.fr(p.answer)}` : ""}`,
  }),
  // Why an order cannot be sent to the back office (app/sync/orders/draft.ts): its problems, "; "-joined.
  "words5.order.cannotBeSent": entry<{ order: string; problems: string }>({
    en: (p) => `Order ${p.order} cannot be sent: ${p.problems}.`,
    fr: (p) => `La commande ${p.order} ne peut pas être envoyée : ${p.problems}.`,
  }),
  "words5.order.problems": entry<{ first: string; rest: string }>({
    en: (p) => `${p.first}; ${p.rest}`,
    fr: (p) => `${p.first} ; ${p.rest}`,
  }),
  "words5.order.noEmail": entry({
    en: () => "the order has no customer email",
    fr: () => "la commande n'a pas d'e-mail client",
  }),
  "words5.order.noAddress": entry({
    en: () => "the order has no complete shipping address (street, postcode, city)",
    fr: () => "la commande n'a pas d'adresse de livraison complète (rue, code postal, ville)",
  }),
  "words5.order.tooManyLines": entry({
    en: () => "the order has more than 100 lines",
    fr: () => "la commande a plus de 100 lignes",
  }),
  "words5.order.lineSku": entry<{ line: string; sku: string; problem: string }>({
    en: (p) => `line "${p.line}" has SKU "${p.sku}", ${p.problem}`,
    fr: (p) => `la ligne ${quote.fr(p.line)} a le SKU ${quote.fr(p.sku)} : ${p.problem}`,
  }),
  "words5.order.noSku": entry({
    en: () => "no SKU",
    fr: () => "aucun SKU",
  }),
  "words5.order.notAFastmagSku": entry({
    en: () => "not a Fastmag SKU (REFERENCE|COLOR|SIZE)",
    fr: () => "ce n'est pas un SKU Fastmag (RÉFÉRENCE|COULEUR|TAILLE)",
  }),
  "words5.order.onlyGiftCards": entry({
    en: () => "the order holds only gift cards: nothing to send to the back office",
    fr: () => "la commande ne contient que des cartes cadeaux : rien à envoyer au back-office",
  }),
  "words5.order.noLines": entry({
    en: () => "the order has no lines",
    fr: () => "la commande n'a pas de lignes",
  }),
  // ── The Unmatched screen's decisions, as the syncs say them (docs/decisions/0022-unmatched-decisions.md) ──
  "unmatched.order.onlyIgnored": entry({
    en: () => "every line's SKU is ignored on the Unmatched screen: nothing to send to the back office",
    fr: () => "le SKU de chaque ligne est ignoré dans l'écran SKU sans correspondance : rien à envoyer au back-office",
  }),
  "unmatched.catalog.linkedNotCreated": entry<{ title: string; key: string; sku: string; shopifySku: string }>({
    en: (p) =>
      `${p.title} (${p.key}) is not created: ${p.sku} is linked to the Shopify variant ${p.shopifySku}, which another product holds. Run "Link existing products" so that product is updated instead of a second one made.`,
    fr: (p) =>
      `${p.title} (${p.key}) n'est pas créé : ${p.sku} est associé à la variante Shopify ${p.shopifySku}, qu'un autre produit porte. Lancez « Lier les produits existants » pour que ce produit soit mis à jour au lieu d'en créer un second.`,
  }),
  "unmatched.listing.allIgnored": entry<{ title: string }>({
    en: (p) => `"${p.title}" is not listed: every SKU of it is ignored on the Unmatched screen`,
    fr: (p) =>
      `${quote.fr(p.title)} n'est pas publié : chacun de ses SKU est ignoré dans l'écran SKU sans correspondance`,
  }),
  // ── words6: retries, Shopify's empty answers, refusals from several systems (issue 16, point 9) ────
  "words6.jobApplication.notSentYet": entry<{ message: string }>({
    en: (p) => `The application's mail was not sent yet: ${p.message}`,
    fr: (p) => `L'e-mail de la candidature n'est pas encore parti : ${p.message}`,
  }),
  "words6.alert.notSentYet": entry<{ message: string }>({
    en: (p) => `The alert was not sent yet. ${p.message}`,
    fr: (p) => `L'alerte n'est pas encore partie. ${p.message}`,
  }),
  // Shopify answered a call without its result (no payload): its operation's name is Shopify's own.
  "words6.shopify.returnedNothing": entry<{ operation: string }>({
    en: (p) => `${p.operation} returned nothing`,
    fr: (p) => `Shopify n'a rien renvoyé pour ${p.operation}`,
  }),
  "words6.shopify.noUploadTarget": entry<{ operation: string }>({
    en: (p) => `${p.operation} returned no upload target`,
    fr: (p) => `Shopify n'a pas renvoyé d'adresse d'envoi pour ${p.operation}`,
  }),
  "words6.shopify.uploadTargetNoKey": entry({
    en: () => "the staged upload target has no key",
    fr: () => "l'adresse d'envoi donnée par Shopify n'a pas de clé",
  }),
  "words6.shopify.noOperation": entry<{ operation: string }>({
    en: (p) => `${p.operation} returned no operation`,
    fr: (p) => `Shopify n'a pas renvoyé d'opération groupée pour ${p.operation}`,
  }),
  "words6.shopify.noMedia": entry<{ operation: string }>({
    en: (p) => `${p.operation} returned no media`,
    fr: (p) => `Shopify n'a pas renvoyé de média pour ${p.operation}`,
  }),
  "words6.shopify.noDiscount": entry<{ operation: string }>({
    en: (p) => `${p.operation} returned no discount`,
    fr: (p) => `Shopify n'a pas renvoyé de remise pour ${p.operation}`,
  }),
  "words6.shopify.noFulfillment": entry<{ operation: string }>({
    en: (p) => `${p.operation} returned no fulfillment`,
    fr: (p) => `Shopify n'a pas renvoyé d'expédition pour ${p.operation}`,
  }),
  "words6.shopify.bulkLineReturnedNothing": entry<{ operation: string }>({
    en: (p) => `a line of the bulk ${p.operation} returned nothing`,
    fr: (p) => `une ligne de l'opération groupée ${p.operation} n'a rien renvoyé`,
  }),
  // Several systems' reasons one after the other, each in the reader's language.
  // Tuyo's refusal of a product's discount (app/connectors/tuyo/promos.server.ts): its words, quoted.
  "words6.tuyo.discountRefused": entry<{ refusal: string }>({
    en: (p) => `Tuyo refused the discount: ${quote.en(p.refusal)}`,
    fr: (p) => `Tuyo a refusé la remise : ${quote.fr(p.refusal)}`,
  }),
  "words6.reasons": entry<{ first: string; rest: string }>({
    en: (p) => `${p.first}; ${p.rest}`,
    fr: (p) => `${p.first} ; ${p.rest}`,
  }),
  // A point of sale refused a move without saying why.
  "words6.pos.refused": entry({
    en: () => "Refused by the point of sale.",
    fr: () => "Refusé par le point de vente.",
  }),
  // A point of sale's refusal of one move (PosDispatch.reason): said again in the reader's language.
  "words6.pos.badKey": entry({
    en: () => "The move's key must be 1 to 40 letters, digits, - or _.",
    fr: () => "La clé du mouvement doit faire de 1 à 40 lettres, chiffres, - ou _.",
  }),
  "words6.pos.hiboutik.notAProduct": entry<{ id: string }>({
    en: (p) => `"${p.id}" is not a Hiboutik product (or product/size) id.`,
    fr: (p) => `${quote.fr(p.id)} n'est pas un identifiant de produit (ou produit/taille) Hiboutik.`,
  }),
  "words6.pos.hiboutik.notAStore": entry<{ id: string }>({
    en: (p) => `"${p.id}" is not a Hiboutik store id.`,
    fr: (p) => `${quote.fr(p.id)} n'est pas un identifiant de magasin Hiboutik.`,
  }),
  "words6.pos.hiboutik.wholeUnits": entry({
    en: () => "Hiboutik sells whole units only.",
    fr: () => "Hiboutik ne vend que des unités entières.",
  }),
  "words6.pos.hiboutik.noProduct": entry<{ id: string }>({
    en: (p) => `Hiboutik has no product ${p.id}: map the item again.`,
    fr: (p) => `Hiboutik n'a pas de produit ${p.id} : associez de nouveau l'article.`,
  }),
  "words6.pos.hiboutik.noStore": entry<{ id: string }>({
    en: (p) => `Hiboutik has no store ${p.id} with a warehouse to take the stock from.`,
    fr: (p) => `Hiboutik n'a pas de magasin ${p.id} avec un entrepôt où prendre le stock.`,
  }),
  "words6.pos.hiboutik.currency": entry({
    en: () => "Hiboutik refused the sale's currency: check the account's currency code.",
    fr: () => "Hiboutik a refusé la devise de la vente : vérifiez le code de devise du compte.",
  }),
  "words6.pos.lightspeed.notAnItem": entry<{ id: string }>({
    en: (p) => `"${p.id}" is not a Lightspeed item ID.`,
    fr: (p) => `${quote.fr(p.id)} n'est pas un identifiant d'article Lightspeed.`,
  }),
  "words6.pos.lightspeed.notAShop": entry<{ id: string }>({
    en: (p) => `"${p.id}" is not a Lightspeed shop ID.`,
    fr: (p) => `${quote.fr(p.id)} n'est pas un identifiant de boutique Lightspeed.`,
  }),
  "words6.pos.lightspeed.wholeUnits": entry({
    en: () => "Lightspeed counts whole units only.",
    fr: () => "Lightspeed ne compte que des unités entières.",
  }),
  "words6.pos.lightspeed.otherShop": entry<{ register: number; shop: number; stockShop: number }>({
    en: (p) =>
      `Sales are recorded on register ${p.register} of Lightspeed shop ${p.shop}; this stock is at shop ${p.stockShop}. Map that location to shop ${p.shop}, or set the account to set quantities instead.`,
    fr: (p) =>
      `Les ventes sont enregistrées sur la caisse ${p.register} de la boutique Lightspeed ${p.shop} ; ce stock est dans la boutique ${p.stockShop}. Associez cet emplacement à la boutique ${p.shop}, ou réglez le compte pour fixer les quantités.`,
  }),
  "words6.pos.lightspeed.notStocked": entry<{ item: number; shop: number }>({
    en: (p) => `Lightspeed item ${p.item} is not stocked at shop ${p.shop}.`,
    fr: (p) => `L'article Lightspeed ${p.item} n'est pas en stock dans la boutique ${p.shop}.`,
  }),
  "words6.pos.lightspeed.refusedQoh": entry<{ item: number; shop: number; status: number }>({
    en: (p) =>
      `Lightspeed refused the quantity change of item ${p.item} at shop ${p.shop} (HTTP ${p.status}): check that the item, shop, register and employee still exist.`,
    fr: (p) =>
      `Lightspeed a refusé le changement de quantité de l'article ${p.item} dans la boutique ${p.shop} (HTTP ${p.status}) : vérifiez que l'article, la boutique, la caisse et l'employé existent toujours.`,
  }),
  "words6.pos.lightspeed.refusedSale": entry<{ item: number; shop: number; status: number }>({
    en: (p) =>
      `Lightspeed refused the sale of item ${p.item} at shop ${p.shop} (HTTP ${p.status}): check that the item, shop, register and employee still exist.`,
    fr: (p) =>
      `Lightspeed a refusé la vente de l'article ${p.item} dans la boutique ${p.shop} (HTTP ${p.status}) : vérifiez que l'article, la boutique, la caisse et l'employé existent toujours.`,
  }),
  // words7: the Orders screen's Retry, gift card checks, SFTP, Tuyo and marketplace orders, Square's
  // untracked items, POS locations, a part nobody plays yet and Shopify's retried failures (issue 16, point 9).
  "words7.orders.notInRecords": entry({
    en: () => "This order is not in the app's records.",
    fr: () => "Cette commande n'est pas dans les commandes enregistrées par l'app.",
  }),
  "words7.orders.cancelledBeforeExport": entry<{ order: string }>({
    en: (p) => `Order ${p.order} was cancelled in Shopify before export: nothing to send.`,
    fr: (p) => `La commande ${p.order} a été annulée dans Shopify avant l'export : rien à envoyer.`,
  }),
  "words7.orders.alreadyIn": entry<{ order: string; destination: string; erpOrderId: string }>({
    en: (p) => `Order ${p.order} is already in ${p.destination} (order ${p.erpOrderId}).`,
    fr: (p) => `La commande ${p.order} est déjà dans ${p.destination} (commande ${p.erpOrderId}).`,
  }),
  "words7.orders.beingSent": entry<{ order: string }>({
    en: (p) => `Order ${p.order} is being sent right now; try again in a few minutes.`,
    fr: (p) => `La commande ${p.order} est en cours d'envoi ; réessayez dans quelques minutes.`,
  }),
  "words7.orders.exportRetried": entry({
    en: () => "Export retried by the merchant.",
    fr: () => "Export relancé par le marchand.",
  }),
  "words7.orders.requeuedByReconciliation": entry({
    en: () => "Export left unfinished; queued again by the reconciliation.",
    fr: () => "Export resté inachevé ; remis en file par le rapprochement.",
  }),
  "words7.orders.noReversalToRetry": entry<{ order: string }>({
    en: (p) => `Order ${p.order} has no cancellation or refund to retry.`,
    fr: (p) => `La commande ${p.order} n'a aucune annulation ni aucun remboursement à relancer.`,
  }),
  "words7.orders.reversalRetried": entry({
    en: () => "Cancellation or refund report retried by the merchant.",
    fr: () => "Signalement de l'annulation ou du remboursement relancé par le marchand.",
  }),
  "words7.giftCards.notFound": entry<{ code: string; source: string }>({
    en: (p) => `${p.source} has no gift card ${p.code}.`,
    fr: (p) => `${p.source} n'a pas de carte cadeau ${p.code}.`,
  }),
  "words7.giftCards.alreadyInShopify": entry<{ code: string }>({
    en: (p) => `Gift card ${p.code} is already in Shopify.`,
    fr: (p) => `La carte cadeau ${p.code} est déjà dans Shopify.`,
  }),
  "words7.giftCards.codeRefused": entry<{ code: string }>({
    en: (p) => `Shopify refused the code of gift card ${p.code} but has no card with it.`,
    fr: (p) => `Shopify a refusé le code de la carte cadeau ${p.code} mais n'a aucune carte avec ce code.`,
  }),
  "words7.giftCards.codeUnusable": entry<{ code: string }>({
    en: (p) =>
      `The gift card code "${p.code}" cannot be used in Shopify: Shopify codes have 8 to 20 letters and digits.`,
    fr: (p) =>
      `Le code de carte cadeau ${quote.fr(p.code)} ne peut pas servir dans Shopify : les codes Shopify ont de 8 à 20 lettres et chiffres.`,
  }),
  "words7.sftp.noAnswerListing": entry<{ folder: string; seconds: number }>({
    en: (p) => `The SFTP server did not answer listing ${p.folder} within ${en(p.seconds)} s`,
    fr: (p) => `Le serveur SFTP n'a pas répondu à la lecture du dossier ${p.folder} en ${fr(p.seconds)} s`,
  }),
  "words7.sftp.refusedListing": entry<{ folder: string; answer: string }>({
    en: (p) => `The SFTP server refused listing ${p.folder}: ${quote.en(p.answer)}`,
    fr: (p) => `Le serveur SFTP a refusé la lecture du dossier ${p.folder} : ${quote.fr(p.answer)}`,
  }),
  "words7.sftp.nameNotFound": entry<{ host: string }>({
    en: (p) => `The SFTP server's name ${p.host} could not be found`,
    fr: (p) => `Le nom du serveur SFTP ${p.host} est introuvable`,
  }),
  "words7.sftp.privateAddress": entry<{ host: string }>({
    en: (p) => `${p.host} is a local or private address: the SFTP server must be public.`,
    fr: (p) => `${p.host} est une adresse locale ou privée : le serveur SFTP doit être public.`,
  }),
  // The server showed another host key than the one pinned at the first connection (app/connectors/sftp):
  // the fingerprints ("SHA256:…") are values, the same in both languages.
  "words7.sftp.hostKeyChanged": entry<{ seen: string; pinned: string }>({
    en: (p) =>
      `The SFTP server's host key changed (it shows ${p.seen}, the one pinned is ${p.pinned}). If the server was really replaced, clear the pinned key in the settings.`,
    fr: (p) =>
      `La clé du serveur SFTP a changé (il présente ${p.seen}, la clé retenue est ${p.pinned}). Si le serveur a vraiment été remplacé, oubliez la clé retenue dans les paramètres.`,
  }),
  "words7.sftp.loginRefused": entry<{ user: string }>({
    en: (p) => `The SFTP server refused the login of ${p.user}: check the password or key.`,
    fr: (p) => `Le serveur SFTP a refusé l'identification de ${p.user} : vérifiez le mot de passe ou la clé.`,
  }),
  "words7.tuyo.earlierProgressFirst": entry<{ status: string }>({
    en: (p) => `Tuyo is being told the order's earlier progress; "${p.status}" follows.`,
    fr: (p) => `Tuyo reçoit l'avancement précédent de la commande ; ${quote.fr(p.status)} suivra.`,
  }),
  "words7.orderProgress.notReported": entry<{ systems: string }>({
    en: (p) => `Order progress not reported to ${p.systems}`,
    fr: (p) => `Avancement de la commande non signalé à ${p.systems}`,
  }),
  "words7.orderProgress.system": entry<{ name: string; reason: string }>({
    en: (p) => `${p.name} (${p.reason})`,
    fr: (p) => `${p.name} (${p.reason})`,
  }),
  "words7.orderProgress.list": entry<{ first: string; rest: string }>({
    en: (p) => `${p.first}, ${p.rest}`,
    fr: (p) => `${p.first}, ${p.rest}`,
  }),
  "words7.marketplace.cannotRecord": entry<{ marketplace: string }>({
    en: (p) => `This ${p.marketplace} order cannot be recorded in Shopify.`,
    fr: (p) => `Cette commande ${p.marketplace} ne peut pas être enregistrée dans Shopify.`,
  }),
  "words7.marketplace.noVariant": entry<{ sku: string }>({
    en: (p) => `No Shopify variant has the SKU "${p.sku}".`,
    fr: (p) => `Aucune variante Shopify n'a le SKU ${quote.fr(p.sku)}.`,
  }),
  "words7.marketplace.refused": entry<{ marketplace: string }>({
    en: (p) => `Shopify refused this ${p.marketplace} order.`,
    fr: (p) => `Shopify a refusé cette commande ${p.marketplace}.`,
  }),
  "words7.marketplace.notRecorded": entry<{ marketplace: string }>({
    en: (p) => `Shopify did not record this ${p.marketplace} order.`,
    fr: (p) => `Shopify n'a pas enregistré cette commande ${p.marketplace}.`,
  }),
  "words7.pos.square.stockNotTracked": entry<{ item: string }>({
    en: (p) => `${p.item}: Square does not track its stock`,
    fr: (p) => `${p.item} : Square ne suit pas son stock`,
  }),
  "words7.pos.mapLocationsFirst": entry<{ account: string }>({
    en: (p) => `Map the locations of "${p.account}" to Shopify locations first.`,
    fr: (p) => `Associez d'abord les emplacements de ${quote.fr(p.account)} à des emplacements Shopify.`,
  }),
  "words7.setup.fillIn": entry<{ name: string }>({
    en: (p) => `${p.name} is not set up for this shop yet: fill in Settings → ${p.name}.`,
    fr: (p) => `${p.name} n'est pas encore configuré pour cette boutique : renseignez Paramètres → ${p.name}.`,
  }),
  "words7.setup.noneSetUp": entry<{ capability: string }>({
    en: (p) => `This shop has no ${capabilityEn(p.capability)} set up yet: choose one in Settings.`,
    fr: (p) => `Cette boutique n'a pas encore ${capabilityFr(p.capability)} : faites ce choix dans Paramètres.`,
  }),
  "words7.shopify.noAnswer": entry<{ operation: string }>({
    en: (p) => `Shopify did not answer ${p.operation}`,
    fr: (p) => `Shopify n'a pas répondu à ${p.operation}`,
  }),
  "words7.shopify.httpStatus": entry<{ status: number; operation: string }>({
    en: (p) => `Shopify answered HTTP ${en(p.status)} to ${p.operation}`,
    fr: (p) => `Shopify a répondu HTTP ${en(p.status)} à ${p.operation}`,
  }),
  "words7.shopify.incomplete": entry<{ operation: string; reason: string }>({
    en: (p) => `Shopify's answer to ${p.operation} was incomplete (${p.reason})`,
    fr: (p) => `La réponse de Shopify à ${p.operation} était incomplète (${p.reason})`,
  }),
  "words7.shopify.throttled": entry<{ operation: string }>({
    en: (p) => `Shopify kept throttling ${p.operation}`,
    fr: (p) => `Shopify a continué de limiter le débit de ${p.operation}`,
  }),
} satisfies Record<string, Entry<never>>;
