// Image sync benchmark: N photos of SIZE KB in a real SFTP folder (emulators/sftp) sent to the Shopify
// emulator, then the same run again with nothing changed.
//   npx tsx tests/bench/images.bench.ts [count=1000] [kb=500]          (npm run bench:images)
// Two processes: this one runs the emulators (the Shopify emulator keeps every uploaded byte, so it
// grows by count × size); the sync runs in a child process (images-worker.ts, with tsx: ~35 MB more
// than a bundled worker), which reports its peak RSS (VmHWM). The goal: the sync's peak RSS < 300 MB,
// whatever the folder's size, because files are streamed one at a time. Asserts nothing about speed.
import { fork } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";
import type { ImagesBenchSetup, ImagesRunFigures } from "./images-worker";

const [count = 1000, kb = 500] = process.argv.slice(2).map(Number);
for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
const dir = await fs.mkdtemp(path.join(os.tmpdir(), "images-bench-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.sqlite")}`;

const { applyMigrations } = await import("../../app/db/migrations.server");
const { startSftpEmulator } = await import("../../emulators/sftp/index");
const { startShopifyEmulator } = await import("../../emulators/shopify/index");
const { createProduct } = await import("../../emulators/shopify/catalog");
await applyMigrations(process.env.DATABASE_URL);

const root = path.join(dir, "sftp");
await fs.mkdir(path.join(root, "photos"), { recursive: true });
const products = Math.ceil(count / 4);
const body = Buffer.alloc(kb * 1024, 7);
for (let i = 0; i < count; i++) {
  const product = Math.floor(i / 4);
  const colour = i % 2 === 0 ? "BLUE" : "RED";
  const n = Math.floor((i % 4) / 2) + 1;
  // A JPEG signature, then distinct bytes per file.
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(String(i).padStart(8, "0")), body]);
  await fs.writeFile(path.join(root, "photos", `REF${product}_${colour}_${n}.jpg`), bytes);
}
const sftp = await startSftpEmulator({ root, users: [{ username: "bench", password: "bench-pw" }] });
const domain = "images-bench.myshopify.com";
const shopify = await startShopifyEmulator({
  app: { apiKey: "test-api-key", apiSecret: "test-api-secret", appUrl: "http://127.0.0.1:3999" },
  shops: [{ domain, plan: "Plus", locations: [{ name: "Main" }] }],
});
const record = shopify.store.shop(domain);
for (let p = 0; p < products; p++) {
  const skus = ["BLUE|S", "BLUE|M", "RED|S", "RED|M"].map((v) => `REF${p}|${v}`);
  createProduct(shopify.store, record, {
    title: `REF${p}`,
    options: [{ name: "Variant", values: skus }],
    variants: skus.map((sku) => ({ sku, price: "10.00", options: { Variant: sku } })),
  });
}

const setup: ImagesBenchSetup = {
  databaseUrl: process.env.DATABASE_URL,
  shopifyUrl: shopify.url,
  domain,
  token: shopify.issueAccessToken(domain),
  sftp: { host: sftp.host, port: sftp.port, username: "bench", password: "bench-pw" },
};

function runOnce(): Promise<ImagesRunFigures> {
  const child = fork(path.join(import.meta.dirname, "images-worker.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.on("message", (message: { result?: ImagesRunFigures; error?: string }) => {
      child.kill();
      if (message.error) reject(new Error(message.error));
      else resolve(message.result!);
    });
    child.on("exit", (code) => code && reject(new Error(`the worker exited with ${code}`)));
    child.send(setup);
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(`${count} images of ${kb} KB over SFTP, ${products} products`);
for (const label of ["first run (every image new)", "second run (nothing changed)"]) {
  const before = shopify.callLog({ shop: domain }).length;
  const figures = await runOnce();
  const calls = shopify.callLog({ shop: domain }).slice(before);
  console.log(
    `${label}: ${figures.seconds.toFixed(1)} s, peak RSS ${mb(figures.peakRss)} (start ${mb(figures.startRss)}), ` +
      `${calls.length} Shopify calls, ${JSON.stringify(figures.result)}` +
      (figures.peakRss < 300 * 1024 * 1024 ? "" : "  ← over 300 MB"),
  );
}
await Promise.all([sftp.close(), shopify.close()]);
await fs.rm(dir, { recursive: true, force: true });
