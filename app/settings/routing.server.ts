// The routing chooser (Settings → Where your data goes): which system the shop's stock and prices come
// from, which one receives its orders, and which systems receive its stock. The choices offered are the
// registry's connectors that offer each part; saving checks each one is set up and ready for it, and
// says what is wrong in plain words, field by field.
import type { CapabilityName } from "../capabilities";
import {
  CONNECTORS,
  connectorById,
  connectorsOffering,
  routedConnector,
  routingSaid,
  routingSentences,
  setUpConnectorIds,
} from "../connectors/registry.server";
import { loadRouting, saveRouting } from "../connectors/routing.server";
import { loadConnectorSettings } from "../connectors/settings.server";
import { db } from "../db.server";
import { defineWords } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { said, sayIn } from "../i18n/stored-words";
import { ValidationError } from "../lib/errors";
import { recordAppEvent } from "../alerts/app-events.server";

/** The single parts a shop routes, by form field. */
const SINGLE = {
  stockSource: "stock-source",
  priceSource: "price-source",
  orderDestination: "order-destination",
} as const satisfies Record<string, CapabilityName>;

type SingleField = keyof typeof SINGLE;

const WORDS = defineWords({
  en: {
    parts: {
      stockSource: "the stock source",
      priceSource: "the price source",
      orderDestination: "where orders are sent",
      stockDestinations: "a system that receives stock",
    } as Record<SingleField | "stockDestinations", string>,
    notSetUp: (name: string) => `${name} is not set up yet: fill in Settings → ${name} first.`,
    // A connector's own "not ready" sentence (its manifest speaks English), by its English text.
    notReady: {} as Record<string, string>,
    pickListed: "Pick one of the listed systems.",
    cannotBe: (name: string, part: string) => `${name} cannot be ${part}.`,
    sourceReceives: (name: string) =>
      `Stock comes from ${name}: it cannot receive it too. Untick it, or choose another stock source.`,
    fixChoices: "Some choices need fixing; nothing was saved.",
  },
  fr: {
    parts: {
      stockSource: "la source du stock",
      priceSource: "la source des prix",
      orderDestination: "la destination des commandes",
      stockDestinations: "un système qui reçoit le stock",
    },
    notSetUp: (name: string) => `${name} n'est pas encore configuré : remplissez d'abord Paramètres → ${name}.`,
    notReady: {
      "Pick the RetailCRM warehouse first (Settings → RetailCRM).":
        "Choisissez d'abord l'entrepôt RetailCRM (Paramètres → RetailCRM).",
    },
    pickListed: "Choisissez l'un des systèmes de la liste.",
    cannotBe: (name: string, part: string) => `${name} ne peut pas être ${part}.`,
    sourceReceives: (name: string) =>
      `Le stock vient de ${name} : il ne peut pas aussi en recevoir. Décochez-le, ou choisissez une autre source de stock.`,
    fixChoices: "Certains choix sont à corriger ; rien n'a été enregistré.",
  },
});

export interface RoutingOption {
  id: string;
  name: string;
  /** Why it cannot be picked now (not set up, a setting missing); null when it can. */
  unavailable: string | null;
}

export interface RoutingInput {
  stockSource: string;
  priceSource: string;
  orderDestination: string;
  /** Besides Shopify, which always receives stock. */
  stockDestinations: string[];
}

/** What a connector still lacks to play `capability` for the shop, in plain words; null when nothing. */
async function unavailability(
  shop: string,
  id: string,
  capability: CapabilityName,
  setUp: Set<string>,
  locale: Locale,
) {
  const manifest = connectorById(id)!;
  if (!setUp.has(id)) return WORDS[locale].notSetUp(manifest.name);
  if (!manifest.notReadyFor) return null;
  const stored = await loadConnectorSettings<unknown>(shop, id);
  const problem = manifest.notReadyFor(stored?.config ?? {}, capability);
  return problem === null ? null : (WORDS[locale].notReady[problem] ?? problem);
}

async function optionsFor(
  shop: string,
  capability: CapabilityName,
  setUp: Set<string>,
  locale: Locale,
): Promise<RoutingOption[]> {
  return Promise.all(
    connectorsOffering(capability).map(async (c) => ({
      id: c.id,
      name: c.name,
      unavailable: await unavailability(shop, c.id, capability, setUp, locale),
    })),
  );
}

/** The chooser's screen: the options of each part, what plays it now, and the routing in plain words. */
export async function routingChooserScreen(shop: string, locale: Locale = "en") {
  const [routing, setUp] = await Promise.all([loadRouting(db, shop), setUpConnectorIds(db, shop)]);
  const [stockSources, priceSources, orderDestinations, stockDestinations, chosen, sentences] = await Promise.all([
    optionsFor(shop, "stock-source", setUp, locale),
    optionsFor(shop, "price-source", setUp, locale),
    optionsFor(shop, "order-destination", setUp, locale),
    optionsFor(shop, "stock-destination", setUp, locale),
    Promise.all(
      (Object.entries(SINGLE) as [SingleField, (typeof SINGLE)[SingleField]][]).map(
        async ([field, capability]) =>
          [field, (await routedConnector(db, shop, capability, routing))?.id ?? ""] as const,
      ),
    ),
    routingSentences(db, shop, locale),
  ]);
  return {
    options: { stockSources, priceSources, orderDestinations, stockDestinations },
    current: {
      ...(Object.fromEntries(chosen) as Record<SingleField, string>),
      stockDestinations: routing.stockDestinations,
    },
    /** Always receives stock: its box is ticked and cannot be cleared. */
    alwaysReceivesStock: CONNECTORS.filter((c) => c.builtIn && c.capabilities["stock-destination"]).map((c) => c.id),
    sentences,
  };
}

/**
 * Saves the shop's routing once every choice is valid (nothing is saved otherwise): each part's system
 * offers it and is set up and ready for it, and no system both gives and receives stock. An empty single
 * part means "none chosen": the one set-up system that offers it plays it, as before any choice.
 */
export async function saveRoutingChoice(
  shop: string,
  input: RoutingInput,
  locale: Locale = "en",
): Promise<{ sentences: string[] }> {
  const w = WORDS[locale];
  const setUp = await setUpConnectorIds(db, shop);
  const fieldErrors: Record<string, string> = {};

  const check = async (field: SingleField | "stockDestinations", id: string, capability: CapabilityName) => {
    const manifest = connectorById(id);
    if (!manifest) return w.pickListed;
    if (!manifest.capabilities[capability]) return w.cannotBe(manifest.name, w.parts[field]);
    return unavailability(shop, id, capability, setUp, locale);
  };

  for (const [field, capability] of Object.entries(SINGLE) as [SingleField, CapabilityName][]) {
    const id = input[field].trim();
    if (!id) continue;
    const problem = await check(field, id, capability);
    if (problem) fieldErrors[field] = problem;
  }
  const receivers = [...new Set(input.stockDestinations.map((id) => id.trim()).filter(Boolean))];
  for (const id of receivers) {
    const problem = await check("stockDestinations", id, "stock-destination");
    if (problem) {
      fieldErrors.stockDestinations = problem;
      break;
    }
  }
  const source = input.stockSource.trim();
  if (!fieldErrors.stockSource && !fieldErrors.stockDestinations && source && receivers.includes(source))
    fieldErrors.stockDestinations = w.sourceReceives(connectorById(source)!.name);
  if (Object.keys(fieldErrors).length) throw new ValidationError(w.fixChoices, fieldErrors);

  await saveRouting(db, shop, {
    stockSource: source || null,
    priceSource: input.priceSource.trim() || null,
    orderDestination: input.orderDestination.trim() || null,
    stockDestinations: receivers,
  });
  // The app event is stored in English with its words; the screen gets the sentences in the admin's language.
  const [stock, prices, orders] = await routingSaid(db, shop);
  await recordAppEvent(shop, {
    kind: "settings-changed",
    message: said("event.routingSaved", { stock: stock!, prices: prices!, orders: orders! }),
    link: "/app/settings/routing",
  });
  return { sentences: [stock!, prices!, orders!].map((sentence) => sayIn(sentence, locale)) };
}
