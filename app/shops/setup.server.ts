// What a shop still has to set up before its syncs can run. Schedules are switched on at install, so
// until the merchant sets up a system for each part a sync needs (its stock source, where orders go…)
// the scheduler leaves that sync alone (a run started anyway ends "waiting for setup", not failed) and
// the Dashboard lists what to set up.
import type { CapabilityName } from "../capabilities";
import { routedConnector, setupHintFor } from "../connectors/registry.server";
import type { Db } from "../db.server";
import { jobType, registeredJobTypes, type JobTypeDefinition } from "../jobs/registry.server";

export interface SetupStep {
  /** A stable key for the step: the connector to set up, or the part nobody plays yet. */
  connector: string;
  /** In the merchant's words: "Fastmag". */
  what: string;
  url: string;
  /** Titles of the syncs that wait for it. */
  syncs: string[];
  /** Their job types (a screen titles them in the admin's language). */
  types: string[];
}

type Routed = "stock-source" | "price-source" | "order-destination" | "order-status-source";
const ROUTED = new Set<CapabilityName>(["stock-source", "price-source", "order-destination", "order-status-source"]);

/** The first part `definition` needs that nobody plays at `shop`, as a step; null when it can run. */
async function missingStep(
  db: Db,
  shop: string,
  definition: JobTypeDefinition,
): Promise<Omit<SetupStep, "syncs" | "types"> | null> {
  for (const need of definition.needs ?? []) {
    if (!ROUTED.has(need)) continue; // Shopify always receives stock
    if (await routedConnector(db, shop, need as Routed)) continue;
    const hint = setupHintFor(need);
    return { connector: hint.key, what: hint.what, url: hint.url };
  }
  return null;
}

/** What `type` waits for at `shop`, or null when it can run. */
export async function setupNeededFor(db: Db, shop: string, type: string): Promise<SetupStep | null> {
  const definition = jobType(type);
  if (!definition) return null;
  const step = await missingStep(db, shop, definition);
  return step && { ...step, syncs: [definition.title], types: [definition.type] };
}

/** Everything the shop still has to set up, each with the syncs waiting for it. */
export async function whatToSetUp(db: Db, shop: string): Promise<SetupStep[]> {
  const steps = new Map<string, SetupStep>();
  for (const definition of registeredJobTypes()) {
    const step = await missingStep(db, shop, definition);
    if (!step) continue;
    const known = steps.get(step.connector);
    if (known) {
      known.syncs.push(definition.title);
      known.types.push(definition.type);
    } else steps.set(step.connector, { ...step, syncs: [definition.title], types: [definition.type] });
  }
  return [...steps.values()];
}
