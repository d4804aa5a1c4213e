// The stack of `npm run bench:ui` (emulators and the built app), in a process of its own: the
// emulated admin and App Bridge's script then answer from their own event loop, as Shopify does,
// not from the one that drives Chromium and takes its many DevTools events.
// Prints one JSON line {adminUrl, shop} when ready; stops when its parent closes its stdin.
import { HARMLESS_APP_ENV } from "../support/jobs-processes";
import { freePort } from "./built-app";

for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
const { startStack } = await import("../../scripts/stack");
const stack = await startStack({
  appPort: await freePort(),
  shopifyPort: 0,
  databaseUrl: process.argv[2],
  quiet: true,
});
process.stdout.write(`${JSON.stringify({ adminUrl: stack.adminUrl, shop: stack.shop })}\n`);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void stack.stop().finally(() => process.exit(0));
};
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
process.once("SIGTERM", stop);
