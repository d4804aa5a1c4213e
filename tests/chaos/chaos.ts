// npm run test:chaos [-- --short] [--postgres] [--no-worker] [--variants N] [--orders N] [--webhooks N]
// The reliability suite: see tests/chaos/README.md. Prints the fault table and the invariants; exits 1
// when any invariant fails (2 when the harness itself could not run). DATABASE_URL=postgres://… runs on
// that PostgreSQL database as is; --postgres creates a database on TEST_POSTGRES_URL's server and drops it.
import path from "node:path";
import { parseArgs } from "node:util";
import { PROFILES } from "./config";
import { runChaos } from "./run";

const { values } = parseArgs({
  options: {
    short: { type: "boolean", default: false },
    postgres: { type: "boolean", default: false },
    "no-worker": { type: "boolean", default: false },
    warp: { type: "boolean" },
    variants: { type: "string" },
    orders: { type: "string" },
    webhooks: { type: "string" },
    "log-dir": { type: "string" },
  },
});

const base = PROFILES[values.short ? "short" : "long"];
const profile = {
  ...base,
  variants: values.variants ? Number(values.variants) : base.variants,
  orders: values.orders ? Number(values.orders) : base.orders,
  webhooks: values.webhooks ? Number(values.webhooks) : base.webhooks,
  warp: values.warp ?? base.warp,
};
const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL : undefined;
const database = values.postgres || postgresUrl ? "postgresql" : "sqlite";

try {
  const report = await runChaos({
    profile,
    database,
    databaseUrl: postgresUrl,
    worker: !values["no-worker"],
    logDir: values["log-dir"] ?? path.resolve("test-results", "chaos", `${profile.name}-${database}`),
  });
  console.log(`\n${report.table}`);
  process.exit(report.ok ? 0 : 1);
} catch (error) {
  console.error(`chaos: the run could not complete: ${(error as Error).stack ?? String(error)}`);
  process.exit(2);
}
