// SQLite connections commit with synchronous=NORMAL unless SQLITE_SYNCHRONOUS says otherwise
// (docs/decisions/0008-sqlite-synchronous-normal.md).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { applyMigrations } from "~/db/migrations.server";
import { sqliteSynchronousFromEnv } from "~/env.server";
import { createPrismaClient } from "~/db.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sqlite-synchronous-"));
const url = `file:${path.join(dir, "app.sqlite")}`;
const before = process.env.SQLITE_SYNCHRONOUS;

afterEach(() => {
  if (before === undefined) delete process.env.SQLITE_SYNCHRONOUS;
  else process.env.SQLITE_SYNCHRONOUS = before;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function synchronousOfANewConnection(): Promise<number> {
  await applyMigrations(url);
  const db = createPrismaClient(url);
  try {
    const [row] = await db.$queryRawUnsafe<{ synchronous: number | bigint }[]>("PRAGMA synchronous");
    return Number(row!.synchronous);
  } finally {
    await db.$disconnect();
  }
}

describe("SQLite commit durability", () => {
  it("is NORMAL (1) by default and FULL (2) when SQLITE_SYNCHRONOUS=FULL", async () => {
    delete process.env.SQLITE_SYNCHRONOUS;
    expect(await synchronousOfANewConnection()).toBe(1);
    process.env.SQLITE_SYNCHRONOUS = "full";
    expect(await synchronousOfANewConnection()).toBe(2);
  });

  it("refuses a value SQLite does not have, naming the setting", () => {
    process.env.SQLITE_SYNCHRONOUS = "fast";
    expect(() => sqliteSynchronousFromEnv()).toThrow(/SQLITE_SYNCHRONOUS must be NORMAL, FULL or EXTRA/);
  });
});
