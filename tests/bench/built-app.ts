// What the benchmarks of the BUILT app share (bench:webhooks, bench:feed): building it when build/ is
// missing, a free port, webhooks sent as raw bytes, the floor a bare Node server sets, the worker
// process of the scaled-out topology, and the processes' peak memory.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..", "..");

export function ensureBuilt(): void {
  if (fs.existsSync(path.join(root, "build/web/index.js")) && fs.existsSync(path.join(root, "build/worker/index.js")))
    return;
  console.log("building the app (npm run build)…");
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

/**
 * A request as the bytes that go on the wire, signed beforehand: while measuring, the sender only
 * connects, writes and reads a status line. Through fetch, the sender (on the same two cores as the
 * app) spent more CPU per request than the app, and its own queue was most of the answer times it
 * measured; Shopify's senders are other machines.
 */
export function wireRequest(url: URL, headers: Record<string, string>, body: string): Buffer {
  const all = { host: url.host, ...headers, "content-length": String(Buffer.byteLength(body)), connection: "close" };
  const head = Object.entries(all).map(([name, value]) => `${name}: ${value}\r\n`);
  return Buffer.from(`POST ${url.pathname} HTTP/1.1\r\n${head.join("")}\r\n${body}`);
}

/** Sends one prepared request on its own connection; the time until its status line arrived. */
export function sendWire(port: number, request: Buffer): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1", noDelay: true });
    let received = "";
    const done = (status: number) => {
      socket.destroy();
      resolve({ ms: performance.now() - started, status });
    };
    socket.setTimeout(30_000, () => done(0));
    socket.once("error", () => done(0));
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      const line = received.indexOf("\r\n");
      if (line > 0) done(Number(received.slice(9, 12)) || 0);
    });
    socket.write(request);
  });
}

/** `npm run worker` (build/worker) with the app's environment; resolves once its background work started. */
export async function startWorker(appEnv: Record<string, string>): Promise<ChildProcess> {
  const worker = spawn(process.execPath, ["build/worker/index.js"], {
    cwd: root,
    env: { ...process.env, ...appEnv, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    worker.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("background work started")) resolve();
    });
    worker.once("exit", (code) => reject(new Error(`the worker exited with ${code}`)));
  });
  worker.stdout!.resume();
  return worker;
}

export async function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** This process's children whose command line contains `script` (the app started by startStack). */
export function childPids(script: string, of = process.pid): number[] {
  try {
    return fs
      .readdirSync(`/proc/${of}/task`)
      .flatMap((tid) => fs.readFileSync(`/proc/${of}/task/${tid}/children`, "utf8").trim().split(/\s+/))
      .filter((pid) => pid && fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(script))
      .map(Number);
  } catch {
    return [];
  }
}

/** The processes answering requests: the web server, or with WEB_PROCESSES > 1 its web processes. */
export function webProcessPids(): number[] {
  const web = childPids("build/web/index.js");
  const children = web.flatMap((pid) => childPids("build/web/index.js", pid));
  return children.length > 0 ? children : web;
}

/** A live process's peak resident memory (VmHWM) in MiB; null where /proc does not say. */
export function peakRssMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const line = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return line ? Number(line[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** What a bare Node HTTP server costs for the same burst on the same machine at the same moment. */
export interface NodeFloor {
  p50: number;
  p99: number;
  max: number;
  /** The bare server's CPU time per request (ms), from /proc; null where there is none. */
  cpuPerRequest: number | null;
}

// Reads the body and answers 200 with a head like the intake's: Node's own HTTP work and nothing else.
const BARE_SERVER = `
const http = require("node:http");
const head = { "Content-Security-Policy": "frame-ancestors 'none';", "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin", "content-length": 0 };
http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => { response.writeHead(200, head); response.end(); });
}).listen(0, "127.0.0.1", function () { process.stdout.write(String(this.address().port) + "\\n"); });`;

/**
 * The floor under a burst's answer times: the same requests (each on its own connection, from this
 * sender) at a bare Node HTTP server that only reads them and answers 200 (warmed up first). On a
 * machine shared with other work the answer times follow the load: this says how much of them the
 * app itself adds.
 */
export async function nodeFloor(requests: (port: number) => Buffer[]): Promise<NodeFloor> {
  const server = spawn(process.execPath, ["-e", BARE_SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.stdout!.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      server.once("exit", (code) => reject(new Error(`the bare server exited with ${code}`)));
    });
    const all = requests(port);
    await Promise.all(all.slice(0, 20).map((request) => sendWire(port, request)));
    const cpu = () => processCpuMs(server.pid);
    const before = cpu();
    const answers = await Promise.all(all.map((request) => sendWire(port, request)));
    const after = cpu();
    const times = answers.map((a) => a.ms).sort((a, b) => a - b);
    return {
      p50: percentile(times, 0.5),
      p99: percentile(times, 0.99),
      max: times.at(-1)!,
      cpuPerRequest: before !== null && after !== null ? (after - before) / all.length : null,
    };
  } finally {
    await stopChild(server);
  }
}

/** CPU time (ms, user + system) a live process has used, from /proc; null where /proc does not say. */
function processCpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}
