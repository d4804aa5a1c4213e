// CLI: starts the Hiboutik emulator with the demo account and prints its URL.
//   tsx emulators/hiboutik/main.ts [--port 4320] [--quota 10000] [--empty]
import { parseArgs } from "node:util";
import { DEMO_USER, startHiboutikEmulator } from "./index";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    quota: { type: "string" },
    empty: { type: "boolean" },
  },
});

const emulator = await startHiboutikEmulator({
  port: Number(values.port ?? process.env.PORT ?? 4320),
  host: values.host ?? "127.0.0.1",
  quota: values.quota ? { limit: Number(values.quota) } : undefined,
  seed: values.empty ? undefined : "demo",
});

console.log(`Hiboutik emulator listening on ${emulator.url} (account ${emulator.account})`);
console.log(`  API:          ${emulator.url}/api/ (Basic ${DEMO_USER.email}:${DEMO_USER.apiKey})`);
console.log(`  control API:  ${emulator.url}/_emulator/state`);

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
