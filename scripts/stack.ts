// Starts the whole local stack — emulators, a migrated database, the built app — for `npm run demo`
// and the e2e tests. The app is configured exactly as in production, only pointed at the emulators.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import { applyMigrations } from "../app/db/migrations.server";
import { POS_SYSTEMS } from "../app/connectors/pos-systems.server";
import { CONNECTORS } from "../app/connectors/registry.server";
import type { DemoContext, RunningEmulator } from "../emulators/_kit/index";
import { DEMO_CREDENTIALS, type FastmagCredentials } from "../emulators/fastmag/index";
import {
  emulatorById,
  isEmulatorId,
  platformEmulatorIds,
  type EmulatorId,
  type EmulatorInstance,
} from "../emulators/registry";
import { DEMO_API_KEY as DEMO_RETAILCRM_API_KEY } from "../emulators/retailcrm/index";
import { DEMO_SHOP } from "../emulators/shopify/seed";
import { DEMO_CREDENTIALS as TNT_DEMO_CREDENTIALS } from "../emulators/tnt/index";
import { shareCatalogWithFastmag } from "./demo-catalog";
import { configureFastmagThroughSettingsScreen } from "./configure-fastmag";
import { configureOrdersThroughSettingsScreen } from "./configure-orders";

const root = path.resolve(import.meta.dirname, "..");

export interface StackOptions {
  appPort?: number;
  shopifyPort?: number;
  fastmagPort?: number;
  /** Fixed ports of other emulators by id (absent: a free port). */
  emulatorPorts?: Partial<Record<EmulatorId, number>>;
  databaseUrl?: string;
  /** Extra environment for the app process (e.g. LOG_LEVEL). */
  appEnv?: Record<string, string>;
  quiet?: boolean;
  /** Save the demo shop's Fastmag settings (pointing at the Fastmag emulator) through the settings screen. */
  configureFastmag?: boolean;
}

/** The emulators a stack runs, by id, each with its own handle type. */
export type StackEmulators = { [K in EmulatorId]?: EmulatorInstance<K> };

export interface Stack {
  appUrl: string;
  /** Every running emulator by id: the connectors' (manifest `emulator`) and the platform ones. */
  emulators: StackEmulators;
  shopify: EmulatorInstance<"shopify">;
  fastmag: EmulatorInstance<"fastmag">;
  /** Carrier emulators (orders: tracking and deliveries), with controllable clocks. */
  chronopost: EmulatorInstance<"chronopost">;
  tnt: EmulatorInstance<"tnt">;
  /** RetailCRM (demo account; its API key is DEMO_RETAILCRM_API_KEY), for Settings → RetailCRM. */
  retailcrm: EmulatorInstance<"retailcrm">;
  fastmagCredentials: FastmagCredentials;
  shop: string;
  adminUrl: string;
  databaseUrl: string;
  appEnv: Record<string, string>;
  stop(): Promise<void>;
}

export const DEMO_API_KEY = "passerelle-demo-api-key";

/** The demo TNT account (the TNT emulator of the stack accepts it). */
export { DEMO_RETAILCRM_API_KEY };
export const DEMO_TNT_CREDENTIALS = TNT_DEMO_CREDENTIALS;

/** The demo Fastmag instance's login (what a merchant types in Settings → Fastmag). */
export const DEMO_FASTMAG_CREDENTIALS: FastmagCredentials = DEMO_CREDENTIALS;

/**
 * The emulators a stack starts: each connector's that names one in its manifest, each POS system's
 * that names one (app/connectors/pos-systems.server.ts), plus the platform ones (Shopify, the
 * carriers). Adding a connector with an emulator changes nothing here.
 */
export function stackEmulatorIds(): EmulatorId[] {
  const ids = new Set<EmulatorId>(platformEmulatorIds());
  const named = [
    ...CONNECTORS.map((c) => ({ what: `connector ${c.id}`, emulator: c.emulator })),
    ...Object.values(POS_SYSTEMS).map((s) => ({ what: `POS system ${s.id}`, emulator: s.emulator })),
  ];
  for (const { what, emulator } of named) {
    if (!emulator) continue;
    if (!isEmulatorId(emulator))
      throw new Error(`${what} names emulator "${emulator}", which emulators/registry.ts lacks`);
    ids.add(emulator);
  }
  return [...ids];
}

/** Starts the emulators by id with their demo options; if one fails, the started ones are stopped. */
export async function startEmulators(
  ids: EmulatorId[],
  context: Omit<DemoContext, "port">,
  ports: Partial<Record<EmulatorId, number>> = {},
): Promise<StackEmulators> {
  const running: Partial<Record<EmulatorId, RunningEmulator>> = {};
  try {
    for (const id of ids) {
      const definition = emulatorById(id)!;
      running[id] = await definition.start(definition.demo?.({ ...context, port: ports[id] }));
    }
  } catch (error) {
    await Promise.all(Object.values(running).map((emulator) => emulator.close()));
    throw error;
  }
  return running as StackEmulators;
}

function required<K extends EmulatorId>(emulators: StackEmulators, id: K): EmulatorInstance<K> {
  const emulator = emulators[id];
  if (!emulator)
    throw new Error(`the stack has no ${id} emulator (no connector names it and it is not a platform one)`);
  return emulator as EmulatorInstance<K>;
}

/** APP_CPU_PROFILE_DIR=<dir>: the app process writes a V8 CPU profile there when it stops (benchmarks). */
function appProfileFlags(): string[] {
  const dir = process.env.APP_CPU_PROFILE_DIR;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=200"] : [];
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const appPort = options.appPort ?? 3000;
  const appUrl = `http://127.0.0.1:${appPort}`;
  const apiSecret = randomBytes(24).toString("hex");
  const databaseUrl = options.databaseUrl ?? "file:./prisma/demo.sqlite";
  await ensurePortFree(appPort);
  await applyMigrations(databaseUrl);

  const emulators = await startEmulators(
    stackEmulatorIds(),
    {
      app: {
        apiKey: DEMO_API_KEY,
        apiSecret,
        appUrl,
        handle: "passerelle",
        tomlPath: path.join(root, "shopify.app.toml"),
      },
    },
    {
      ...options.emulatorPorts,
      shopify: options.shopifyPort ?? options.emulatorPorts?.shopify,
      fastmag: options.fastmagPort ?? options.emulatorPorts?.fastmag,
    },
  );
  const closeEmulators = () => Promise.all(Object.values(emulators).map((emulator) => emulator.close()));
  // What the demo and the e2e tests reach by name; every other emulator is under stack.emulators.
  let named;
  try {
    named = {
      shopify: required(emulators, "shopify"),
      fastmag: required(emulators, "fastmag"),
      chronopost: required(emulators, "chronopost"),
      tnt: required(emulators, "tnt"),
      retailcrm: required(emulators, "retailcrm"),
    };
  } catch (error) {
    await closeEmulators();
    throw error;
  }
  const { shopify, fastmag, chronopost, tnt, retailcrm } = named;
  // The demo's Fastmag sells what the demo shop lists.
  shareCatalogWithFastmag(fastmag.db, DEMO_SHOP);

  const appEnv: Record<string, string> = {
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(appPort),
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: DEMO_API_KEY,
    SHOPIFY_API_SECRET: apiSecret,
    SHOPIFY_APP_URL: appUrl,
    SHOPIFY_API_ORIGIN_OVERRIDE: shopify.url,
    APP_BRIDGE_SCRIPT_URL: `${shopify.url}/app-bridge.js`,
    EXTRA_FRAME_ANCESTORS: shopify.url,
    // A fixed demo key, so demo data stays readable across runs; never use it for a real shop.
    APP_ENCRYPTION_KEY: "ZGVtby1vbmx5LWtleS1wYXNzZXJlbGxlLWRlbW8tMzI=",
    LOG_LEVEL: "warn",
    // The emulators listen on this machine over plain http: the demo mode of connector addresses.
    ALLOW_LOCAL_CONNECTORS: "on",
    ...options.appEnv,
  };
  const app = spawn(process.execPath, [...appProfileFlags(), "build/web/index.js"], {
    cwd: root,
    env: { ...process.env, ...appEnv, STOP_WITH_PARENT_PID: String(process.pid) },
    stdio: options.quiet ? ["ignore", "ignore", "pipe"] : "inherit",
  });
  const appErrors: string[] = [];
  app.stderr?.on("data", (chunk: Buffer) => appErrors.push(chunk.toString()));
  await waitForHttp(`${appUrl}/`, app, appErrors);

  const stop = async () => {
    await stopProcess(app);
    await closeEmulators();
  };
  if (options.configureFastmag) {
    await configureFastmagThroughSettingsScreen({
      appUrl,
      sessionToken: () => shopify.mintSessionToken(DEMO_SHOP.domain),
      fastmagUrl: fastmag.url,
      credentials: DEMO_FASTMAG_CREDENTIALS,
    }).catch(async (error: unknown) => {
      await stop();
      throw error;
    });
  }
  if (options.configureFastmag) {
    await configureOrdersThroughSettingsScreen({
      appUrl,
      sessionToken: () => shopify.mintSessionToken(DEMO_SHOP.domain),
      chronopostUrl: chronopost.trackingUrl,
      tntFranceUrl: tnt.franceUrl,
      tntExpressConnectUrl: tnt.expressConnectUrl,
      tnt: DEMO_TNT_CREDENTIALS,
    }).catch(async (error: unknown) => {
      await stop();
      throw error;
    });
  }
  return {
    appUrl,
    emulators,
    shopify,
    fastmag,
    chronopost,
    tnt,
    retailcrm,
    fastmagCredentials: DEMO_FASTMAG_CREDENTIALS,
    shop: DEMO_SHOP.domain,
    adminUrl: shopify.adminUrl(DEMO_SHOP.domain),
    databaseUrl,
    appEnv,
    stop,
  };
}

/** A process left over from an earlier run (killed before it could stop its app) would answer in our place. */
async function ensurePortFree(port: number): Promise<void> {
  const server = net.createServer();
  const free = await new Promise<boolean>((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
  if (!free)
    throw new Error(
      `port ${port} is already in use (an earlier demo still running?): stop that process or set PORT to another port`,
    );
}

async function waitForHttp(url: string, child: ChildProcess, errors: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}:\n${errors.join("")}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the app did not answer at ${url} within ${timeoutMs} ms:\n${errors.join("")}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
