// The system under test for a chaos run: a fresh database (SQLite file, or a PostgreSQL database), the
// emulators in their own process, the BUILT app under its own server (build/web) and a separate worker process
// (build/worker/index.js), both supervised: a process that dies without our kill is counted as a crash
// and restarted, as a process manager would. The shop is set up through the app's settings screens.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../../app/db/migrations.server";
import { configureOrdersThroughSettingsScreen } from "../../scripts/configure-orders";
import { readRouteData, routeDataUrl } from "../../scripts/route-data";
import {
  CHAOS_API_KEY,
  CHAOS_FASTMAG_CREDENTIALS,
  CHAOS_SHOP,
  CHAOS_TNT_CREDENTIALS,
  type DatabaseKind,
} from "./config";
import type { EmulatorsConfig, EmulatorsReady } from "./emulators";
import { ProcessBook, type Exit, type Managed } from "./processes";

const root = path.resolve(import.meta.dirname, "..", "..");
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface Crash {
  process: string;
  at: number;
  exit: Exit;
  /** The last lines the process wrote (the reason, when it said one). */
  lastWords: string;
}

export interface ChaosStackOptions {
  variants: number;
  webhookRetryDelaysMs: number[];
  database: DatabaseKind;
  /** A PostgreSQL URL to use as is (otherwise a database is created and dropped). */
  databaseUrl?: string;
  worker: boolean;
  logDir: string;
  log: (line: string) => void;
}

/** A process kept running: restarted after a crash until stop(). */
export class Service {
  current: Managed | null = null;
  crashes: Crash[] = [];
  private stopping = false;

  constructor(
    readonly name: string,
    private readonly book: ProcessBook,
    private readonly launch: () => Managed,
    private readonly ready: (m: Managed) => Promise<void>,
    private readonly log: (line: string) => void,
  ) {}

  async start(): Promise<void> {
    const m = this.launch();
    this.current = m;
    void m.exited.then((exit) => {
      if (m.killedByUs || this.stopping) return;
      const lastWords = m
        .output()
        .split("\n")
        .filter((l) => l.trim())
        .slice(-6)
        .join("\n");
      this.crashes.push({ process: this.name, at: Date.now(), exit, lastWords });
      this.log(`!! ${this.name} crashed (code ${exit.code}, signal ${exit.signal}); restarting`);
      setTimeout(() => {
        if (!this.stopping && this.current === m) void this.start().catch(() => undefined);
      }, 1_000);
    });
    await this.ready(m);
  }

  /** SIGKILL now, then start again (what a crash and a process manager do). */
  async killAndRestart(): Promise<void> {
    const m = this.current;
    if (m) await this.book.kill(m, "SIGKILL");
    await this.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.current) await this.book.kill(this.current, "SIGTERM");
  }
}

export interface ChaosStack {
  appUrl: string;
  shop: string;
  databaseUrl: string;
  emulators: EmulatorsReady;
  book: ProcessBook;
  app: Service;
  worker: Service | null;
  sessionToken(): Promise<string>;
  stop(): Promise<void>;
}

export async function startChaosStack(options: ChaosStackOptions): Promise<ChaosStack> {
  const { log } = options;
  const book = new ProcessBook(options.logDir);
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((e: Error) => log(`cleanup: ${e.message}`));
  };
  try {
    const databaseUrl = await prepareDatabase(options, cleanups);
    await applyMigrations(databaseUrl);
    const appPort = await freePort();
    const appUrl = `http://127.0.0.1:${appPort}`;
    const apiSecret = randomBytes(24).toString("hex");

    const startEmulators = async (config: EmulatorsConfig) => {
      const child = book.spawn(
        `emulator-${config.role}`,
        process.execPath,
        ["--import", "tsx", "--max-old-space-size=4096", path.join(import.meta.dirname, "emulators.ts")],
        { cwd: root, env: { ...process.env, CHAOS_EMULATORS: JSON.stringify(config) } },
      );
      cleanups.push(async () => void (await book.kill(child, "SIGTERM")));
      return new Promise<Partial<EmulatorsReady>>((resolve, reject) => {
        child.child.on("message", (m: { ready?: Partial<EmulatorsReady> }) => m.ready && resolve(m.ready));
        void child.exited.then((exit) =>
          reject(new Error(`the ${config.role} emulator exited (${JSON.stringify(exit)}):\n${child.output()}`)),
        );
      });
    };
    const base = {
      variants: options.variants,
      shop: CHAOS_SHOP,
      appUrl,
      apiSecret,
      webhookRetryDelaysMs: options.webhookRetryDelaysMs,
    };
    const erp = await startEmulators({ ...base, role: "fastmag" });
    const shopifySide = await startEmulators({ ...base, role: "shopify", fastmagUrl: erp.fastmagUrl });
    const emulators = { ...erp, ...shopifySide } as EmulatorsReady;
    log(`emulators: ${emulators.variants} variants in ${emulators.products} products`);

    const appEnv: Record<string, string> = {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(appPort),
      DATABASE_URL: databaseUrl,
      SHOPIFY_API_KEY: CHAOS_API_KEY,
      SHOPIFY_API_SECRET: apiSecret,
      SHOPIFY_APP_URL: appUrl,
      SHOPIFY_API_ORIGIN_OVERRIDE: emulators.shopifyUrl,
      APP_BRIDGE_SCRIPT_URL: `${emulators.shopifyUrl}/app-bridge.js`,
      EXTRA_FRAME_ANCESTORS: emulators.shopifyUrl,
      APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      LOG_LEVEL: "info",
      ALLOW_LOCAL_CONNECTORS: "on",
    };
    const env = { ...process.env, ...appEnv };
    const app = new Service(
      "app",
      book,
      () =>
        book.spawn("app", process.execPath, ["build/web/index.js"], {
          cwd: root,
          env,
        }),
      (m) => waitForHttp(`${appUrl}/`, m),
      log,
    );
    cleanups.push(() => app.stop());
    await app.start();

    const sessionToken = async () => {
      const response = await fetch(`${emulators.shopifyUrl}/_emulator/shops/${CHAOS_SHOP}/session-token`);
      return ((await response.json()) as { token: string }).token;
    };
    await configureShop(appUrl, sessionToken, emulators);
    log("shop set up through Settings → Fastmag and Settings → Orders");

    let worker: Service | null = null;
    if (options.worker) {
      worker = new Service(
        "worker",
        book,
        () => book.spawn("worker", process.execPath, ["build/worker/index.js"], { cwd: root, env }),
        (m) => waitForOutput(m, "background work started", 30_000),
        log,
      );
      cleanups.push(() => worker!.stop());
      await worker.start();
    }

    return {
      appUrl,
      shop: CHAOS_SHOP,
      databaseUrl,
      emulators,
      book,
      app,
      worker,
      sessionToken,
      stop: async () => {
        await cleanup();
        await book.stopAll();
      },
    };
  } catch (error) {
    await cleanup();
    await book.stopAll();
    throw error;
  }
}

async function prepareDatabase(options: ChaosStackOptions, cleanups: (() => Promise<void>)[]): Promise<string> {
  if (options.database === "sqlite") {
    const file = path.join(options.logDir, "chaos.sqlite");
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
    return `file:${file}`;
  }
  if (options.databaseUrl) return options.databaseUrl;
  const name = `passerelle_chaos_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Settings → Fastmag (web stock = stock B − 1, so the formula matters) and Settings → Orders. */
async function configureShop(appUrl: string, sessionToken: () => Promise<string>, emulators: EmulatorsReady) {
  const route = "routes/app.settings.fastmag";
  const call = async (form?: Record<string, string>) => {
    const response = await fetch(routeDataUrl(appUrl, "/app/settings/fastmag", route, form ? "POST" : "GET"), {
      method: form ? "POST" : "GET",
      headers: {
        authorization: `Bearer ${await sessionToken()}`,
        "user-agent": USER_AGENT,
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    if (!response.ok) throw new Error(`Settings → Fastmag answered ${response.status}: ${await response.text()}`);
    return readRouteData<Record<string, unknown>>(response, form ? undefined : route);
  };
  await call();
  const saved = await call({
    intent: "save",
    host: emulators.fastmagUrl,
    ...CHAOS_FASTMAG_CREDENTIALS,
    stockB: "on",
    safetyMargin: "1",
    locationId: emulators.locationId,
    seasons: "",
    timeZone: "Europe/Paris",
  });
  if (saved.ok !== true) throw new Error(`the Fastmag settings were refused: ${JSON.stringify(saved)}`);
  const tested = await call({ intent: "test" });
  if (tested.ok !== true) throw new Error(`the Fastmag connection test failed: ${JSON.stringify(tested)}`);
  const token = await sessionToken();
  await configureOrdersThroughSettingsScreen({
    appUrl,
    sessionToken: () => token,
    chronopostUrl: emulators.chronopostUrl,
    tntFranceUrl: emulators.tntFranceUrl,
    tntExpressConnectUrl: emulators.tntExpressConnectUrl,
    tnt: CHAOS_TNT_CREDENTIALS,
  });
}

/** Shopify's library answers 410 to user agents it takes for bots (Node's "node" is one). */
export const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Passerelle-chaos/1.0";

async function waitForHttp(url: string, m: Managed, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (m.exit) throw new Error(`${m.name} exited (code ${m.exit.code}) while starting:\n${m.output().slice(-2000)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${m.name} did not answer at ${url} within ${timeoutMs} ms`);
}

async function waitForOutput(m: Managed, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !m.output().includes(text)) {
    if (m.exit) throw new Error(`${m.name} exited (code ${m.exit.code}) while starting:\n${m.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
