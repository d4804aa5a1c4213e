// The ERP event feed's JSON API use-cases (routes app/routes/api.event-feed.*): request shapes checked
// here, the work done by endpoints.server.ts and feed.server.ts.
import { z } from "zod";
import { db, type Db } from "../db.server";
import type { Locale } from "../i18n/locale";
import { enqueueJob } from "../jobs/api.server";
import { RECONCILE_JOB } from "./jobs.server";
import { textOf } from "../i18n/stored-words";
import { ValidationError } from "../lib/errors";
import { fieldErrorsFromZod } from "../lib/field-errors";
import type { PageRequest } from "../lib/keyset.server";
import {
  createEndpoint,
  deleteEndpoint,
  endpointView,
  listEndpoints,
  loadEndpoint,
  rotateSecret,
  updateEndpoint,
} from "./endpoints.server";
import {
  deliveryLog,
  deliveryPage,
  endpointHealth,
  replay,
  sendTestEvent,
  type DeliveryFilter,
  type ReplayScope,
} from "./feed.server";

/** Every endpoint with its health. */
export async function endpointsWithHealth(db: Db, shop: string, locale: Locale = "en") {
  const [endpoints, health] = await Promise.all([
    listEndpoints(db, shop, locale),
    endpointHealth(db, shop, undefined, locale),
  ]);
  return endpoints.map((endpoint) => ({ ...endpoint, health: health.find((h) => h.endpointId === endpoint.id)! }));
}

const when = z
  .string()
  .refine((s) => !Number.isNaN(new Date(s).getTime()), "Not a date and time (ISO 8601).")
  .transform((s) => new Date(s));

const filterSchema = z
  .object({
    endpoint: z.string().optional(),
    topic: z.string().optional(),
    status: z.enum(["pending", "delivering", "delivered", "dead"]).optional(),
    resource: z.string().max(100).optional(),
    from: when.optional(),
    to: when.optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();

function parse<T extends z.ZodTypeAny>(schema: T, raw: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new ValidationError(
      `Some ${what} need fixing.`,
      fieldErrorsFromZod(parsed.error, `not a ${what.replace(/s$/, "")}`),
    );
  return parsed.data;
}

function filterFromQuery(query: URLSearchParams): DeliveryFilter {
  const raw = Object.fromEntries([...query.entries()].filter(([, v]) => v !== ""));
  const input = parse(filterSchema, raw, "filters");
  return {
    endpointId: input.endpoint,
    topic: input.topic,
    status: input.status,
    resource: input.resource,
    from: input.from,
    to: input.to,
    limit: input.limit,
  };
}

/** The delivery log, filtered by the query string's endpoint, topic, status, resource, from, to, limit. */
export async function deliveriesFromQuery(db: Db, shop: string, query: URLSearchParams, locale: Locale = "en") {
  return deliveryLog(db, shop, filterFromQuery(query), locale);
}

/** The same filters, a page at a time from a keyset cursor, with the filter's total (the Event feed screen). */
export async function deliveryPageFromQuery(
  db: Db,
  shop: string,
  query: URLSearchParams,
  place: PageRequest,
  locale: Locale = "en",
) {
  return deliveryPage(db, shop, { ...filterFromQuery(query), ...place }, locale);
}

const replaySchema = z.union([
  z.object({ deliveryId: z.string().min(1) }).strict(),
  z.object({ endpointId: z.string().min(1), failed: z.literal(true) }).strict(),
  z.object({ endpointId: z.string().min(1).optional(), from: when, to: when }).strict(),
]);

/** Replay one delivery, every dead-lettered one of an endpoint, or a time range. */
export async function replayFromBody(db: Db, shop: string, body: unknown) {
  const parsed = replaySchema.safeParse(body);
  if (!parsed.success)
    throw new ValidationError(
      'Say what to replay: { "deliveryId" }, { "endpointId", "failed": true } or { "from", "to" } (optionally with "endpointId").',
    );
  const queued = await replay(db, shop, parsed.data as ReplayScope);
  return { queued };
}

// What the routes call (they never import the database).
export const feedApi = {
  list: (shop: string) => endpointsWithHealth(db, shop),
  add: (shop: string, body: unknown) => createEndpoint(db, shop, body),
  get: async (shop: string, id: string) => endpointView(await loadEndpoint(db, shop, id)),
  change: (shop: string, id: string, body: unknown) => updateEndpoint(db, shop, id, body),
  remove: (shop: string, id: string) => deleteEndpoint(db, shop, id),
  // The JSON API answers in English, as before: a retry's reason is its English sentence.
  sendTest: async (shop: string, id: string) => {
    const result = await sendTestEvent(db, shop, id);
    return result.outcome === "retry" ? { ...result, reason: textOf(result.reason) } : result;
  },
  rotateSecret: (shop: string, id: string, overlapHours?: number) => rotateSecret(db, shop, id, { overlapHours }),
  deliveries: (shop: string, query: URLSearchParams) => deliveriesFromQuery(db, shop, query),
  replay: (shop: string, body: unknown) => replayFromBody(db, shop, body),
  /** Queues the catch-up now (the job's run shows what it found). */
  reconcile: (shop: string, trigger: "api" | "manual" = "api") =>
    enqueueJob({ db }, { shop, type: RECONCILE_JOB, trigger }),
};
