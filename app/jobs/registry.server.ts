// The job types this app knows. Each sync registers itself here (later issues add theirs); the worker
// looks up the handler by the job's `type`, the scheduler and screens read titles and schedules.
import type { JobContext } from "./context.server";

export interface RetryPolicy {
  /** Runs in total, the first one included. */
  maxAttempts: number;
  /** First backoff step; doubles each attempt, with full jitter (app/lib/time.ts backoffDelay). */
  baseDelayMs: number;
  capDelayMs?: number;
}

export interface JobTypeDefinition<Params = Record<string, unknown>> {
  /** Stable id, e.g. `fastmag.differential-stock`. Stored in Job.type and Schedule.type. */
  type: string;
  /** What a merchant calls it: "Stock update (changes only)". */
  title: string;
  description: string;
  /** Created by ensureDefaultSchedules for each shop; omit for types that only run on demand. */
  defaultSchedule?: { cron: string; hoursNote?: string };
  retry: RetryPolicy;
  /** How progress reads on screen: items out of a total, or only a phase label. */
  progress?: "items" | "phases";
  /** Validates and normalises stored parameters (e.g. a zod schema's parse). */
  parseParams?: (raw: unknown) => Params;
  handler: (ctx: JobContext<Params>) => Promise<Record<string, unknown> | void>;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 5_000, capDelayMs: 5 * 60_000 };

const types = new Map<string, JobTypeDefinition<never>>();

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
  return types.get(type) as JobTypeDefinition | undefined;
}

export function registeredJobTypes(): JobTypeDefinition[] {
  return [...types.values()] as unknown as JobTypeDefinition[];
}

/** Tests only: forget a type registered for one test file. */
export function unregisterJobType(type: string): void {
  types.delete(type);
}
