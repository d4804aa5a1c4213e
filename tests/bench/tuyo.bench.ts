// Tuyo publishing benchmark (npm run bench:tuyo [products=5000]): lists N products (two variants each)
// on the Tuyo emulator through the connector's catalog destination, then re-publishes them with 1%
// changed (only those go, with bulk_update), then sends 1% stock changes. Prints Tuyo calls and wall time
// per step. Shopify is left out: its reading is the same paged read every catalog feature does.
// Asserts nothing about speed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HARMLESS_APP_ENV } from "../support/jobs-processes";

const size = Number(process.argv[2] ?? 5000);
const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tuyo-bench-")), "bench.sqlite");
for (const [key, value] of Object.entries(HARMLESS_APP_ENV)) process.env[key] ??= value;
process.env.DATABASE_URL = `file:${dbFile}`;

const { applyMigrations } = await import("../../app/db/migrations.server");
const { db } = await import("../../app/db.server");
const { startTuyoEmulator, DEMO_PRODUCTION_TOKEN, DEMO_TESTING_TOKEN } = await import("../../emulators/tuyo/index");
const { saveTuyoSettings, tuyoForShop } = await import("../../app/connectors/tuyo/settings.server");
const { saveCategoryRule } = await import("../../app/connectors/tuyo/categories.server");
const { tuyoCatalogDestination } = await import("../../app/connectors/tuyo/catalog.server");
const { tuyoStockDestination } = await import("../../app/connectors/tuyo/stock.server");
const { quietReporter } = await import("../../app/sync/sync-context");
type ListingProduct = import("../../app/capabilities/catalog-destination").ListingProduct;

await applyMigrations(process.env.DATABASE_URL);
const shop = "bench-tuyo.myshopify.com";
await db.shop.create({ data: { domain: shop } });
const tuyo = await startTuyoEmulator({ port: 0 });
await saveTuyoSettings(shop, {
  apiUrl: tuyo.url,
  mode: "production",
  productionKey: DEMO_PRODUCTION_TOKEN,
  testingKey: DEMO_TESTING_TOKEN,
  storeId: "362",
  branchId: "428",
  userId: "16890",
  preparationHours: "24",
  freeShipping: false,
  fragile: false,
});
await saveCategoryRule(shop, {
  kind: "productType",
  value: "Zapatos",
  categoryId: 2,
  subcategoryId: 3,
  productTypeId: 1,
});

const products = (changed: Set<number> = new Set()): ListingProduct[] =>
  Array.from({ length: size }, (_, i) => ({
    productId: `gid://shopify/Product/${100000 + i}`,
    title: changed.has(i) ? `Zapato ${i} (nuevo)` : `Zapato ${i}`,
    description: "Bench product",
    productType: "Zapatos",
    tags: ["bench"],
    collectionIds: [],
    options: ["Talla"],
    imageUrls: [`https://cdn.example/bench/${i}.jpg`],
    variants: ["38", "39"].map((size) => ({ sku: `B${i}-${size}`, optionValues: [size], price: 50, available: 3 })),
  }));

const { client, settings } = await tuyoForShop(shop);
const catalog = tuyoCatalogDestination({ db, shop, client, settings });
const step = async (name: string, work: () => Promise<unknown>) => {
  const calls = tuyo.calls().length;
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  console.log(
    `${name.padEnd(34)} ${String(tuyo.calls().length - calls).padStart(5)} Tuyo calls  ${(ms / 1000).toFixed(2)} s`,
  );
};

console.log(`Tuyo bench: ${size} products, 2 variants each`);
await step(`list ${size} products`, () => catalog.publish(products()));
const onePercent = new Set(Array.from({ length: Math.ceil(size / 100) }, (_, k) => k * 100));
await step(`re-publish, ${onePercent.size} changed (1%)`, () => catalog.publish(products(onePercent)));
await step("re-publish, nothing changed", () => catalog.publish(products(onePercent)));
const stock = tuyoStockDestination({ db, shop, client, report: quietReporter() });
await step(`stock, ${onePercent.size} variants moved (1%)`, () =>
  stock.writeChanges([...onePercent].map((i) => ({ sku: `B${i}-38` as never, available: 7 }))),
);
console.log(`Tuyo holds ${tuyo.products().length} products; database ${dbFile}`);
await tuyo.close();
await db.$disconnect();
