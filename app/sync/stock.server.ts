// The stock runs, whatever the systems: the shop's stock source is read once and the same levels go to
// every destination it sends stock to (Shopify always, a warehouse or a marketplace). Destinations run side by side and one
// failing never stops the others; the run fails afterwards, naming the ones that did, so it is retried.
import { said } from "../i18n/stored-words";
import type { StockDestination, StockWriteReport } from "../capabilities/stock-destination";
import type { StockSource } from "../capabilities/stock-source";
import { PermanentError, TransientError, errorMessage, isTransient, merchantMessageOf } from "../lib/errors";
import { startReadingStockPicture } from "./stock-picture";
import { reportUnreadable, type SyncReporter } from "./sync-context";

export { reportUnreadable } from "./sync-context";

export interface NamedStockDestination {
  /** The connector's id as its manifest says (routing stores it). */
  id: string;
  /** What the merchant calls it. */
  name: string;
  destination: StockDestination;
}

export interface StockRunDeps {
  source: StockSource;
  sourceName: string;
  destinations: NamedStockDestination[];
  report: SyncReporter;
}

export interface FullStockResult {
  sourceSkus: number;
  skipped: number;
  /** Latest movement time the source reported (the changes-only run's next watermark). */
  latestChange: string | null;
  /** What each destination did, by id. */
  destinations: Record<string, StockWriteReport>;
}

export async function fullStockSync(deps: StockRunDeps): Promise<FullStockResult> {
  const { source, report } = deps;
  report.progress(0, null, said("stock.phase.reading", { source: deps.sourceName }));
  const { picture, reading } = startReadingStockPicture(source);
  const outcomes = await fanOut(deps, (destination) => destination.writeAll(picture));
  const { picture: read, skipped } = await reading;
  reportUnreadable(report, deps.sourceName, skipped);
  return {
    sourceSkus: read.size,
    skipped: skipped.length,
    latestChange: read.latestChange?.toISOString() ?? null,
    destinations: outcomes,
  };
}

/**
 * Runs every destination side by side; resolves with their reports once all succeeded, or throws after
 * all ended, naming the ones that failed (retryable when every failure was).
 */
export async function fanOut(
  deps: Pick<StockRunDeps, "destinations" | "report">,
  write: (destination: StockDestination) => Promise<StockWriteReport>,
): Promise<Record<string, StockWriteReport>> {
  const settled = await Promise.allSettled(deps.destinations.map((d) => write(d.destination)));
  const reports: Record<string, StockWriteReport> = {};
  const failures: { name: string; error: unknown }[] = [];
  settled.forEach((outcome, i) => {
    const { id, name } = deps.destinations[i];
    if (outcome.status === "fulfilled") reports[id] = outcome.value;
    else failures.push({ name, error: outcome.reason });
  });
  if (failures.length === 0) return reports;
  if (failures.length === 1 && deps.destinations.length === 1) throw failures[0].error;
  for (const { name, error } of failures)
    deps.report.log(
      "error",
      said("stock.notSentTo", { destination: name, message: merchantMessageOf(error) ?? errorMessage(error) }),
    );
  const names = failures.map((f) => f.name).join(" and ");
  const message = `Stock could not be sent to ${names}; the other destinations are up to date.`;
  const cause = failures[0].error;
  throw failures.every((f) => isTransient(f.error))
    ? new TransientError(message, { cause })
    : new PermanentError(message, { cause });
}
