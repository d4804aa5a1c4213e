// The app side of the catalog benchmark: a process that imports one season the way the job does, driven
// over IPC by tests/bench/catalog.bench.ts (bundled and run with plain node, as `npm run worker` runs).
// Each "run" answers its wall time, result and this process's peak RSS during it (peak-rss.ts).
import { HARMLESS_APP_ENV } from "../support/jobs-processes";
import { measured } from "./peak-rss";

export interface CatalogWorkerSetup {
  databaseUrl: string;
  shopifyUrl: string;
  fastmagUrl: string;
  token: string;
  domain: string;
  season: string;
}

async function startWorker(setup: CatalogWorkerSetup) {
  for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
  process.env.DATABASE_URL = setup.databaseUrl;
  const { createPrismaClient } = await import("../../app/db.server");
  const { createFastmagConnector } = await import("../../app/connectors/fastmag/index.server");
  const { fastmagCatalogSource } = await import("../../app/connectors/fastmag/catalog-source.server");
  const { ShopifyAdminClient } = await import("../../app/shopify/admin-client.server");
  const { installShopifyOriginOverride } = await import("../../app/shopify/api-origin.server");
  const { importSeason } = await import("../../app/sync/catalog/import.server");
  const { quietReporter } = await import("../../app/sync/sync-context");
  const { BENCH_CREDENTIALS } = await import("./stock-bench-config");

  const db = createPrismaClient(setup.databaseUrl);
  const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
  installShopifyOriginOverride(setup.shopifyUrl);
  const fastmag = createFastmagConnector(
    { baseUrl: setup.fastmagUrl, ...BENCH_CREDENTIALS, timeoutMs: 300_000 },
    {},
    { logger: quiet },
  );
  const source = fastmagCatalogSource(fastmag, { timeZone: "Europe/Paris", seasons: [] } as never);
  const client = new ShopifyAdminClient({ shop: setup.domain, accessToken: setup.token, timeoutMs: 120_000 });
  return () =>
    measured(async () => {
      const report = quietReporter();
      const { plan: _plan, ...result } = await importSeason(setup.season, {
        db,
        shop: setup.domain,
        client,
        source,
        sourceName: "Fastmag",
        report,
        options: { bulkPollMs: 500 },
      });
      return { ...result, skipped: report.counters.skipped };
    });
}

if (process.send) {
  let run: (() => Promise<unknown>) | undefined;
  process.on("message", (message: { id: number; setup?: CatalogWorkerSetup }) => {
    const answer = message.setup ? startWorker(message.setup).then((r) => void (run = r)) : run!();
    answer.then(
      (result) => process.send!({ id: message.id, result }),
      (error: Error) => process.send!({ id: message.id, error: error.stack ?? error.message }),
    );
  });
  process.send({ ready: true });
}
