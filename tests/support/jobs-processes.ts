// Spawning worker processes for the multi-process tests and the benchmark.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..", "..");

// The script and the app code it imports, bundled once per test file (packages stay in node_modules):
// `node --import tsx` resolves and loads hundreds of modules through its hooks at every start, about
// 3 s of CPU (tens of seconds on a loaded 2-core machine) against under 1 s for one file. The bundle
// sits two folders below the root, like the app's own files, so paths made from import.meta.dirname
// (the migrations folder) still land in the repository.
const bundleDir = path.join(root, ".cache", "test-processes");
const bundles = new Map<string, Promise<string>>();

function bundled(script: string): Promise<string> {
  let bundle = bundles.get(script);
  if (!bundle) {
    const outfile = path.join(bundleDir, `${path.basename(script, ".ts")}-${randomUUID()}.mjs`);
    bundle = build({
      entryPoints: [path.join(root, script)],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      target: `node${process.versions.node}`,
      packages: "external",
      sourcemap: true,
      logLevel: "silent",
    }).then(() => {
      process.once("exit", () => {
        fs.rmSync(outfile, { force: true });
        fs.rmSync(`${outfile}.map`, { force: true });
      });
      return outfile;
    });
    bundles.set(script, bundle);
  }
  return bundle;
}

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

/** Starts `<script>` (bundled) in node and resolves once it printed `readyLine` (or rejects if it exits first). */
export async function spawnTsx(
  script: string,
  env: Record<string, string>,
  readyLine = "ready",
): Promise<SpawnedProcess> {
  const child = spawn(process.execPath, ["--enable-source-maps", await bundled(script)], {
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
