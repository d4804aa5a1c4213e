// Fastmag's own photo call (ediphoto.ips) as the image source, against the Fastmag and Shopify
// emulators: photos found by each colour's barcode are attached, and a photo whose bytes did not change
// is not sent again (Fastmag gives no file times: the sync compares hashes), a changed one replaces it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fastmagImageSource } from "~/connectors/fastmag/photos.server";
import type { FastmagSettings } from "~/connectors/fastmag/settings.server";
import { db } from "~/db.server";
import { ShopifyAdminClient } from "~/shopify/admin-client.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { syncImages } from "~/sync/images/image-sync.server";
import { quietReporter } from "~/sync/sync-context";
import { createProduct } from "../../emulators/shopify/catalog";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { merchandisingOf } from "../../emulators/shopify/merchandising";
import { startFastmag } from "./fastmag-harness";
import { uniqueShop } from "../support/shops";

const APP = { apiKey: "test-api-key", apiSecret: "test-api-secret", appUrl: "http://127.0.0.1:3999" };
const shop = uniqueShop("fmphotos");
const REF = "BOXE20BEWARE";
const COLOR = "MARINE/GRIS CHINE";
let shopify: ShopifyEmulator;
let fastmag: Awaited<ReturnType<typeof startFastmag>>;
let client: ShopifyAdminClient;
let settings: FastmagSettings;

const jpeg = (seed: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(seed.repeat(50))]);
const media = () => {
  const record = shopify.store.shop(shop);
  const product = [...record.products.values()].find((p) => p.title === REF)!;
  return [...merchandisingOf(shopify.store, record).media.values()].filter((m) => m.productId === product.id);
};
const run = () =>
  syncImages({
    db,
    shop,
    sourceId: "fastmag",
    source: fastmagImageSource(fastmag.fastmag, settings),
    client,
    report: quietReporter(),
    mediaTimeoutMs: 10_000,
  });

beforeAll(async () => {
  fastmag = await startFastmag();
  const { season } = fastmag.emulator.db.prepare("SELECT season FROM products WHERE reference = ?").get(REF) as {
    season: string;
  };
  settings = { seasons: [season], timeZone: "Europe/Paris" } as FastmagSettings;
  fastmag.emulator.db
    .prepare("INSERT INTO photos VALUES ('3700000000017', ?, 2, 'image/jpeg', ?)")
    .run(COLOR, jpeg("second"));
  shopify = await startShopifyEmulator({
    app: APP,
    shops: [{ domain: shop, plan: "Standard", locations: [{ name: "Main" }] }],
  });
  installShopifyOriginOverride(shopify.url);
  const skus = [`${REF}|${COLOR}|S`, `${REF}|${COLOR}|M`];
  createProduct(shopify.store, shopify.store.shop(shop), {
    title: REF,
    options: [{ name: "Variant", values: skus }],
    variants: skus.map((sku) => ({ sku, price: "30.00", options: { Variant: sku } })),
  });
  client = new ShopifyAdminClient({ shop, accessToken: shopify.issueAccessToken(shop) });
});

afterAll(async () => {
  await Promise.all([shopify?.close(), fastmag?.emulator.close()]);
});

describe("photos from Fastmag's photo call", () => {
  it("attaches each colour's photos in order, the first on the colour's variants", async () => {
    const result = await run();
    expect(result).toMatchObject({ attached: 2, failed: 0 });
    // The alt text ends with the file version's key (how a stopped run's media is found again).
    expect(media().map((m) => [m.alt?.replace(/ · [0-9a-f]{12}$/, ""), m.status])).toEqual([
      [`${REF} ${COLOR}`, "READY"],
      [`${REF} ${COLOR} 2`, "READY"],
    ]);
    expect(media()[0]!.variantIds).toHaveLength(2);
  });

  it("sends nothing again when the photos did not change, and replaces a changed one", async () => {
    const calls = shopify.callLog({ shop }).length;
    expect(await run()).toMatchObject({ attached: 0, replaced: 0, unchanged: 2 });
    expect(shopify.callLog({ shop }).slice(calls)).toEqual([]);
    fastmag.emulator.db
      .prepare("UPDATE photos SET data = ? WHERE gencod = '3700000000017' AND numero = 2")
      .run(jpeg("second, retouched"));
    expect(await run()).toMatchObject({ replaced: 1, unchanged: 1 });
    expect(media()).toHaveLength(2);
  });
});
