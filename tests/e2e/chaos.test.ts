// The reliability suite in the e2e budget: the built app (build/web, as `npm start`) and a worker process against the
// emulators, ~5k variants, 100 orders and 100 webhooks, every fault of tests/chaos/faults.ts briefly
// (app and worker SIGKILL, ERP hanging 10 s, ERP 5xx and KO, Shopify 5xx and THROTTLED storms, the
// database write lock held 5 s). The long run is `npm run test:chaos`. Needs `npm run build` first.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROFILES } from "../chaos/config";
import { runChaos } from "../chaos/run";

describe("the reliability suite, short", () => {
  it("loses, doubles and strands nothing while the app, the worker, the ERP, Shopify and the database fail in turn", async () => {
    const database = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
    const report = await runChaos({
      profile: PROFILES.short,
      database,
      worker: true,
      logDir: path.resolve("test-results", "chaos", `e2e-short-${database}`),
      log: () => undefined,
    });
    console.log(report.table);

    const perFault = report.phases.map((p) => ({
      fault: p.fault,
      lost: p.tally.lostOrders + p.tally.lateOrders + p.tally.lostWebhooks,
      doubled: p.tally.doubledOrders + p.tally.doubledWebhooks,
      stuck: p.tally.stuckOrders + p.tally.stuckWebhooks + p.tally.stuckJobs,
      crashes: p.crashes,
    }));
    expect(perFault, report.table).toEqual(
      report.phases.map((p) => ({ fault: p.fault, lost: 0, doubled: 0, stuck: 0, crashes: 0 })),
    );
    expect(
      report.invariants.filter((i) => !i.ok).map((i) => `${i.name}: ${i.detail}`),
      report.table,
    ).toEqual([]);
  }, 240_000);
});
