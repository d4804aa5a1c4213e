// npm run worker — a process that only runs background jobs (scheduler + worker), for deployments
// where web processes set BACKGROUND_JOBS=off. Same configuration as the app.
import { env } from "./env.server";
import { startBackgroundWork } from "./jobs/runtime.server";
import { registerModules } from "./modules.server";
import { installShopifyOriginOverride } from "./shopify/api-origin.server";
import { installProcessGuards } from "./lib/process-guard.server";

registerModules();

// The web process does this in app/shopify.server.ts, which the worker never loads: without it a worker
// pointed at the Shopify emulator resolves <shop>.myshopify.com on the internet.
installShopifyOriginOverride(env().SHOPIFY_API_ORIGIN_OVERRIDE);
installProcessGuards("worker");
startBackgroundWork({ force: true });
