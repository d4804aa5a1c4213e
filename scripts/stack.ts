// Starts the whole local stack — emulators, a migrated database, the built app — for `npm run demo`
// and the e2e tests. The app is configured exactly as in production, only pointed at the emulators.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { applyMigrations } from "../app/db/migrations.server";
import { startChronopostEmulator, type ChronopostEmulator } from "../emulators/chronopost/index";
import { shareCatalogWithFastmag } from "./demo-catalog";
import { startFastmagEmulator, type FastmagCredentials, type FastmagEmulator } from "../emulators/fastmag/index";
import { startShopifyEmulator, type ShopifyEmulator } from "../emulators/shopify/index";
import { DEMO_SHOP } from "../emulators/shopify/seed";
import { startTntEmulator, type TntEmulator } from "../emulators/tnt/index";
import { configureFastmagThroughSettingsScreen } from "./configure-fastmag";
import { configureOrdersThroughSettingsScreen } from "./configure-orders";

const root = path.resolve(import.meta.dirname, "..");

export interface StackOptions {
  appPort?: number;
  shopifyPort?: number;
  fastmagPort?: number;
  databaseUrl?: string;
  /** Extra environment for the app process (e.g. LOG_LEVEL). */
  appEnv?: Record<string, string>;
  quiet?: boolean;
  /** Save the demo shop's Fastmag settings (pointing at the Fastmag emulator) through the settings screen. */
  configureFastmag?: boolean;
}

export interface Stack {
  appUrl: string;
  shopify: ShopifyEmulator;
  fastmag: FastmagEmulator;
  /** Carrier emulators (orders: tracking and deliveries), with controllable clocks. */
  chronopost: ChronopostEmulator;
  tnt: TntEmulator;
  fastmagCredentials: FastmagCredentials;
  shop: string;
  adminUrl: string;
  databaseUrl: string;
  appEnv: Record<string, string>;
  stop(): Promise<void>;
}

export const DEMO_API_KEY = "passerelle-demo-api-key";

/** The demo TNT account (the TNT emulator of the stack accepts it). */
export const DEMO_TNT_CREDENTIALS = { username: "passerelle", password: "demo-tnt-password" };

/** The demo Fastmag instance's login (what a merchant types in Settings → Fastmag). */
export const DEMO_FASTMAG_CREDENTIALS: FastmagCredentials = {
  enseigne: "DEMO",
  magasin: "WEB",
  compte: "passerelle",
  motpasse: "demo-fastmag-password",
};

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const appPort = options.appPort ?? 3000;
  const appUrl = `http://127.0.0.1:${appPort}`;
  const apiSecret = randomBytes(24).toString("hex");
  const databaseUrl = options.databaseUrl ?? "file:./prisma/demo.sqlite";
  await applyMigrations(databaseUrl);

  const shopify = await startShopifyEmulator({
    port: options.shopifyPort ?? 0,
    app: {
      apiKey: DEMO_API_KEY,
      apiSecret,
      appUrl,
      handle: "passerelle",
      tomlPath: path.join(root, "shopify.app.toml"),
    },
    shops: [DEMO_SHOP],
  });

  const fastmag = await startFastmagEmulator({
    port: options.fastmagPort ?? 0,
    credentials: DEMO_FASTMAG_CREDENTIALS,
    seed: "demo",
  });
  shareCatalogWithFastmag(fastmag.db, DEMO_SHOP);
  const chronopost = await startChronopostEmulator();
  const tnt = await startTntEmulator({ credentials: DEMO_TNT_CREDENTIALS });

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
    ...options.appEnv,
  };
  const app = spawn(
    process.execPath,
    [path.join(root, "node_modules/@remix-run/serve/dist/cli.js"), "build/server/index.js"],
    {
      cwd: root,
      env: { ...process.env, ...appEnv },
      stdio: options.quiet ? ["ignore", "ignore", "pipe"] : "inherit",
    },
  );
  const appErrors: string[] = [];
  app.stderr?.on("data", (chunk: Buffer) => appErrors.push(chunk.toString()));
  await waitForHttp(`${appUrl}/`, app, appErrors);

  const stop = async () => {
    await stopProcess(app);
    await Promise.all([shopify.close(), fastmag.close(), chronopost.close(), tnt.close()]);
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
    shopify,
    fastmag,
    chronopost,
    tnt,
    fastmagCredentials: DEMO_FASTMAG_CREDENTIALS,
    shop: DEMO_SHOP.domain,
    adminUrl: shopify.adminUrl(DEMO_SHOP.domain),
    databaseUrl,
    appEnv,
    stop,
  };
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
