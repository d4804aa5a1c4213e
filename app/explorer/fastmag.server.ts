// Use-cases behind the Fastmag explorer: the screen (?operation=…&q=…&page=…) and the JSON API
// (GET /api/fastmag/<operation>). Fastmag's failures become typed errors in the merchant's words, so
// the API answers through the shared mapping (app/lib/http-errors.server.ts) and the screen shows them.
import { FastmagProtocolError, FastmagRefusedError, FastmagUnavailableError } from "../connectors/fastmag/errors";
import { API_PARAMETER, EXPLORER_OPERATIONS, explorerOperation } from "../connectors/fastmag/explorer-operations";
import {
  ExplorerNotFoundError,
  exploreFastmag,
  type ExplorerRequest,
  type ExplorerResult,
} from "../connectors/fastmag/explorer.server";
import { describeFastmagFailure, FastmagNotConfiguredError } from "../connectors/fastmag/settings.server";
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { ExternalSystemError, NotFoundError, TransientError, ValidationError } from "../lib/errors";

export type { ExplorerResult, ExplorerValue } from "../connectors/fastmag/explorer.server";

/** How long an API caller should wait after Fastmag did not answer. */
const FASTMAG_RETRY_AFTER_MS = 30_000;

/** GET /api/fastmag/operations: what the API can look up, and the query parameter each one takes. */
export function explorerApiOperations() {
  return EXPLORER_OPERATIONS.map((op) => ({
    id: op.id,
    label: op.label,
    path: `/api/fastmag/${op.id}`,
    parameter: API_PARAMETER[op.input],
    paginated: op.paginated,
  }));
}

/** GET /api/fastmag/<operation>?<parameter>=…&page=&pageSize= */
export async function exploreFastmagApi(
  shop: string,
  operationId: string,
  search: URLSearchParams,
): Promise<ExplorerResult> {
  const operation = explorerOperation(operationId);
  if (!operation)
    throw new NotFoundError(`Unknown operation "${operationId}". GET /api/fastmag/operations lists them.`);
  const parameter = API_PARAMETER[operation.input];
  try {
    return await exploreFastmag(shop, {
      operation: operation.id,
      query: parameter ? (search.get(parameter) ?? "") : "",
      page: numberParam(search, "page"),
      pageSize: numberParam(search, "pageSize"),
    });
  } catch (error) {
    throw inMerchantWords(error);
  }
}

export interface ExplorerScreen {
  result: ExplorerResult | null;
  /** A lookup that found nothing. */
  notice: string | null;
  /** `setup`: the failure is that Fastmag is not set up (the screen links to its settings). */
  error: { message: string; fieldErrors: Record<string, string>; setup: boolean } | null;
}

// The screen's words. The explorer's checks and answers are written in English for the JSON API too:
// the screen looks up their French by the English (what it has no French for stays as written).
const WORDS = defineWords({
  en: {
    said: {} as Record<string, string>,
    notFound: [] as [RegExp, (what: string) => string][],
    notSetUp: "Fastmag is not set up for this shop yet: fill in Settings → Fastmag.",
    refusedLogin: (said: string) =>
      `Fastmag refused the login: “${said}”. Check the enseigne, magasin, compte and password.`,
    refused: (said: string) => `Fastmag refused the request: “${said}”`,
  },
  fr: {
    said: {
      "This search text cannot be sent to Fastmag.": "Ce texte de recherche ne peut pas être envoyé à Fastmag.",
      "Enter a SKU as REFERENCE|COLOR|SIZE, e.g. BOXE20BEWARE|MARINE/GRIS CHINE|S.":
        "Saisissez un SKU sous la forme RÉFÉRENCE|COULEUR|TAILLE, par exemple BOXE20BEWARE|MARINE/GRIS CHINE|S.",
      "A GENCOD is 8 to 14 digits, e.g. 3700000000017.":
        "Un GENCOD compte de 8 à 14 chiffres, par exemple 3700000000017.",
      "Enter a Fastmag order id, e.g. 2.": "Saisissez un identifiant de commande Fastmag, par exemple 2.",
      "Enter a Shopify order id: 1001 or gid://shopify/Order/1001.":
        "Saisissez un identifiant de commande Shopify : 1001 ou gid://shopify/Order/1001.",
      "Enter an email address.": "Saisissez une adresse e-mail.",
      "Enter an email address, or nothing for every customer.":
        "Saisissez une adresse e-mail, ou rien pour tous les clients.",
      'Choose "all", "store" or "web".': "Choisissez « all », « store » ou « web ».",
      "Enter what to look up.": "Saisissez ce que vous recherchez.",
      "That is too long for a Fastmag code.": "C'est trop long pour un code Fastmag.",
      "The page is a whole number from 1.": "La page est un nombre entier à partir de 1.",
    } as Record<string, string>,
    notFound: [
      [/^product with SKU (.*)$/, (v) => `Fastmag n'a pas de produit avec le SKU ${v}.`],
      [/^product with GENCOD (.*)$/, (v) => `Fastmag n'a pas de produit avec le GENCOD ${v}.`],
      [/^stock for SKU (.*)$/, (v) => `Fastmag n'a pas de stock pour le SKU ${v}.`],
      [/^order for Shopify order (.*)$/, (v) => `Fastmag n'a pas de commande pour la commande Shopify ${v}.`],
      [/^order (.*)$/, (v) => `Fastmag n'a pas de commande ${v}.`],
      [/^customer with the email (.*)$/, (v) => `Fastmag n'a pas de client avec l'e-mail ${v}.`],
      [/^gift card (.*)$/, (v) => `Fastmag n'a pas de carte cadeau ${v}.`],
      [/^PME (.*)$/, (v) => `Fastmag n'a pas de PME ${v}.`],
    ] as [RegExp, (what: string) => string][],
    notSetUp: "Fastmag n'est pas encore configuré pour cette boutique : remplissez Paramètres → Fastmag.",
    refusedLogin: (said: string) =>
      `Fastmag a refusé la connexion : « ${said} ». Vérifiez l'enseigne, le magasin, le compte et le mot de passe.`,
    refused: (said: string) => `Fastmag a refusé la requête : « ${said} »`,
  },
});

/** "Fastmag has no product with SKU X." in the admin's language. */
function notFoundIn(message: string, locale: Locale): string {
  const what = /^Fastmag has no (.*)\.$/.exec(message)?.[1];
  if (what === undefined) return message;
  for (const [pattern, say] of WORDS[locale].notFound) {
    const found = pattern.exec(what);
    if (found) return say(found[1]!);
  }
  return message;
}

function failureIn(error: unknown, locale: Locale): string {
  if (locale === "en") return describeFastmagFailure(error);
  const t = WORDS[locale];
  if (error instanceof FastmagNotConfiguredError) return t.notSetUp;
  if (error instanceof FastmagRefusedError)
    return error.reason === "credentials" ? t.refusedLogin(error.fastmagMessage) : t.refused(error.fastmagMessage);
  return describeFastmagFailure(error);
}

/** The explorer screen: a search's result, or what to tell the merchant instead. */
export async function exploreFastmagScreen(
  shop: string,
  request: ExplorerRequest,
  locale: Locale = "en",
): Promise<ExplorerScreen> {
  const answer: ExplorerScreen = { result: null, notice: null, error: null };
  if (!request.operation) return answer;
  const say = (text: string) => WORDS[locale].said[text] ?? text;
  try {
    return { ...answer, result: await exploreFastmag(shop, request) };
  } catch (error) {
    if (error instanceof ExplorerNotFoundError) return { ...answer, notice: notFoundIn(error.message, locale) };
    if (error instanceof ValidationError)
      return {
        ...answer,
        error: {
          message: say(error.message),
          fieldErrors: Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, say(v)])),
          setup: false,
        },
      };
    return {
      ...answer,
      error: {
        message: failureIn(error, locale),
        fieldErrors: {},
        setup: error instanceof FastmagNotConfiguredError,
      },
    };
  }
}

function inMerchantWords(error: unknown): unknown {
  if (error instanceof FastmagUnavailableError)
    return new TransientError(describeFastmagFailure(error), { cause: error, retryAfterMs: FASTMAG_RETRY_AFTER_MS });
  if (error instanceof FastmagRefusedError || error instanceof FastmagProtocolError)
    return new ExternalSystemError(describeFastmagFailure(error), { cause: error });
  return error;
}

function numberParam(search: URLSearchParams, name: string): number | undefined {
  const value = search.get(name);
  return value === null || value === "" ? undefined : Number(value);
}
