// `npm run worker` runs the bundled worker (build/worker/index.js, made by `npm run build`) with plain
// node: it must start, run a queued job from the database, and stop cleanly on SIGTERM.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "~/db/migrations.server";
import { createPrismaClient } from "~/db.server";
import { enqueue } from "~/jobs/queue.server";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "worker-e2e-"));
const databaseUrl = `file:${path.join(dir, "worker.sqlite")}`;
const db = createPrismaClient(databaseUrl);

afterAll(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the bundled worker", () => {
  it("runs a queued job and stops cleanly", async () => {
    await applyMigrations(databaseUrl);
    const { job } = await enqueue(db, {
      shop: "worker-e2e.myshopify.com",
      type: "maintenance.prune-job-history",
      trigger: "manual",
    });
    const worker = spawn(process.execPath, ["build/worker/index.js"], {
      env: { ...process.env, ...HARMLESS_APP_ENV, DATABASE_URL: databaseUrl, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    worker.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => worker.on("exit", resolve));
    try {
      await expect
        .poll(async () => (await db.job.findUniqueOrThrow({ where: { id: job.id } })).status, { timeout: 20_000 })
        .toBe("succeeded");
      expect(output).toContain("background work started");
    } finally {
      worker.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(output).toContain("stopping background work");
  });
});
