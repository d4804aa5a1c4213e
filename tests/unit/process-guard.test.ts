import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A separate process: the guards change how the whole process reacts to stray errors.
const script = (guardPath: string) => `
import { installProcessGuards } from ${JSON.stringify(guardPath)};
installProcessGuards("worker");
Promise.reject(new Error("a promise nobody awaited", { cause: new Error("socket hang up") }));
setTimeout(() => { throw new Error("a stray timer callback"); }, 10);
setTimeout(() => { process.stdout.write("still running\\n"); }, 200);
`;

describe("process guards", () => {
  it("log an unhandled rejection and an uncaught exception with context, and the process carries on", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-guard-"));
    try {
      const file = path.join(dir, "stray.ts");
      fs.writeFileSync(file, script(path.resolve(import.meta.dirname, "../../app/lib/process-guard.server.ts")));
      const run = spawnSync(process.execPath, ["--import", "tsx", file], {
        env: { ...process.env, LOG_LEVEL: "error" },
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain("still running");
      const lines = run.stderr
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            level: "error",
            message: "unhandled promise rejection; the process keeps running",
            role: "worker",
            error: "a promise nobody awaited",
            cause: "Error: socket hang up",
          }),
          expect.objectContaining({
            message: "uncaught exception; the process keeps running",
            error: "a stray timer callback",
            origin: "uncaughtException",
          }),
        ]),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
