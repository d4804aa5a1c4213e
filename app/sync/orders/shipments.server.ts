// orders/fulfilled: every set-up system that keeps its own copy of the shop's orders (a
// "shipment-destination", e.g. a CRM's warehouse) is told the order shipped, on the day Shopify fulfilled it
// in the shop's time zone. Safe to run twice: the destination checks before it writes.
import type { ShipmentOutcome } from "../../capabilities/shipment-destination";
import { connectorsOffering, setUpConnectorIds } from "../../connectors/registry.server";
import { loadConnectorSecrets, loadConnectorSettings } from "../../connectors/settings.server";
import type { Db } from "../../db.server";
import { type Said, said } from "../../i18n/stored-words";
import {
  NotConfiguredError,
  PermanentError,
  TransientError,
  errorMessage,
  isTransient,
  merchantMessageOf,
} from "../../lib/errors";
import { logger } from "../../lib/logger.server";
import { shopTimeZone } from "../../shops/time-zone.server";

/** The part of the REST orders/fulfilled body we read. */
export interface OrderFulfilledPayload {
  id?: number | string | null;
  fulfillments?: { created_at?: string | null; status?: string | null }[] | null;
  updated_at?: string | null;
}

export async function receiveOrderFulfilled(
  db: Db,
  shop: string,
  payload: OrderFulfilledPayload,
): Promise<Record<string, ShipmentOutcome>> {
  const id = payload?.id;
  if (id === undefined || id === null || !/^\d{1,20}$/.test(String(id)))
    throw new PermanentError("orders/fulfilled without a numeric order id");
  const setUp = await setUpConnectorIds(db, shop);
  const systems = connectorsOffering("shipment-destination").filter((c) => setUp.has(c.id));
  if (systems.length === 0) return {};
  const shippedOn = calendarDay(fulfilledAt(payload), await shopTimeZone(shop));
  const outcomes: Record<string, ShipmentOutcome> = {};
  const failures: { name: string; error: unknown }[] = [];
  for (const manifest of systems) {
    try {
      const [stored, secrets] = await Promise.all([
        loadConnectorSettings<unknown>(shop, manifest.id),
        loadConnectorSecrets(shop, manifest.id),
      ]);
      const port = await manifest.capabilities["shipment-destination"]!(
        { shop, settings: stored?.config ?? {}, secrets },
        { shop, db },
      );
      outcomes[manifest.id] = await port.markShipped({ shopifyOrderId: String(id), shippedOn });
      logger.info("order shipment sent", {
        shop,
        orderId: String(id),
        to: manifest.id,
        outcome: outcomes[manifest.id],
      });
    } catch (error) {
      // Set up but not finished (no warehouse chosen): nothing to tell it yet.
      if (error instanceof NotConfiguredError) {
        logger.info("order shipment not sent: setup unfinished", { shop, to: manifest.id, reason: error.message });
        continue;
      }
      failures.push({ name: manifest.name, error });
    }
  }
  if (failures.length === 0) return outcomes;
  const message = shipmentNotSent(String(id), failures);
  throw failures.every((f) => isTransient(f.error)) ? new TransientError(message) : new PermanentError(message);
}

/**
 * Why an order's shipment was not sent: each refusal keeps its words (a destination's advice, e.g. "register
 * the module", is said in the admin's language), one after the other when several systems refused it.
 */
export function shipmentNotSent(order: string, failures: { name: string; error: unknown }[]): Said {
  const reasons = failures.map((f) => merchantMessageOf(f.error) ?? errorMessage(f.error));
  const reason = reasons.reduceRight((rest, first) => said("words6.reasons", { first, rest }));
  const names = failures.map((f) => f.name);
  return said("words5.shipment.notSent", {
    order,
    systems:
      names.length === 1
        ? names[0]!
        : said("words5.and", { names: names.slice(0, -1).join(", "), last: names.at(-1)! }),
    reason,
  });
}

/** When the order was fulfilled: its latest successful fulfillment, else the order's last update, else now. */
function fulfilledAt(payload: OrderFulfilledPayload): Date {
  const times = (payload.fulfillments ?? [])
    .filter((f) => f && (f.status ?? "success") === "success" && f.created_at)
    .map((f) => new Date(f.created_at!))
    .filter((d) => !Number.isNaN(d.getTime()));
  if (times.length) return new Date(Math.max(...times.map((d) => d.getTime())));
  const updated = payload.updated_at ? new Date(payload.updated_at) : null;
  return updated && !Number.isNaN(updated.getTime()) ? updated : new Date();
}

/** YYYY-MM-DD of an instant in a time zone. */
export function calendarDay(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(instant)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}
