// Runs the Fastmag emulator from the command line (npm run demo, manual testing):
//   tsx emulators/fastmag/main.ts [--port 8081] [--variants 100000]
// Credentials come from FASTMAG_ENSEIGNE / FASTMAG_MAGASIN / FASTMAG_COMPTE / FASTMAG_MOTPASSE (demo values otherwise).
import { parseArgs } from "node:util";
import { startFastmagEmulator } from "./index";

const { values } = parseArgs({ options: { port: { type: "string", default: "8081" }, variants: { type: "string" } } });
const started = Date.now();
const emulator = await startFastmagEmulator({
  port: Number(values.port),
  credentials: {
    enseigne: process.env.FASTMAG_ENSEIGNE ?? "DEMO",
    magasin: process.env.FASTMAG_MAGASIN ?? "WEB",
    compte: process.env.FASTMAG_COMPTE ?? "passerelle",
    motpasse: process.env.FASTMAG_MOTPASSE ?? "demo-password",
  },
  seed: values.variants ? { variants: Number(values.variants) } : "demo",
});
const variants = (emulator.db.prepare("SELECT COUNT(*) AS n FROM products").get() as { n: number }).n;
console.log(`Fastmag emulator on ${emulator.url} — ${variants} variants, ready in ${Date.now() - started} ms`);
const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
