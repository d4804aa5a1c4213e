// The job types this app knows. Each sync registers itself here; the worker
// looks up the handler by the job's `type`, the scheduler and screens read titles and schedules.
import type { CapabilityName } from "../capabilities";
import type { Locale } from "../i18n/locale";
import type { JobContext } from "./context.server";
import type { DefaultSchedule } from "./schedules.server";

export interface RetryPolicy {
  /** Runs in total, the first one included. */
  maxAttempts: number;
  /** First backoff step; doubles each attempt, with full jitter (app/lib/time.ts backoffDelay). */
  baseDelayMs: number;
  capDelayMs?: number;
}

export interface JobTypeDefinition<Params = Record<string, unknown>> {
  /** Stable id, e.g. `stock.changes`. Stored in Job.type and Schedule.type. */
  type: string;
  /** What a merchant calls it: "Stock update (changes only)". */
  title: string;
  description: string;
  /** The title and description in French, for a French admin (the English ones above stay for every other caller). */
  fr?: { title: string; description: string };
  /** Created by ensureDefaultSchedules for each shop; omit for types that only run on demand. */
  defaultSchedule?: DefaultSchedule;
  retry: RetryPolicy;
  /** How progress reads on screen: items out of a total, or only a phase label. */
  progress?: "items" | "phases";
  /**
   * Which runs of this type may overlap. "shop" (default): one running per shop. `{ key }`: one running
   * per shop and key, so runs about different things of one shop (e.g. two orders) go side by side.
   */
  concurrency?: "shop" | { key: (params: Params) => string };
  /** The parts the shop's connected systems must play for a run (e.g. a stock source): until they do,
   *  its schedule waits and a run ends "waiting for setup". */
  needs?: CapabilityName[];
  /** Validates and normalises stored parameters (e.g. a zod schema's parse). */
  parseParams?: (raw: unknown) => Params;
  handler: (ctx: JobContext<Params>) => Promise<Record<string, unknown> | void>;
  /**
   * A family of types, one per thing a shop adds (e.g. one per POS account): jobs and schedules of
   * `<type>.<member>` (member: [a-z0-9-]+) run with this definition; ctx.type is the member's full type.
   */
  family?: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 5_000, capDelayMs: 5 * 60_000 };

const types = new Map<string, JobTypeDefinition<never>>();

/** A job type as a feature declares it; the composition root (app/modules.server.ts) registers it. */
export function defineJobType<Params>(definition: JobTypeDefinition<Params>): JobTypeDefinition {
  return definition as unknown as JobTypeDefinition;
}

export function registerJobType<Params>(definition: JobTypeDefinition<Params>): JobTypeDefinition<Params> {
  if (!/^[a-z0-9]+(\.[a-z0-9-]+)+$/.test(definition.type)) {
    throw new Error(`job type "${definition.type}" must look like "<area>.<name>", lowercase`);
  }
  const existing = types.get(definition.type);
  // Vite's dev server re-evaluates modules; re-registering the same type replaces it.
  if (existing && existing.title !== definition.title) {
    throw new Error(`job type "${definition.type}" is already registered as "${existing.title}"`);
  }
  types.set(definition.type, definition as unknown as JobTypeDefinition<never>);
  return definition;
}

export function jobType(type: string): JobTypeDefinition | undefined {
  const exact = types.get(type);
  if (exact) return exact as unknown as JobTypeDefinition;
  const dot = type.lastIndexOf(".");
  if (dot <= 0 || !/^[a-z0-9-]+$/.test(type.slice(dot + 1))) return undefined;
  const family = types.get(type.slice(0, dot));
  return family?.family ? (family as unknown as JobTypeDefinition) : undefined;
}

/** The concurrency key a job of this type gets ("" = one running per shop and type). */
export function concurrencyKeyOf(type: string, params: Record<string, unknown>): string {
  const scope = jobType(type)?.concurrency;
  if (!scope || scope === "shop") return "";
  try {
    return scope.key(params);
  } catch {
    // Parameters the key cannot read will fail the run anyway; one at a time per shop is the safe side.
    return "";
  }
}

/** A type's title and description in the admin's language (English when it has no French). */
export function jobTypeWords(
  definition: Pick<JobTypeDefinition, "title" | "description" | "fr">,
  locale: Locale = "en",
): { title: string; description: string } {
  return locale === "fr" && definition.fr
    ? definition.fr
    : { title: definition.title, description: definition.description };
}

/** What a merchant calls a job's type ("Stock (full)" / "Stock (complet)"); the type itself when unknown. */
export function jobTypeTitle(type: string, locale: Locale = "en"): string {
  const definition = jobType(type);
  return definition ? jobTypeWords(definition, locale).title : type;
}

export function registeredJobTypes(): JobTypeDefinition[] {
  return [...types.values()] as unknown as JobTypeDefinition[];
}

/** Tests only: forget a type registered for one test file. */
export function unregisterJobType(type: string): void {
  types.delete(type);
}
