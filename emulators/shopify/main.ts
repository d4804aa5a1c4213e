// CLI: starts the Shopify emulator with the demo shop and prints its URL.
//   tsx emulators/shopify/main.ts [--port 4100] [--app-url http://127.0.0.1:3000] [--toml shopify.app.toml]
// Environment: PORT, SHOPIFY_API_KEY, SHOPIFY_API_SECRET, SHOPIFY_APP_URL, SHOPIFY_APP_TOML.
import path from "node:path";
import { parseArgs } from "node:util";
import { startShopifyEmulator } from "./index";
import { DEMO_SHOP } from "./seed";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "api-key": { type: "string" },
    "api-secret": { type: "string" },
    "app-url": { type: "string" },
    toml: { type: "string" },
    handle: { type: "string" },
  },
});

const emulator = await startShopifyEmulator({
  port: Number(values.port ?? process.env.PORT ?? 4100),
  host: values.host ?? "127.0.0.1",
  app: {
    apiKey: values["api-key"] ?? process.env.SHOPIFY_API_KEY ?? "passerelle-demo-api-key",
    apiSecret: values["api-secret"] ?? process.env.SHOPIFY_API_SECRET ?? "passerelle-demo-api-secret",
    appUrl: values["app-url"] ?? process.env.SHOPIFY_APP_URL ?? "http://127.0.0.1:3000",
    handle: values.handle ?? "passerelle",
    tomlPath: path.resolve(values.toml ?? process.env.SHOPIFY_APP_TOML ?? "shopify.app.toml"),
  },
  shops: [DEMO_SHOP],
});

console.log(`Shopify emulator listening on ${emulator.url}`);
console.log(`  admin:          ${emulator.adminUrl(DEMO_SHOP.domain)}`);
console.log(`  app bridge:     ${emulator.url}/app-bridge.js`);
console.log(`  control API:    ${emulator.url}/_emulator/shops`);
console.log(`  point the app:  SHOPIFY_API_ORIGIN_OVERRIDE=${emulator.url}`);

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
