// CLI: starts the RetailCRM emulator with the demo account and prints its URL.
//   tsx emulators/retailcrm/main.ts [--port 4300] [--api-key KEY] [--empty]
import { parseArgs } from "node:util";
import { DEMO_API_KEY, startRetailCrmEmulator } from "./index";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "api-key": { type: "string" },
    empty: { type: "boolean" },
  },
});

const emulator = await startRetailCrmEmulator({
  port: Number(values.port ?? process.env.PORT ?? 4300),
  host: values.host ?? "127.0.0.1",
  apiKeys: [values["api-key"] ?? process.env.RETAILCRM_API_KEY ?? DEMO_API_KEY],
  seed: values.empty ? undefined : "demo",
});

console.log(`RetailCRM emulator listening on ${emulator.url}`);
console.log(`  API:          ${emulator.url}/api/v5 (X-API-KEY: ${emulator.apiKeys[0]})`);
console.log(`  control API:  ${emulator.url}/_emulator/state`);

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
