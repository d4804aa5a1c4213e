// The Fastmag connector: one object bundling the domain services over one client, built from a
// shop's connection settings and SQL overrides.
import { avoirsService } from "./avoirs.server";
import { catalogService } from "./catalog.server";
import { FastmagClient, type FastmagClientOptions, type FastmagConnection } from "./client.server";
import type { FastmagContext } from "./context.server";
import { customersService } from "./customers.server";
import { giftCardsService } from "./giftcards.server";
import { inventoryService } from "./inventory.server";
import { ordersService } from "./orders.server";
import { pmeService } from "./pme.server";
import { pricesService } from "./prices.server";
import { createFastmagQueries, type FastmagQueryOverrides } from "./queries.server";

export interface FastmagConnectorOptions extends FastmagClientOptions {
  /** Fastmag stores local times; default Europe/Paris. */
  timeZone?: string;
  currency?: string;
  now?: () => Date;
}

export function createFastmagConnector(
  connection: FastmagConnection,
  overrides: FastmagQueryOverrides = {},
  options: FastmagConnectorOptions = {},
) {
  const timeZone = options.timeZone ?? "Europe/Paris";
  const client = new FastmagClient(connection, options);
  const ctx: FastmagContext = {
    client,
    queries: createFastmagQueries(overrides, timeZone),
    timeZone,
    now: options.now ?? (() => new Date()),
  };
  return {
    client,
    catalog: catalogService(ctx),
    inventory: inventoryService(ctx),
    prices: pricesService(ctx),
    orders: ordersService(ctx, connection.magasin),
    customers: customersService(ctx),
    giftCards: giftCardsService(ctx, options.currency),
    pme: pmeService(ctx),
    avoirs: avoirsService(ctx),
    /** Cheap call proving the address and credentials work (the settings screen's "test connection"). */
    ping: async () => {
      await client.query(ctx.queries.sql("seasons"));
    },
  };
}

export type FastmagConnector = ReturnType<typeof createFastmagConnector>;

export {
  FastmagClient,
  type FastmagConnection,
  type FastmagClientOptions,
  type FastmagCallRecord,
} from "./client.server";
export { FastmagRefusedError, FastmagUnavailableError, FastmagProtocolError } from "./errors";
export { FASTMAG_QUERY_DEFAULTS, type FastmagQueryOverrides, type FastmagQueryName } from "./queries.server";
export { SHIPPED_STATUSES } from "./orders.server";
