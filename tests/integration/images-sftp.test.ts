// The image sync against a real SFTP server (emulators/sftp, ssh2's server mode) and the Shopify
// emulator: new files attached in order with the colour's first photo on its variants, unchanged files
// left alone, a replaced file replacing the product's media, a file Shopify cannot process recorded
// with Shopify's reason, and files matching no product listed. Host key pinned at the first connection.
// The Unmatched decisions hold (ADR 0022): a product whose variants carry Shopify SKUs linked to source
// SKUs gets that reference's photos; files for ignored SKUs are left alone and not reported.
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSftpFolder, saveSftpSettings, testSftpConnection } from "~/connectors/sftp/settings.server";
import { sftpImageSource } from "~/connectors/sftp/capabilities.server";
import { db } from "~/db.server";
import { sayIn, storedText } from "~/i18n/stored-words";
import { merchantMessageOf } from "~/lib/errors";
import { ShopifyAdminClient } from "~/shopify/admin-client.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { syncImages } from "~/sync/images/image-sync.server";
import { imageProblemsPage } from "~/sync/images/problems.server";
import { decideUnmatched } from "~/sync/unmatched/screen.server";
import { quietReporter } from "~/sync/sync-context";
import { createProduct } from "../../emulators/shopify/catalog";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { merchandisingOf } from "../../emulators/shopify/merchandising";
import { startSftpEmulator, type SftpEmulator } from "../../emulators/sftp/index";
import { installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";

const APP = { apiKey: "test-api-key", apiSecret: "test-api-secret", appUrl: "http://127.0.0.1:3999" };
const shop = uniqueShop("images");
let shopify: ShopifyEmulator;
let sftp: SftpEmulator;
let client: ShopifyAdminClient;

const jpeg = (seed: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(seed.repeat(200))]);

async function putFile(name: string, bytes: Buffer, mtime: Date) {
  const file = path.join(sftp.root, "photos", name);
  await fs.writeFile(file, bytes);
  await fs.utimes(file, mtime, mtime);
}

const shopRecord = () => shopify.store.shop(shop);
// The alt text without the file version's key that ends it.
const readable = <T extends { alt: string | null }>(m: T) => ({ ...m, alt: m.alt?.replace(/ · [0-9a-f]{12}$/, "") });
const mediaOf = (title: string) => {
  const product = [...shopRecord().products.values()].find((p) => p.title === title)!;
  return [...merchandisingOf(shopify.store, shopRecord()).media.values()]
    .filter((m) => m.productId === product.id)
    .map(readable);
};
const variantMedia = (sku: string) => {
  const variant = [...shopRecord().variants.values()].find((v) => v.sku === sku)!;
  const media = [...merchandisingOf(shopify.store, shopRecord()).media.values()].find((m) =>
    m.variantIds.includes(variant.id),
  );
  return media && readable(media);
};

async function run(report = quietReporter(), mediaTimeoutMs = 10_000) {
  const { folder, settings } = await openSftpFolder(shop);
  const source = sftpImageSource(folder, settings);
  try {
    const result = await syncImages({ db, shop, sourceId: "sftp", source, client, report, mediaTimeoutMs });
    return { result, report };
  } finally {
    await source.close();
  }
}

beforeAll(async () => {
  sftp = await startSftpEmulator({ users: [{ username: "photos", password: "secret-pw" }] });
  await fs.mkdir(path.join(sftp.root, "photos"));
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
  product("BOXE20", ["BOXE20|BLUE|S", "BOXE20|BLUE|M", "BOXE20|RED|S"]);
  product("SHIRT1", ["SHIRT1|WHITE|M"]);
  await installShop(shop);
  client = new ShopifyAdminClient({ shop, accessToken: shopify.issueAccessToken(shop) });
  const saved = await saveSftpSettings(shop, {
    host: sftp.host,
    port: sftp.port,
    username: "photos",
    password: "secret-pw",
    folder: "/photos",
  });
  expect(saved).toEqual({ ok: true });
});

afterAll(async () => {
  await Promise.all([shopify?.close(), sftp?.close()]);
});

describe("images from an SFTP folder", () => {
  it("pins the server's host key on the first connection and shows it", async () => {
    const test = await testSftpConnection(shop);
    expect(test).toMatchObject({ ok: true });
    expect(test.message).toContain(sftp.hostKey.fingerprint);
    const row = await db.connectorSetting.findUniqueOrThrow({ where: { shop_connector: { shop, connector: "sftp" } } });
    expect(JSON.parse(row.configJson).hostKey.fingerprint).toBe(sftp.hostKey.fingerprint);
  });

  it("sends new files in order, puts each colour's first photo on its variants and lists unknown files", async () => {
    const t = new Date("2026-11-01T10:00:00Z");
    await putFile("BOXE20_BLUE_2.jpg", jpeg("b2"), t);
    await putFile("BOXE20_BLUE_1.jpg", jpeg("b1"), t);
    await putFile("BOXE20_RED_1.jpg", jpeg("r1"), t);
    await putFile("NOPE99_BLACK_1.jpg", jpeg("n1"), t);
    await putFile("readme.txt", Buffer.from("hello"), t);
    const { result, report } = await run();
    expect(result).toMatchObject({ listed: 5, attached: 3, unmatched: 2, failed: 0 });
    expect(mediaOf("BOXE20").map((m) => m.alt)).toEqual(["BOXE20 BLUE", "BOXE20 BLUE 2", "BOXE20 RED"]);
    expect(mediaOf("BOXE20").every((m) => m.status === "READY")).toBe(true);
    expect(variantMedia("BOXE20|BLUE|S")?.alt).toBe("BOXE20 BLUE");
    expect(variantMedia("BOXE20|BLUE|M")?.alt).toBe("BOXE20 BLUE");
    expect(variantMedia("BOXE20|RED|S")?.alt).toBe("BOXE20 RED");
    expect(report.skipped.map((s) => s.externalId).sort()).toEqual(["NOPE99_BLACK_1.jpg", "readme.txt"]);
    expect(report.skipped.find((s) => s.externalId === "NOPE99_BLACK_1.jpg")?.reason).toContain(
      "No product in Shopify has a SKU of reference NOPE99",
    );
    // A name the pattern cannot read: the source says why with its words, so a French admin reads French.
    expect(report.skipped.find((s) => s.externalId === "readme.txt")?.reason).toMatch(
      /^Not taken: the name does not follow the pattern .+\.$/,
    );
    expect(report.inFrench).toContainEqual(expect.stringMatching(/^Non prise : le nom ne suit pas le modèle .+\.$/));
    const rows = await db.catalogImageFile.findMany({ where: { shop, status: "attached" } });
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.sha256 ?? ""))).toBe(true);
    // The run's Changes list: each photo attached, with the media it became (a run cancelled half-way
    // lists what it had attached).
    expect(report.changes.map((c) => [c.externalId, c.field, c.before, c.after]).sort()).toEqual(
      rows.map((r) => [r.name, "media", null, r.mediaId]).sort(),
    );
    // The files' reasons are stored with their words, so whoever reads them later reads their language.
    const unmatched = await db.catalogImageFile.findMany({
      where: { shop, status: "unmatched" },
      orderBy: { name: "asc" },
    });
    expect(unmatched.map((r) => r.name)).toEqual(["NOPE99_BLACK_1.jpg", "readme.txt"]);
    for (const row of unmatched) {
      expect(row.reasonWords).not.toBeNull();
      expect(storedText(row.reason!, row.reasonWords, "en")).toBe(row.reason);
    }
    expect(storedText(unmatched[1]!.reason!, unmatched[1]!.reasonWords, "fr")).toMatch(
      /^Non prise : le nom ne suit pas le modèle .+\.$/,
    );
    expect(storedText(unmatched[0]!.reason!, unmatched[0]!.reasonWords, "fr")).not.toContain("No product in Shopify");
  });

  it("leaves unchanged files alone on the next run", async () => {
    const calls = shopify.callLog({ shop }).length;
    const { result } = await run();
    expect(result).toMatchObject({ attached: 0, replaced: 0, unchanged: 3, failed: 0 });
    // Only the lookup of the reference that matched nothing is repeated.
    const operations = shopify
      .callLog({ shop })
      .slice(calls)
      .map((c) => c.operationName);
    expect(operations).toEqual(["ProductsForImages"]);
  });

  it("replaces the product's media when a file is replaced, and keeps a touched but identical file", async () => {
    const before = mediaOf("BOXE20").find((m) => m.alt === "BOXE20 BLUE")!;
    await putFile("BOXE20_BLUE_1.jpg", jpeg("b1-new"), new Date("2026-11-02T10:00:00Z"));
    await putFile("BOXE20_RED_1.jpg", jpeg("r1"), new Date("2026-11-02T10:00:00Z"));
    const { result, report } = await run();
    expect(result, JSON.stringify(report.skipped)).toMatchObject({ replaced: 1, attached: 0, unchanged: 2 });
    const blue = mediaOf("BOXE20").filter((m) => m.alt === "BOXE20 BLUE");
    expect(blue).toHaveLength(1);
    expect(blue[0]!.id).not.toBe(before.id);
    expect(variantMedia("BOXE20|BLUE|S")?.id).toBe(blue[0]!.id);
    expect(mediaOf("BOXE20")).toHaveLength(3);
  });

  it("records a file Shopify cannot process as skipped with Shopify's reason", async () => {
    await putFile("SHIRT1_WHITE_1.jpg", Buffer.from("not an image at all"), new Date("2026-11-03T10:00:00Z"));
    const { result, report } = await run();
    expect(result).toMatchObject({ failed: 1, attached: 0 });
    const skip = report.skipped.find((s) => s.externalId === "SHIRT1_WHITE_1.jpg");
    expect(skip?.reason).toContain("UNSUPPORTED_IMAGE_FILE_TYPE");
    expect(mediaOf("SHIRT1")).toHaveLength(0);
    const row = await db.catalogImageFile.findUniqueOrThrow({
      where: { shop_source_name: { shop, source: "sftp", name: "SHIRT1_WHITE_1.jpg" } },
    });
    expect(row).toMatchObject({ status: "failed", reference: "SHIRT1" });
    // The Catalog screen's photos with a problem: each with its reference and why, in the admin's language.
    const problems = (await imageProblemsPage(shop, {}, "fr")).items;
    expect(problems.find((f) => f.name === "SHIRT1_WHITE_1.jpg")).toMatchObject({
      reference: "SHIRT1",
      status: "failed",
      reason: expect.stringMatching(/^Shopify n'a pas pu utiliser cette image : « .*UNSUPPORTED_IMAGE_FILE_TYPE/),
    });
    expect(problems.find((f) => f.name === "NOPE99_BLACK_1.jpg")).toMatchObject({
      reference: "NOPE99",
      status: "unmatched",
      reason: "Aucun produit dans Shopify n'a de SKU de référence NOPE99.",
    });
    expect(problems.find((f) => f.name === "readme.txt")).toMatchObject({
      reference: null,
      reason: expect.stringMatching(/^Non prise : le nom ne suit pas le modèle .+\.$/),
    });
    // Fixed on the server: taken again.
    await putFile("SHIRT1_WHITE_1.jpg", jpeg("w1"), new Date("2026-11-04T10:00:00Z"));
    expect((await run()).result).toMatchObject({ attached: 1, failed: 0 });
    expect(mediaOf("SHIRT1")).toHaveLength(1);
  });

  // A run stopped (SIGKILL, shutdown) right after Shopify created a media, before it is recorded: the
  // reporter's checkpoint throws, as a worker's does when it must stop, once productCreateMedia answered
  // (the next image's checkpoint comes before the media is followed and recorded).
  async function stopAfterFirstMedia() {
    const mark = shopify.callLog({ shop }).length;
    const report = quietReporter();
    report.checkpoint = async () => {
      if (
        shopify
          .callLog({ shop })
          .slice(mark)
          .some((c) => c.operationName === "ProductCreateMedia")
      )
        throw new Error("the worker stopped");
    };
    await expect(run(report)).rejects.toThrow("the worker stopped");
  }
  const crashRows = () => db.catalogImageFile.findMany({ where: { shop, name: { startsWith: "CRASH1_" } } });
  const gidOf = (m: { id: number }) => `gid://shopify/MediaImage/${m.id}`;

  it("attaches each photo once when a run stopped between creating a media and recording it", async () => {
    const sku = "CRASH1|BLACK|M";
    createProduct(shopify.store, shopRecord(), {
      title: "CRASH1",
      status: "DRAFT",
      options: [{ name: "Variant", values: [sku] }],
      variants: [{ sku, price: "20.00", options: { Variant: sku } }],
    });
    const t = new Date("2026-11-05T10:00:00Z");
    await putFile("CRASH1_BLACK_1.jpg", jpeg("c1"), t);
    await putFile("CRASH1_BLACK_2.jpg", jpeg("c2"), t);
    await stopAfterFirstMedia();
    expect(mediaOf("CRASH1")).toHaveLength(1);
    expect(await crashRows()).toEqual([]);

    const { result } = await run();
    expect(result).toMatchObject({ attached: 2, failed: 0 });
    const media = mediaOf("CRASH1");
    expect(media.map((m) => m.alt).sort()).toEqual(["CRASH1 BLACK", "CRASH1 BLACK 2"]);
    const rows = await crashRows();
    expect(rows.map((r) => [r.status, r.mediaId]).sort()).toEqual(media.map((m) => ["attached", gidOf(m)]).sort());
    expect(variantMedia(sku)?.alt).toBe("CRASH1 BLACK");
  });

  it("replaces each photo once when a run stopped after creating a replacement", async () => {
    const before = mediaOf("CRASH1").map((m) => m.id);
    const t = new Date("2026-11-06T10:00:00Z");
    await putFile("CRASH1_BLACK_1.jpg", jpeg("c1-new"), t);
    await putFile("CRASH1_BLACK_2.jpg", jpeg("c2-new"), t);
    await stopAfterFirstMedia();
    expect(mediaOf("CRASH1")).toHaveLength(3);

    const { result } = await run();
    expect(result).toMatchObject({ replaced: 2, attached: 0, failed: 0 });
    const media = mediaOf("CRASH1");
    expect(media.map((m) => m.alt).sort()).toEqual(["CRASH1 BLACK", "CRASH1 BLACK 2"]);
    expect(media.some((m) => before.includes(m.id))).toBe(false);
    expect((await crashRows()).map((r) => r.mediaId).sort()).toEqual(media.map(gidOf).sort());
    expect(variantMedia("CRASH1|BLACK|M")?.alt).toBe("CRASH1 BLACK");
  });

  it("says an image Shopify was still processing in the admin's language, and takes it again next run", async () => {
    const sku = "SLOW1|BLACK|M";
    createProduct(shopify.store, shopRecord(), {
      title: "SLOW1",
      status: "DRAFT",
      options: [{ name: "Variant", values: [sku] }],
      variants: [{ sku, price: "20.00", options: { Variant: sku } }],
    });
    await putFile("SLOW1_BLACK_1.jpg", jpeg("s1"), new Date("2026-11-06T10:00:00Z"));
    // No time to wait for Shopify: the image is still processing when the wait ends.
    const { result, report } = await run(quietReporter(), 0);
    expect(result).toMatchObject({ failed: 1 });
    expect(report.skipped.find((s) => s.externalId === "SLOW1_BLACK_1.jpg")?.reason).toBe(
      "Shopify was still processing the image; it is tried again next run.",
    );
    const problems = (locale: "en" | "fr") =>
      imageProblemsPage(shop, {}, locale).then((page) => page.items.find((f) => f.name === "SLOW1_BLACK_1.jpg"));
    expect(await problems("fr")).toMatchObject({
      status: "failed",
      reason: "Shopify traitait encore l'image ; elle sera reprise au prochain passage.",
    });
    expect((await problems("en"))?.reason).toBe("Shopify was still processing the image; it is tried again next run.");
    const again = await run();
    expect(again.result).toMatchObject({ attached: 1, failed: 0 });
    expect(mediaOf("SLOW1")).toHaveLength(1);
    expect(await problems("fr")).toBeUndefined();
  });

  it("says the server's refusal to list the folder in the reader's language", async () => {
    await fs.rename(path.join(sftp.root, "photos"), path.join(sftp.root, "photos-away"));
    try {
      const error = await run().catch((e: unknown) => e);
      const message = merchantMessageOf(error);
      expect(message && sayIn(message, "en")).toMatch(/^The SFTP server refused listing \/photos: “/);
      expect(message && sayIn(message, "fr")).toMatch(
        /^Le serveur SFTP a refusé la lecture du dossier \/photos : « .+ »$/,
      );
    } finally {
      await fs.rename(path.join(sftp.root, "photos-away"), path.join(sftp.root, "photos"));
    }
  });

  it("refuses a server whose host key changed", async () => {
    const other = await startSftpEmulator({ users: [{ username: "photos", password: "secret-pw" }] });
    try {
      const row = await db.connectorSetting.findUniqueOrThrow({
        where: { shop_connector: { shop, connector: "sftp" } },
      });
      const config = JSON.parse(row.configJson);
      await db.connectorSetting.update({
        where: { shop_connector: { shop, connector: "sftp" } },
        data: { configJson: JSON.stringify({ ...config, port: other.port }) },
      });
      await expect(openSftpFolder(shop)).rejects.toThrow(/host key changed/);
      await db.connectorSetting.update({
        where: { shop_connector: { shop, connector: "sftp" } },
        data: { configJson: row.configJson },
      });
    } finally {
      await other.close();
    }
  });
});

describe("images and the Unmatched decisions", () => {
  it("gives a linked reference's photos to the variants it is linked to and leaves ignored SKUs' files alone", async () => {
    const record = shopRecord();
    // Made by hand in Shopify, under SKUs the source's file names do not prefix.
    createProduct(shopify.store, record, {
      title: "Handmade scarf",
      status: "DRAFT",
      options: [{ name: "Colour", values: ["Black", "Red"] }],
      variants: [
        { sku: "SCARF-BLK", price: "20.00", options: { Colour: "Black" } },
        { sku: "SCARF-RED", price: "20.00", options: { Colour: "Red" } },
      ],
    });
    createProduct(shopify.store, record, {
      title: "DUO3",
      status: "DRAFT",
      options: [{ name: "Variant", values: ["DUO3|BLACK|M", "DUO3|WHITE|M"] }],
      variants: ["DUO3|BLACK|M", "DUO3|WHITE|M"].map((sku) => ({ sku, price: "20.00", options: { Variant: sku } })),
    });
    // What a full stock run left on the Unmatched screen, and the merchant's decisions on it.
    await db.unmatchedSku.createMany({
      data: [
        ...["LINK9|BLACK|U", "LINK9|RED|U", "GONE7|BLUE|M"].map((sku) => ({ shop, side: "source", sku })),
        ...["SCARF-BLK", "SCARF-RED", "DUO3|WHITE|M"].map((sku) => ({ shop, side: "shopify", sku })),
      ],
    });
    await decideUnmatched(shop, { intent: "link", sku: "LINK9|BLACK|U", shopifySku: "SCARF-BLK" });
    await decideUnmatched(shop, { intent: "link", sku: "LINK9|RED|U", shopifySku: "SCARF-RED" });
    // A source article never sold online, and a Shopify variant the source has no business with.
    await decideUnmatched(shop, { intent: "ignore", side: "source", sku: "GONE7|BLUE|M" });
    await decideUnmatched(shop, { intent: "ignore", side: "shopify", sku: "DUO3|WHITE|M" });

    const t = new Date("2026-11-07T10:00:00Z");
    await putFile("LINK9_BLACK_1.jpg", jpeg("l1"), t);
    await putFile("LINK9_RED_1.jpg", jpeg("l2"), t);
    await putFile("GONE7_BLUE_1.jpg", jpeg("g1"), t);
    await putFile("DUO3_BLACK_1.jpg", jpeg("d1"), t);
    await putFile("DUO3_WHITE_1.jpg", jpeg("d2"), t);
    const { result, report } = await run();
    expect(result, JSON.stringify(report.skipped)).toMatchObject({ attached: 3, ignored: 2, failed: 0 });
    expect(mediaOf("Handmade scarf").map((m) => m.alt)).toEqual(["LINK9 BLACK", "LINK9 RED"]);
    expect(variantMedia("SCARF-BLK")?.alt).toBe("LINK9 BLACK");
    expect(variantMedia("SCARF-RED")?.alt).toBe("LINK9 RED");
    // The ignored colour's photo is not on the product; the other colour's is.
    expect(mediaOf("DUO3").map((m) => m.alt)).toEqual(["DUO3 BLACK"]);
    expect(variantMedia("DUO3|WHITE|M")).toBeUndefined();
    // Not reported: only the files that were listed before are.
    expect(report.skipped.map((s) => s.externalId).sort()).toEqual(["NOPE99_BLACK_1.jpg", "readme.txt"]);
    const rows = await db.catalogImageFile.findMany({
      where: { shop, name: { in: ["GONE7_BLUE_1.jpg", "DUO3_WHITE_1.jpg"] } },
    });
    expect(rows).toEqual([]);

    // Undone: the file is looked at again, and matches no product.
    await decideUnmatched(shop, { intent: "undo", side: "source", sku: "GONE7|BLUE|M" });
    const again = await run();
    expect(again.result).toMatchObject({ attached: 0, ignored: 1, unmatched: 3 });
    expect(again.report.skipped.map((s) => s.externalId).sort()).toEqual([
      "GONE7_BLUE_1.jpg",
      "NOPE99_BLACK_1.jpg",
      "readme.txt",
    ]);
  });
});
