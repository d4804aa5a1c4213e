// The app side of the stock benchmark: a process that runs syncs the way a job worker does, driven over
// IPC by tests/bench/stock.bench.ts, which bundles it first and runs it with plain node, as
// `npm run worker` runs the compiled worker (tsx alone adds ~35 MB of RSS to a process). Each "run" message runs one sync (or fetch_stock) and answers its
// wall time, its result, and the peak RSS of this process during it: the kernel's high-water mark
// (VmHWM, see peak-rss.ts).
import { HARMLESS_APP_ENV } from "../support/jobs-processes";
import { measured } from "./peak-rss";

export interface WorkerSetup {
  databaseUrl: string;
  shopifyUrl: string;
  fastmagUrl: string;
  token: string;
  locationId: string;
  domain: string;
}

export type BenchRun =
  | { kind: "full"; runId: string }
  | { kind: "differential"; runId: string }
  | { kind: "fetch-stock" }
  | { kind: "prices"; bulkMutationFrom?: number };

export interface RunFigures {
  seconds: number;
  /** Peak RSS during the run, in bytes, and RSS when it started. */
  peakRss: number;
  startRss: number;
  result: Record<string, unknown>;
}

async function startWorker(setup: WorkerSetup) {
  for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
  process.env.DATABASE_URL = setup.databaseUrl;
  const { createPrismaClient } = await import("../../app/db.server");
  const { createFastmagConnector } = await import("../../app/connectors/fastmag/index.server");
  const { fastmagPriceSource, fastmagStockSource } = await import("../../app/connectors/fastmag/capabilities.server");
  const { shopifyStockDestination } = await import("../../app/sync/shopify-stock.server");
  const { ShopifyAdminClient } = await import("../../app/shopify/admin-client.server");
  const { installShopifyOriginOverride } = await import("../../app/shopify/api-origin.server");
  const { fullStockSync } = await import("../../app/sync/stock.server");
  const { differentialStockSync } = await import("../../app/sync/differential-stock.server");
  const { priceSync } = await import("../../app/sync/prices.server");
  const { quietReporter } = await import("../../app/sync/sync-context");
  const { answerFetchStock } = await import("../../app/fulfillment/fetch-stock.server");
  const { signCallbackQuery } = await import("../../app/shopify/callback-signature.server");
  const { BENCH_CREDENTIALS, BENCH_SECRET } = await import("./stock-bench-config");

  const db = createPrismaClient(setup.databaseUrl);
  const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
  installShopifyOriginOverride(setup.shopifyUrl);
  const fastmag = createFastmagConnector(
    { baseUrl: setup.fastmagUrl, ...BENCH_CREDENTIALS, timeoutMs: 300_000 },
    {},
    { logger: quiet },
  );
  const settings = {
    stock: { includeA: false, includeB: true, safetyMargin: 0 },
    timeZone: "Europe/Paris",
  } as Parameters<typeof fastmagStockSource>[1];
  const client = new ShopifyAdminClient({ shop: setup.domain, accessToken: setup.token, timeoutMs: 120_000 });
  const report = quietReporter();
  const stockRun = (runId: string) => ({
    source: fastmagStockSource(fastmag, settings),
    sourceName: "Fastmag",
    report,
    destinations: [
      {
        id: "shopify",
        name: "Shopify",
        destination: shopifyStockDestination({
          db,
          shop: setup.domain,
          client,
          locationId: setup.locationId,
          runId,
          report,
          sourceName: "Fastmag",
        }),
      },
    ],
  });

  const work = async (run: BenchRun): Promise<Record<string, unknown>> => {
    switch (run.kind) {
      case "full":
        return { ...(await fullStockSync(stockRun(run.runId))).destinations.shopify };
      case "differential": {
        const result = await differentialStockSync({ ...stockRun(run.runId), db, shop: setup.domain });
        return result.mode === "differential" ? { ...result, ...result.destinations.shopify } : { ...result };
      }
      case "fetch-stock": {
        // What Shopify asks without a sku: every SKU of the snapshot.
        const timestamp = String(Math.floor(Date.now() / 1000));
        const query = new URLSearchParams({ shop: setup.domain, timestamp });
        const url = signCallbackQuery(new URL(`http://app/fulfillment/fetch_stock.json?${query}`), BENCH_SECRET);
        const answer = await answerFetchStock(db, url, new Headers(), BENCH_SECRET);
        return { status: answer.status, jsonBytes: answer.json.length };
      }
      case "prices":
        return {
          ...(await priceSync({
            shop: setup.domain,
            client,
            source: fastmagPriceSource(fastmag, settings),
            sourceName: "Fastmag",
            report: quietReporter(),
            options: { bulkMutationFrom: run.bulkMutationFrom },
          })),
        };
    }
  };

  return (run: BenchRun): Promise<RunFigures> => measured(() => work(run));
}

if (process.send) {
  let run: ((run: BenchRun) => Promise<RunFigures>) | undefined;
  process.on("message", (message: { id: number } & ({ setup: WorkerSetup } | { run: BenchRun })) => {
    const answer =
      "setup" in message ? startWorker(message.setup).then((runner) => void (run = runner)) : run!(message.run);
    answer.then(
      (result) => process.send!({ id: message.id, result }),
      (error: Error) => process.send!({ id: message.id, error: error.stack ?? error.message }),
    );
  });
  process.send({ ready: true });
}
