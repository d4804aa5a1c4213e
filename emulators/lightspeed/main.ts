// CLI: starts the Lightspeed Retail (R-Series) emulator with the demo account, issues a token pair and
// prints it.   tsx emulators/lightspeed/main.ts [--port 4330] [--empty]
import { parseArgs } from "node:util";
import { DEMO_CLIENT, startLightspeedEmulator } from "./index";

const { values } = parseArgs({
  options: { port: { type: "string" }, host: { type: "string" }, empty: { type: "boolean" } },
});

const emulator = await startLightspeedEmulator({
  port: Number(values.port ?? process.env.PORT ?? 4330),
  host: values.host ?? "127.0.0.1",
  seed: values.empty ? undefined : "demo",
});
const tokens = emulator.issueTokens();

console.log(`Lightspeed Retail emulator listening on ${emulator.url} (account ${emulator.accountID})`);
console.log(`  API:          ${emulator.url}/API/V3/Account/${emulator.accountID}/Item.json`);
console.log(
  `  OAuth:        POST ${emulator.url}/auth/oauth/token (client ${DEMO_CLIENT.clientId} / ${DEMO_CLIENT.clientSecret})`,
);
console.log(`  tokens:       access ${tokens.access_token}, refresh ${tokens.refresh_token}`);
console.log(`  control API:  ${emulator.url}/_emulator/state`);

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
