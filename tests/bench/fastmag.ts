// Fastmag benchmark: builds large emulated catalogs and reads them through the connector over HTTP.
// Prints figures; asserts nothing about speed.   npx tsx tests/bench/fastmag.ts [variants=100000]
import { createFastmagConnector } from "../../app/connectors/fastmag/index.server";
import type { Logger } from "../../app/lib/logger.server";
import { startFastmagEmulator } from "../../emulators/fastmag/index";

const variants = Number(process.argv[2] ?? 100_000);
const credentials = { enseigne: "BENCH", magasin: "WEB", compte: "bench", motpasse: "bench-secret" };
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

let t = process.hrtime.bigint();
const emulator = await startFastmagEmulator({ credentials, seed: { variants } });
const built = ms(t);
console.log(
  `emulator: ${variants} variants built in ${built.toFixed(0)} ms (${Math.round(variants / (built / 1000))} variants/s)`,
);

const fastmag = createFastmagConnector(
  { baseUrl: emulator.url, ...credentials, timeoutMs: 120_000 },
  {},
  { logger: quiet },
);
for (const [name, read] of [
  ["catalog.products", () => fastmag.catalog.products()],
  ["inventory.fullInventory", () => fastmag.inventory.fullInventory()],
  ["prices.prices", () => fastmag.prices.prices()],
] as const) {
  t = process.hrtime.bigint();
  const result = await read();
  const took = ms(t);
  console.log(
    `${name}: ${result.items.length} items, ${result.skipped.length} skipped in ${took.toFixed(0)} ms (${Math.round(result.items.length / (took / 1000))} rows/s)`,
  );
}
t = process.hrtime.bigint();
for (let i = 0; i < 200; i++) await fastmag.pme.balance("PME-WEB-001");
console.log(`pme.balance: 200 sequential lookups in ${ms(t).toFixed(0)} ms (${(ms(t) / 200).toFixed(2)} ms per call)`);
await emulator.close();
