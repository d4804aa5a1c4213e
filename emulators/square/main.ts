// CLI: starts the Square emulator with the demo account and prints its URL.
//   tsx emulators/square/main.ts [--port 4310] [--token TOKEN] [--empty]
import { parseArgs } from "node:util";
import { DEMO_ACCESS_TOKEN, startSquareEmulator } from "./index";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    token: { type: "string" },
    empty: { type: "boolean" },
  },
});

const emulator = await startSquareEmulator({
  port: Number(values.port ?? process.env.PORT ?? 4310),
  host: values.host ?? "127.0.0.1",
  accessTokens: [values.token ?? process.env.SQUARE_ACCESS_TOKEN ?? DEMO_ACCESS_TOKEN],
  seed: values.empty ? undefined : "demo",
});

console.log(`Square emulator listening on ${emulator.url}`);
console.log(`  API:          ${emulator.url}/v2 (Authorization: Bearer ${emulator.accessTokens[0]})`);
console.log(`  control API:  ${emulator.url}/_emulator/state`);

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
