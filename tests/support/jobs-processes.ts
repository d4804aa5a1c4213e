// Spawning worker processes (node --import tsx) for the multi-process test and the benchmark.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

export const HARMLESS_APP_ENV: Record<string, string> = {
  NODE_ENV: "test",
  SHOPIFY_API_KEY: "test-api-key",
  SHOPIFY_API_SECRET: "test-api-secret",
  SHOPIFY_APP_URL: "http://127.0.0.1:3999",
  APP_ENCRYPTION_KEY: "dGVzdC1rZXktZm9yLXBhc3NlcmVsbGUtdGVzdHMtMzI=",
  LOG_LEVEL: "silent",
  // Test processes and benches talk to emulators on loopback over plain http.
  ALLOW_LOCAL_CONNECTORS: "on",
};

export interface SpawnedProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `node --import tsx <script>` and resolves once it printed `readyLine` (or rejects if it exits first). */
export async function spawnTsx(
  script: string,
  env: Record<string, string>,
  readyLine = "ready",
): Promise<SpawnedProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, script)], {
    cwd: root,
    env: { ...process.env, ...HARMLESS_APP_ENV, ...env } as NodeJS.ProcessEnv,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine)) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`${script} exited (${code}) before it was ready:\n${output}`)));
  });
  return { child, output: () => output, exited };
}

export async function stopGracefully(processes: SpawnedProcess[], timeoutMs = 15_000): Promise<(number | null)[]> {
  for (const p of processes) if (p.child.exitCode === null && !p.child.killed) p.child.kill("SIGTERM");
  const timer = setTimeout(() => processes.forEach((p) => p.child.kill("SIGKILL")), timeoutMs);
  try {
    return await Promise.all(processes.map((p) => p.exited));
  } finally {
    clearTimeout(timer);
  }
}
