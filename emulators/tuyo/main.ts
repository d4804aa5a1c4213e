// CLI: starts the Tuyo emulator with the demo store and categories and prints its URL and keys.
//   tsx emulators/tuyo/main.ts [--port 4360]
import { parseArgs } from "node:util";
import { DEMO_PRODUCTION_TOKEN, DEMO_TESTING_TOKEN, startTuyoEmulator } from "./index";

const { values } = parseArgs({ options: { port: { type: "string" }, host: { type: "string" } } });

const emulator = await startTuyoEmulator({
  port: Number(values.port ?? process.env.PORT ?? 4360),
  host: values.host ?? "127.0.0.1",
});

console.log(`Tuyo emulator listening on ${emulator.url}`);
console.log(`  API:          ${emulator.url}/api/get_categories?timestamp=<ms> (x-api-token)`);
console.log(`  production:   x-api-token: ${DEMO_PRODUCTION_TOKEN}`);
console.log(`  testing:      x-api-token: ${DEMO_TESTING_TOKEN}`);
console.log(`  control API:  ${emulator.url}/_emulator/state`);

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
