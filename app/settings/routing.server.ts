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
  routingSentences,
  setUpConnectorIds,
} from "../connectors/registry.server";
import { loadRouting, saveRouting } from "../connectors/routing.server";
import { loadConnectorSettings } from "../connectors/settings.server";
import { db } from "../db.server";
import { ValidationError } from "../lib/errors";

/** The single parts a shop routes, by form field. */
const SINGLE = {
  stockSource: "stock-source",
  priceSource: "price-source",
  orderDestination: "order-destination",
} as const satisfies Record<string, CapabilityName>;

type SingleField = keyof typeof SINGLE;

const PART_WORDS: Record<SingleField | "stockDestinations", string> = {
  stockSource: "the stock source",
  priceSource: "the price source",
  orderDestination: "where orders are sent",
  stockDestinations: "a system that receives stock",
};

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
async function unavailability(shop: string, id: string, capability: CapabilityName, setUp: Set<string>) {
  const manifest = connectorById(id)!;
  if (!setUp.has(id)) return `${manifest.name} is not set up yet: fill in Settings → ${manifest.name} first.`;
  if (!manifest.notReadyFor) return null;
  const stored = await loadConnectorSettings<unknown>(shop, id);
  return manifest.notReadyFor(stored?.config ?? {}, capability);
}

async function optionsFor(shop: string, capability: CapabilityName, setUp: Set<string>): Promise<RoutingOption[]> {
  return Promise.all(
    connectorsOffering(capability).map(async (c) => ({
      id: c.id,
      name: c.name,
      unavailable: await unavailability(shop, c.id, capability, setUp),
    })),
  );
}

/** The chooser's screen: the options of each part, what plays it now, and the routing in plain words. */
export async function routingChooserScreen(shop: string) {
  const [routing, setUp] = await Promise.all([loadRouting(db, shop), setUpConnectorIds(db, shop)]);
  const [stockSources, priceSources, orderDestinations, stockDestinations, chosen, sentences] = await Promise.all([
    optionsFor(shop, "stock-source", setUp),
    optionsFor(shop, "price-source", setUp),
    optionsFor(shop, "order-destination", setUp),
    optionsFor(shop, "stock-destination", setUp),
    Promise.all(
      (Object.entries(SINGLE) as [SingleField, (typeof SINGLE)[SingleField]][]).map(
        async ([field, capability]) =>
          [field, (await routedConnector(db, shop, capability, routing))?.id ?? ""] as const,
      ),
    ),
    routingSentences(db, shop),
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
export async function saveRoutingChoice(shop: string, input: RoutingInput): Promise<{ sentences: string[] }> {
  const setUp = await setUpConnectorIds(db, shop);
  const fieldErrors: Record<string, string> = {};

  const check = async (field: SingleField | "stockDestinations", id: string, capability: CapabilityName) => {
    const manifest = connectorById(id);
    if (!manifest) return "Pick one of the listed systems.";
    if (!manifest.capabilities[capability]) return `${manifest.name} cannot be ${PART_WORDS[field]}.`;
    return unavailability(shop, id, capability, setUp);
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
    fieldErrors.stockDestinations = `Stock comes from ${connectorById(source)!.name}: it cannot receive it too. Untick it, or choose another stock source.`;
  if (Object.keys(fieldErrors).length)
    throw new ValidationError("Some choices need fixing; nothing was saved.", fieldErrors);

  await saveRouting(db, shop, {
    stockSource: source || null,
    priceSource: input.priceSource.trim() || null,
    orderDestination: input.orderDestination.trim() || null,
    stockDestinations: receivers,
  });
  return { sentences: await routingSentences(db, shop) };
}
