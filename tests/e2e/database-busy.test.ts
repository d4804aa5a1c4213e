// Another process holds SQLite's write lock (BEGIN IMMEDIATE) on the built app's database: pages
// that do not need the database keep answering at once, a request that must write gets a quick 503
// with Retry-After and a plain message, and everything works again once the lock is gone.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "~/db/migrations.server";
import { createPrismaClient } from "~/db.server";
import { registerJobType, unregisterJobType } from "~/jobs/registry.server";
import { enqueue } from "~/jobs/queue.server";
import { runDueJobs } from "~/jobs/worker.server";
import { type BuiltApp, startBuiltApp } from "./support/built-app";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "db-busy-e2e-"));
const file = path.join(dir, "app.sqlite");
const databaseUrl = `file:${file}`;
const shop = "db-busy.myshopify.com";
const apiToken = "psk_databasebusytesttoken0123456789";
let app: BuiltApp;

beforeAll(async () => {
  await applyMigrations(databaseUrl);
  const db = createPrismaClient(databaseUrl);
  await db.apiToken.create({
    data: { shop, name: "e2e", tokenHash: createHash("sha256").update(apiToken).digest("hex"), lastFour: "6789" },
  });
  await db.$disconnect();
  app = await startBuiltApp({ DATABASE_URL: databaseUrl });
});

afterAll(async () => {
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A second process that takes the write lock and keeps it until killed. */
async function holdWriteLock(): Promise<ChildProcess> {
  const script = `const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.exec("BEGIN IMMEDIATE");
process.stdout.write("locked\\n");
setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["-e", script, file], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
    child.once("exit", (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return child;
}

async function timed(request: () => Promise<Response>) {
  const started = performance.now();
  const response = await request();
  const body = await response.text();
  return { response, body, ms: performance.now() - started };
}

const startSync = () =>
  fetch(`${app.url}/api/sync/maintenance.prune-job-history`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiToken}`, "content-type": "application/json" },
    body: "{}",
  });

describe("a held SQLite write lock", () => {
  it("leaves database-free pages fast and answers writes with a quick 503 and Retry-After", async () => {
    expect((await timed(startSync)).response.status).toBe(202);
    const locker = await holdWriteLock();
    try {
      // Writes in flight while the database-free landing page is asked for, again and again.
      const writes = Array.from({ length: 4 }, () => timed(startSync));
      const pages = [];
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        pages.push(await timed(() => fetch(`${app.url}/`)));
      }
      const written = await Promise.all(writes);
      for (const page of pages) {
        expect(page.response.status).toBe(200);
        expect(page.ms).toBeLessThan(1_500);
      }
      for (const write of written) {
        expect(write.response.status).toBe(503);
        expect(Number(write.response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(JSON.parse(write.body)).toEqual({ error: expect.stringMatching(/busy/i) });
        expect(write.body).not.toMatch(/prisma|invalid|sqlite|locked|\bat /i);
        expect(write.ms).toBeLessThan(3_000);
      }
    } finally {
      locker.kill("SIGKILL");
    }
    await expect.poll(async () => (await startSync()).status, { timeout: 10_000 }).toBe(202);
  });
});

describe("a job meeting a held write lock", () => {
  it("is retried later, not failed, and succeeds once the lock is gone", async () => {
    const db = createPrismaClient(databaseUrl);
    registerJobType({
      type: "test.busy-write",
      title: "Busy write",
      description: "Writes once; on its first attempt another process holds the lock.",
      retry: { maxAttempts: 3, baseDelayMs: 10, capDelayMs: 20 },
      handler: async (ctx) => {
        const locker = ctx.attempt === 1 ? await holdWriteLock() : null;
        try {
          await ctx.db.apiToken.updateMany({ where: { shop }, data: { lastUsedAt: new Date() } });
        } finally {
          if (locker) await new Promise((resolve) => locker.once("exit", resolve).kill("SIGKILL"));
        }
      },
    });
    try {
      const { job } = await enqueue(db, { shop, type: "test.busy-write", trigger: "manual" });
      await runDueJobs({ db, types: ["test.busy-write"], limit: 1 });
      const retried = await db.job.findUniqueOrThrow({ where: { id: job.id } });
      expect(retried).toMatchObject({ status: "queued", attempt: 1 });
      expect(retried.errorMessage).toMatch(/busy/i);

      await new Promise((resolve) => setTimeout(resolve, 50));
      await runDueJobs({ db, types: ["test.busy-write"] });
      expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
        status: "succeeded",
        attempt: 2,
      });
    } finally {
      unregisterJobType("test.busy-write");
      await db.$disconnect();
    }
  });
});
