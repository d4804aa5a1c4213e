// npm run demo — the app against the emulators, with a seeded demo shop, until Ctrl-C.
// It can be run again and again on the same database (prisma/demo.sqlite, or DEMO_DATABASE_URL): the
// app exchanges the fresh emulator's session token for a new access token. `--reset` starts from an
// empty database.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { startStack } from "./stack";

const root = path.resolve(import.meta.dirname, "..");
const appPort = Number(process.env.PORT ?? 3000);
const shopifyPort = Number(process.env.SHOPIFY_EMULATOR_PORT ?? 4100);
const fastmagPort = Number(process.env.FASTMAG_EMULATOR_PORT ?? 4200);

if (!process.argv.includes("--no-build")) {
  console.log("Building the app…");
  // The Remix build and the web server that serves it (build/web, what `npm start` runs).
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
}

const databaseUrl = process.env.DEMO_DATABASE_URL ?? "file:./prisma/demo.sqlite";
if (process.argv.includes("--reset")) {
  if (!databaseUrl.startsWith("file:")) throw new Error("--reset only empties a SQLite demo database (file:…)");
  const file = path.resolve(root, databaseUrl.slice("file:".length));
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
  console.log("Starting from an empty demo database.");
}

const stack = await startStack({ appPort, shopifyPort, fastmagPort, databaseUrl, configureFastmag: true });
console.log(`
Passerelle demo is running.

  Shopify admin (emulated):  ${stack.adminUrl}
  The app itself:            ${stack.appUrl}
  Shopify emulator:          ${stack.shopify.url}
  Storefront (job form):     http://${stack.shop}:${new URL(stack.shopify.url).port}/pages/job-application
                             (map *.myshopify.com to 127.0.0.1, e.g. chromium --host-resolver-rules="MAP *.myshopify.com 127.0.0.1")
  Fastmag emulator:          ${stack.fastmag.url}  (enseigne ${stack.fastmagCredentials.enseigne}, magasin ${stack.fastmagCredentials.magasin}, compte ${stack.fastmagCredentials.compte}, password ${stack.fastmagCredentials.motpasse})
  RetailCRM emulator:        ${stack.retailcrm.url}  (API key ${stack.retailcrm.apiKeys[0]})
  Database:                  ${stack.databaseUrl}

Open the admin link in a browser; Ctrl-C stops everything.
`);

const shutdown = async () => {
  await stack.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
