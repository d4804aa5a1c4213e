// Every system Passerelle connects, and who plays which part for a shop. Adding a system = its folder's
// connector.server.ts + one line in CONNECTORS. Use-cases ask providerFor(…) / stockDestinationsFor(…)
// and never import a connector.
import type { CapabilityName, CapabilityPorts } from "../capabilities";
import { CAPABILITY_WORDS } from "../capabilities";
import type { Db } from "../db.server";
import type { Locale } from "../i18n/locale";
import { type Message, said, sayIn, type Said } from "../i18n/stored-words";
import { NotConfiguredError } from "../lib/errors";
import type { CapabilityContext, ConnectorManifest } from "./define";
import { eventFeed } from "./event-feed/connector.server";
import { fastmag } from "./fastmag/connector.server";
import { retailcrm } from "./retailcrm/connector.server";
import { loadRouting, type ShopRouting } from "./routing.server";
import {
  listConnectorSummaries,
  loadConnectorSecrets,
  loadConnectorSettings,
  type ConnectorSummary,
} from "./settings.server";
import { sftp } from "./sftp/connector.server";
import { shopify } from "./shopify/connector.server";
import { tuyo } from "./tuyo/connector.server";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each manifest has its own settings type
export type AnyManifest = ConnectorManifest<any>;

export const CONNECTORS: readonly AnyManifest[] = [shopify, fastmag, retailcrm, sftp, eventFeed, tuyo];

export function connectorById(id: string): AnyManifest | undefined {
  return CONNECTORS.find((c) => c.id === id);
}

/** Connectors that offer a capability. */
export const connectorsOffering = (capability: CapabilityName) =>
  CONNECTORS.filter((c) => c.capabilities[capability] !== undefined);

/** The maintenance windows of every connector offering a capability: default schedules avoid them. */
export function maintenanceWindowsOf(capability: CapabilityName): { name: string; fromHour: number; toHour: number }[] {
  return connectorsOffering(capability).flatMap((c) =>
    c.maintenanceWindow ? [{ name: c.name, ...c.maintenanceWindow }] : [],
  );
}

/** Connectors set up for the shop: their settings and every secret saved (built-in ones always). */
export async function setUpConnectorIds(db: Db, shop: string): Promise<Set<string>> {
  const rows = await db.connectorSetting.findMany({
    where: { shop, enabled: true, connector: { in: CONNECTORS.map((c) => c.id) } },
    select: { connector: true, secretsCiphertext: true },
  });
  const ids = new Set(CONNECTORS.filter((c) => c.builtIn).map((c) => c.id));
  for (const row of rows) {
    const manifest = connectorById(row.connector)!;
    if (manifest.secrets.length === 0 || row.secretsCiphertext !== null) ids.add(row.connector);
  }
  return ids;
}

type SingleCapability =
  | "stock-source"
  | "price-source"
  | "order-destination"
  | "order-status-source"
  | "catalog-source"
  | "image-source"
  | "gift-card-source"
  | "customer-credit-source";

const ROUTED: Record<SingleCapability, keyof ShopRouting | null> = {
  "stock-source": "stockSource",
  "price-source": "priceSource",
  "order-destination": "orderDestination",
  // Orders' statuses come from where the orders went.
  "order-status-source": "orderDestination",
  // No routing choice yet: the one set-up system offering products (Fastmag).
  "catalog-source": null,
  // Photos: the catalog's own setting (CatalogPublishSettings.imageSource), else the one set up.
  "image-source": null,
  // No routing choice yet: the one set-up system that sells gift cards.
  "gift-card-source": null,
  // No routing choice yet: the one set-up system holding customers' wallets and credit notes.
  "customer-credit-source": null,
};

/**
 * The connector playing `capability` for the shop: the routing's choice, or else the one set-up
 * connector offering it (connectors offering it only when chosen aside). Null when none is set up (or routing names one that is not).
 */
export async function routedConnector(
  db: Db,
  shop: string,
  capability: SingleCapability,
  routing?: ShopRouting,
): Promise<AnyManifest | null> {
  const [route, setUp] = await Promise.all([routing ?? loadRouting(db, shop), setUpConnectorIds(db, shop)]);
  const field = ROUTED[capability];
  // Photos are chosen with the catalog's settings (Settings → SFTP photos), not the stock routing.
  const chosen =
    capability === "image-source"
      ? ((await db.catalogPublishSettings.findUnique({ where: { shop } }))?.imageSource ?? null)
      : field
        ? (route[field] as string | null)
        : null;
  const offering = connectorsOffering(capability).filter((c) => setUp.has(c.id));
  if (chosen) return offering.find((c) => c.id === chosen) ?? null;
  const byDefault = offering.filter((c) => !c.onlyWhenChosen?.includes(capability));
  return byDefault.length === 1 ? byDefault[0]! : null;
}

/** What to set up so that someone plays `capability`: the only connector offering it, or a choice in Settings. */
export function setupHintFor(capability: CapabilityName): { key: string; what: string; url: string; message: Message } {
  const candidates = connectorsOffering(capability).filter(
    (c) => !c.builtIn && c.settingsPage && !c.onlyWhenChosen?.includes(capability),
  );
  if (candidates.length === 1) {
    const only = candidates[0]!;
    return {
      key: only.id,
      what: only.name,
      url: only.settingsPage!,
      message: said("words7.setup.fillIn", { name: only.name }),
    };
  }
  return {
    key: capability,
    what: CAPABILITY_WORDS[capability],
    url: "/app/settings",
    message: said("words7.setup.noneSetUp", { capability }),
  };
}

function notConfigured(capability: CapabilityName): NotConfiguredError {
  const hint = setupHintFor(capability);
  return new NotConfiguredError(hint.what, hint.url, hint.message);
}

export interface Provider<C extends CapabilityName> {
  id: string;
  name: string;
  port: CapabilityPorts[C];
}

async function build<C extends CapabilityName>(
  manifest: AnyManifest,
  capability: C,
  ctx: CapabilityContext,
): Promise<Provider<C>> {
  const [stored, secrets] = await Promise.all([
    manifest.builtIn ? null : loadConnectorSettings<unknown>(ctx.shop, manifest.id),
    manifest.builtIn ? {} : loadConnectorSecrets(ctx.shop, manifest.id),
  ]);
  const factory = manifest.capabilities[capability]!;
  const port = await factory({ shop: ctx.shop, settings: stored?.config ?? {}, secrets }, ctx);
  return { id: manifest.id, name: manifest.name, port: port as CapabilityPorts[C] };
}

/** The shop's provider of a capability; NotConfiguredError (a "waiting for setup" run) when none is. */
export async function providerFor<C extends SingleCapability>(
  ctx: CapabilityContext,
  capability: C,
): Promise<Provider<C>> {
  const manifest = await routedConnector(ctx.db, ctx.shop, capability);
  if (!manifest) throw notConfigured(capability);
  return build(manifest, capability, ctx);
}

/**
 * The event destination for one endpoint of the shop's event feed: `target` (its address, secrets and
 * headers, see app/event-feed) is passed as the destination's options.
 */
export async function eventDestinationFor(
  ctx: CapabilityContext,
  target: Record<string, unknown>,
): Promise<Provider<"event-destination">> {
  const manifest = connectorsOffering("event-destination")[0];
  if (!manifest) throw notConfigured("event-destination");
  return build(manifest, "event-destination", { ...ctx, destinationOptions: target });
}

/** Every system the shop sends its stock to, Shopify first, each built for this run. */
export async function stockDestinationsFor(ctx: CapabilityContext): Promise<Provider<"stock-destination">[]> {
  const [routing, setUp] = await Promise.all([loadRouting(ctx.db, ctx.shop), setUpConnectorIds(ctx.db, ctx.shop)]);
  const manifests = routing.stockDestinations
    .map((id) => connectorById(id))
    .filter((c): c is AnyManifest => !!c && c.capabilities["stock-destination"] !== undefined && setUp.has(c.id));
  const context = { ...ctx, shopifyLocationId: ctx.shopifyLocationId ?? routing.shopifyLocationId ?? undefined };
  return Promise.all(manifests.map((m) => build(m, "stock-destination", context)));
}

/** Every set-up system that receives the shop's promotions (a marketplace), each built for this run. */
export async function promotionDestinationsFor(ctx: CapabilityContext): Promise<Provider<"promotion-destination">[]> {
  const setUp = await setUpConnectorIds(ctx.db, ctx.shop);
  const manifests = connectorsOffering("promotion-destination").filter((c) => setUp.has(c.id));
  return Promise.all(manifests.map((m) => build(m, "promotion-destination", ctx)));
}

/** The routing in plain words for the Settings screen: "Stock comes from Fastmag; it is sent to Shopify." */
export async function routingSentences(db: Db, shop: string, locale: Locale = "en"): Promise<string[]> {
  return (await routingSaid(db, shop)).map((sentence) => sayIn(sentence, locale));
}

/** The same sentences said with their words (the app event of a saved routing stores them). */
export async function routingSaid(db: Db, shop: string): Promise<Said[]> {
  const routing = await loadRouting(db, shop);
  const [stock, prices, orders, setUp] = await Promise.all([
    routedConnector(db, shop, "stock-source", routing),
    routedConnector(db, shop, "price-source", routing),
    routedConnector(db, shop, "order-destination", routing),
    setUpConnectorIds(db, shop),
  ]);
  const names = routing.stockDestinations
    .map((id) => connectorById(id))
    .filter((c): c is AnyManifest => !!c && setUp.has(c.id))
    .map((c) => c.name);
  const receivers =
    names.length === 0
      ? said("routing.nowhere")
      : names.length === 1
        ? names[0]!
        : said("routing.list", { names: names.slice(0, -1).join(", "), last: names[names.length - 1]! });
  return [
    stock ? said("routing.stock", { source: stock.name, receivers }) : said("routing.noStock"),
    prices ? said("routing.prices", { source: prices.name }) : said("routing.noPrices"),
    orders ? said("routing.orders", { destination: orders.name }) : said("routing.noOrders"),
  ];
}

/**
 * The shop's saved connections with their state, named as the registry names them (Dashboard, Settings);
 * the last check's message in `locale` (the API's: English).
 */
export function connectionSummaries(shop: string, locale: Locale = "en"): Promise<ConnectorSummary[]> {
  return listConnectorSummaries(shop, (id) => connectorById(id), locale);
}

/** Every system the merchant can set up in Settings, with its state and settings screen. */
export async function connectionsToSetUp(shop: string, locale: Locale = "en") {
  const saved = await connectionSummaries(shop, locale);
  return CONNECTORS.filter((c) => !c.builtIn && c.settingsPage).map((c) => {
    const summary = saved.find((s) => s.connector === c.id);
    return {
      id: c.id,
      name: c.name,
      kind: c.kind,
      settingsUrl: c.settingsPage!,
      screens: c.screens ?? [],
      state: summary?.state ?? ("not-configured" as const),
      lastCheckMessage: summary?.lastCheckMessage ?? null,
    };
  });
}

/** Every set-up connector offering a capability several systems can play at once for the shop (the
 *  marketplaces products are listed on, the systems shown promos), each built for this run. */
export async function setUpProvidersOf<C extends CapabilityName>(
  ctx: CapabilityContext,
  capability: C,
): Promise<Provider<C>[]> {
  const setUp = await setUpConnectorIds(ctx.db, ctx.shop);
  const manifests = connectorsOffering(capability).filter((c) => setUp.has(c.id));
  return Promise.all(manifests.map((m) => build(m, capability, ctx)));
}

/** One named connector's port for a capability, when it is set up for the shop (else null). */
export async function providerOf<C extends CapabilityName>(
  ctx: CapabilityContext,
  connectorId: string,
  capability: C,
): Promise<Provider<C> | null> {
  const manifest = connectorById(connectorId);
  if (!manifest?.capabilities[capability]) return null;
  const setUp = await setUpConnectorIds(ctx.db, ctx.shop);
  return setUp.has(connectorId) ? build(manifest, capability, ctx) : null;
}
