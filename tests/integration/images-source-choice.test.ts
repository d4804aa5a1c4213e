// Where the product photos come from, chosen with the JSON API (GET/PUT /api/catalog/images, the same
// choice as Settings → SFTP photos): with Fastmag chosen the images.sync job takes the photos from
// Fastmag's photo call (ediphoto.ips), with SFTP from the folder, against the Fastmag and Shopify
// emulators and a real SFTP server. An unknown source is a 422 and changes nothing.
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { saveConnectorSettings } from "~/connectors/settings.server";
import { saveSftpSettings, testSftpConnection } from "~/connectors/sftp/settings.server";
import { db } from "~/db.server";
import { getJob } from "~/jobs/api.server";
import { runDueJobs } from "~/jobs/worker.server";
import { registerModules } from "~/modules.server";
import { loader as imagesApi, action as saveImagesApi } from "~/routes/api.catalog.images";
import { loader as sftpScreen } from "~/routes/app.settings.sftp";
import { action as startSync } from "~/routes/api.sync.$type";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { createProduct } from "../../emulators/shopify/catalog";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { merchandisingOf } from "../../emulators/shopify/merchandising";
import { startSftpEmulator, type SftpEmulator } from "../../emulators/sftp/index";
import { adminRequest, callRoute, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { CREDENTIALS, startFastmag } from "./fastmag-harness";

const APP = { apiKey: "test-api-key", apiSecret: "test-api-secret", appUrl: "http://127.0.0.1:3999" };
const shop = uniqueShop("imgsource");
// A product Fastmag has a photo of (its seed), and one only the SFTP folder has a photo of.
const FASTMAG_REF = "BOXE20BEWARE";
const FASTMAG_COLOR = "MARINE/GRIS CHINE";
const SFTP_REF = "SHIRT1";
let shopify: ShopifyEmulator;
let sftp: SftpEmulator;
let fastmag: Awaited<ReturnType<typeof startFastmag>>;
let token: string;

const request = (urlPath: string, init: { method?: string; body?: string } = {}) =>
  new Request(`${process.env.SHOPIFY_APP_URL}${urlPath}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: init.body,
  });
const put = (body: unknown) =>
  saveImagesApi({
    request: request("/api/catalog/images", { method: "PUT", body: JSON.stringify(body) }),
    params: {},
    context: {},
  });
const get = async () =>
  (await (await imagesApi({ request: request("/api/catalog/images"), params: {}, context: {} })).json()) as {
    imageSource: string | null;
    imageSources: { id: string; name: string }[];
  };

const mediaOf = (title: string) => {
  const record = shopify.store.shop(shop);
  const product = [...record.products.values()].find((p) => p.title === title)!;
  return [...merchandisingOf(shopify.store, record).media.values()].filter((m) => m.productId === product.id);
};
const photoCalls = () => fastmag.emulator.calls.filter((c) => c.page.includes("ediphoto")).length;

async function syncImages() {
  const response = await startSync({
    request: request("/api/sync/images.sync", { method: "POST", body: "{}" }),
    params: { type: "images.sync" },
    context: {},
  });
  expect(response.status).toBe(202);
  const { jobId } = (await response.json()) as { jobId: string };
  await runDueJobs({ db, types: ["images.sync"] });
  return getJob({ db }, shop, jobId);
}

beforeAll(async () => {
  registerModules();
  fastmag = await startFastmag();
  const { season } = fastmag.emulator.db
    .prepare("SELECT season FROM products WHERE reference = ?")
    .get(FASTMAG_REF) as {
    season: string;
  };
  sftp = await startSftpEmulator({ users: [{ username: "photos", password: "secret-pw" }] });
  await fs.mkdir(path.join(sftp.root, "photos"));
  await fs.writeFile(
    path.join(sftp.root, "photos", `${SFTP_REF}_WHITE_1.jpg`),
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("white".repeat(200))]),
  );
  shopify = await startShopifyEmulator({
    app: APP,
    shops: [{ domain: shop, plan: "Standard", locations: [{ name: "Main" }] }],
  });
  installShopifyOriginOverride(shopify.url);
  const record = shopify.store.shop(shop);
  const product = (title: string, skus: string[]) =>
    createProduct(shopify.store, record, {
      title,
      status: "DRAFT",
      options: [{ name: "Variant", values: skus }],
      variants: skus.map((sku) => ({ sku, price: "20.00", options: { Variant: sku } })),
    });
  product(FASTMAG_REF, [`${FASTMAG_REF}|${FASTMAG_COLOR}|S`]);
  product(SFTP_REF, [`${SFTP_REF}|WHITE|M`]);
  await installShop(shop);
  await db.session.update({ where: { id: `offline_${shop}` }, data: { accessToken: shopify.issueAccessToken(shop) } });
  token = (await createApiToken(shop, "ERP")).token;
  await saveConnectorSettings(
    shop,
    "fastmag",
    {
      host: fastmag.emulator.url,
      enseigne: CREDENTIALS.enseigne,
      magasin: CREDENTIALS.magasin,
      compte: CREDENTIALS.compte,
      stock: { includeA: false, includeB: true, safetyMargin: 0 },
      seasons: [season],
      timeZone: "Europe/Paris",
      queryOverrides: {},
    },
    { motpasse: CREDENTIALS.motpasse },
  );
  expect(
    await saveSftpSettings(shop, {
      host: sftp.host,
      port: sftp.port,
      username: "photos",
      password: "secret-pw",
      folder: "/photos",
    }),
  ).toEqual({ ok: true });
  expect(await testSftpConnection(shop)).toMatchObject({ ok: true });
});

afterAll(async () => {
  await Promise.all([shopify?.close(), sftp?.close(), fastmag?.emulator.close()]);
});

describe("choosing where product photos come from", () => {
  it("lists the systems that can give photos, none chosen yet", async () => {
    const body = await get();
    expect(body.imageSource).toBeNull();
    expect(body.imageSources.map((s) => s.id).sort()).toEqual(["fastmag", "sftp"]);
  });

  it("with Fastmag chosen, the images.sync job takes the photos from Fastmag's photo call", async () => {
    const saved = await put({ imageSource: "fastmag" });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { imageSource: string }).imageSource).toBe("fastmag");
    expect((await get()).imageSource).toBe("fastmag");
    const before = photoCalls();
    const job = await syncImages();
    expect(job).toMatchObject({ status: "succeeded", result: { source: "Fastmag" } });
    expect(photoCalls()).toBeGreaterThan(before);
    expect(mediaOf(FASTMAG_REF).length).toBeGreaterThan(0);
    expect(mediaOf(SFTP_REF)).toEqual([]);
    const files = await db.catalogImageFile.findMany({ where: { shop } });
    expect(new Set(files.map((f) => f.source))).toEqual(new Set(["fastmag"]));
  });

  it("with SFTP chosen, the job takes them from the folder and asks Fastmag for none", async () => {
    expect((await put({ imageSource: "sftp" })).status).toBe(200);
    // The settings screen shows the same choice.
    const screen = (await callRoute(() =>
      sftpScreen({ request: adminRequest(shop, "/app/settings/sftp"), params: {}, context: {} }),
    )) as { imageSource: string | null };
    expect(screen.imageSource).toBe("sftp");
    const before = photoCalls();
    const job = await syncImages();
    expect(job).toMatchObject({ status: "succeeded", result: { source: "SFTP photos", attached: 1 } });
    expect(photoCalls()).toBe(before);
    expect(mediaOf(SFTP_REF)).toHaveLength(1);
    const files = await db.catalogImageFile.findMany({ where: { shop, source: "sftp" } });
    expect(files.map((f) => f.name)).toEqual([`${SFTP_REF}_WHITE_1.jpg`]);
  });

  it("refuses an unknown source or another field with a 422 and keeps the choice", async () => {
    for (const body of [{ imageSource: "dropbox" }, { imageSource: 3 }, { imageSource: "sftp", folder: "/x" }]) {
      const refused = await put(body);
      expect(refused.status).toBe(422);
      const answer = (await refused.json()) as { error: string };
      expect(answer.error).toBeTruthy();
      expect(JSON.stringify(answer)).not.toMatch(/ValidationError|at \//);
    }
    expect((await get()).imageSource).toBe("sftp");
  });

  it("null goes back to the one set up", async () => {
    const saved = await put({ imageSource: null });
    expect(saved.status).toBe(200);
    expect((await get()).imageSource).toBeNull();
  });
});
