// The emulator's media and files, over HTTP as the app would use them: a staged upload keeps the
// bytes, productCreateMedia and fileCreate go UPLOADED → PROCESSING → READY (or FAILED for bytes that
// are not an image), polled through product.media and node(id:), and variant media.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { pollUntil, shopifyClient } from "../support/shopify-emulator-client";
import { uniqueShop } from "../support/shops";

const shop = uniqueShop("media");
let emulator: ShopifyEmulator;
let client: ReturnType<typeof shopifyClient>;
let productId: string;
let variantIds: string[];

// The smallest valid PNG: 1×1, one transparent pixel.
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

const STAGE = `mutation Stage($input: [StagedUploadInput!]!) {
  stagedUploadsCreate(input: $input) { stagedTargets { url resourceUrl parameters { name value } } userErrors { message } }
}`;
const CREATE_MEDIA = `mutation Media($productId: ID!, $media: [CreateMediaInput!]!) {
  productCreateMedia(productId: $productId, media: $media) {
    media { id status mediaContentType }
    mediaUserErrors { field message code }
  }
}`;
const NODE = `query Node($id: ID!) {
  node(id: $id) {
    ... on MediaImage { status mediaErrors { code } image { url } }
    ... on GenericFile { fileStatus url originalFileSize }
  }
}`;

/** Stages `bytes` with a PUT target (Shopify's default for images) and returns the resourceUrl. */
async function upload(filename: string, mimeType: string, bytes: Buffer): Promise<string> {
  const { data } = await client.gql(STAGE, {
    input: [{ resource: "PRODUCT_IMAGE", filename, mimeType, httpMethod: "PUT", fileSize: String(bytes.length) }],
  });
  const target = data.stagedUploadsCreate.stagedTargets[0];
  const put = await client.fetchShopUrl(target.url, {
    method: "PUT",
    body: new Uint8Array(bytes),
    headers: { "content-type": mimeType },
  });
  expect(put.status).toBe(200);
  return target.resourceUrl;
}

const settled = (id: string) =>
  pollUntil(
    () => client.gql(NODE, { id }),
    (answer) => ["READY", "FAILED"].includes(answer.data.node.status ?? answer.data.node.fileStatus),
  );

beforeAll(async () => {
  emulator = await startShopifyEmulator({
    app: { apiKey: "k", apiSecret: "s", appUrl: "http://127.0.0.1:3999" },
    shops: [
      {
        domain: shop,
        products: [
          {
            title: "Pull",
            options: [{ name: "Couleur", values: ["Noir", "Ecru"] }],
            variants: [
              { sku: "PULL|NOIR", options: { Couleur: "Noir" } },
              { sku: "PULL|ECRU", options: { Couleur: "Ecru" } },
            ],
          },
        ],
      },
    ],
  });
  client = shopifyClient(emulator, shop);
  const product = [...emulator.store.shop(shop).products.values()][0];
  productId = `gid://shopify/Product/${product.id}`;
  variantIds = product.variantIds.map((id) => `gid://shopify/ProductVariant/${id}`);
});
afterAll(() => emulator?.close());

describe("staged uploads", () => {
  it("keeps the uploaded bytes, with a POST target as well", async () => {
    const { data } = await client.gql(STAGE, {
      input: [{ resource: "IMAGE", filename: "a.png", mimeType: "image/png", httpMethod: "POST" }],
    });
    const target = data.stagedUploadsCreate.stagedTargets[0];
    const form = new FormData();
    for (const p of target.parameters) form.append(p.name, p.value);
    form.append("file", new Blob([new Uint8Array(PNG)]), "a.png");
    expect((await client.fetchShopUrl(target.url, { method: "POST", body: form })).status).toBe(201);
    const stored = Buffer.from(await (await client.fetchShopUrl(target.resourceUrl)).arrayBuffer());
    expect(stored.equals(PNG)).toBe(true);
  });
});

describe("product media", () => {
  it("processes an image to READY, seen through product.media and node", async () => {
    const source = await upload("pull-noir.png", "image/png", PNG);
    const { data } = await client.gql(CREATE_MEDIA, {
      productId,
      media: [{ originalSource: source, mediaContentType: "IMAGE", alt: "Pull noir" }],
    });
    expect(data.productCreateMedia.mediaUserErrors).toEqual([]);
    const media = data.productCreateMedia.media[0];
    expect(media.status).toBe("UPLOADED");
    const done = await settled(media.id);
    expect(done.data.node.status).toBe("READY");
    expect(done.data.node.image.url).toBe(source);
    const listed = await client.gql(
      `query P($id: ID!) { product(id: $id) { mediaCount { count } media(first: 10) { nodes { id status } } } }`,
      { id: productId },
    );
    expect(listed.data.product.media.nodes).toContainEqual({ id: media.id, status: "READY" });
  });

  it("fails a file that is not an image, with a media error", async () => {
    const source = await upload("notes.png", "image/png", Buffer.from("not an image at all"));
    const { data } = await client.gql(CREATE_MEDIA, {
      productId,
      media: [{ originalSource: source, mediaContentType: "IMAGE" }],
    });
    const done = await settled(data.productCreateMedia.media[0].id);
    expect(done.data.node.status).toBe("FAILED");
    expect(done.data.node.mediaErrors[0].code).toBe("UNSUPPORTED_IMAGE_FILE_TYPE");
    expect(done.data.node.image).toBeNull();
  });

  it("fails an image whose source cannot be downloaded", async () => {
    const { data } = await client.gql(CREATE_MEDIA, {
      productId,
      media: [{ originalSource: "https://images.invalid/absent.png", mediaContentType: "IMAGE" }],
    });
    const done = await settled(data.productCreateMedia.media[0].id);
    expect(done.data.node).toMatchObject({ status: "FAILED", mediaErrors: [{ code: "IMAGE_DOWNLOAD_FAILURE" }] });
  });

  it("refuses an unknown product", async () => {
    const { data } = await client.gql(CREATE_MEDIA, {
      productId: "gid://shopify/Product/1",
      media: [{ originalSource: "https://x.invalid/a.png", mediaContentType: "IMAGE" }],
    });
    expect(data.productCreateMedia.mediaUserErrors[0].code).toBe("PRODUCT_DOES_NOT_EXIST");
  });

  it("attaches READY media to a variant, and refuses media still processing", async () => {
    // The image comes from a server that answers only when told: the media stays processing until then,
    // however slowly this test runs (the emulator's processing steps take milliseconds).
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const images = http.createServer((_request, response) => {
      void released.then(() => response.writeHead(200, { "content-type": "image/png" }).end(PNG));
    });
    await new Promise<void>((resolve) => images.listen(0, "127.0.0.1", resolve));
    const source = `http://127.0.0.1:${(images.address() as AddressInfo).port}/pull-ecru.png`;
    const { data } = await client.gql(CREATE_MEDIA, {
      productId,
      media: [{ originalSource: source, mediaContentType: "IMAGE" }],
    });
    const mediaId = data.productCreateMedia.media[0].id;
    const APPEND = `mutation Append($productId: ID!, $variantMedia: [ProductVariantAppendMediaInput!]!) {
      productVariantAppendMedia(productId: $productId, variantMedia: $variantMedia) {
        productVariants { id media(first: 5) { nodes { id } } }
        userErrors { field code }
      }
    }`;
    const early = await client.gql(APPEND, {
      productId,
      variantMedia: [{ variantId: variantIds[1], mediaIds: [mediaId] }],
    });
    expect(early.data.productVariantAppendMedia.userErrors[0].code).toBe("NON_READY_MEDIA");
    release();
    await settled(mediaId);
    images.close();
    const attached = await client.gql(APPEND, {
      productId,
      variantMedia: [{ variantId: variantIds[1], mediaIds: [mediaId] }],
    });
    expect(attached.data.productVariantAppendMedia.userErrors).toEqual([]);
    expect(attached.data.productVariantAppendMedia.productVariants[0].media.nodes).toEqual([{ id: mediaId }]);
    const again = await client.gql(APPEND, {
      productId,
      variantMedia: [{ variantId: variantIds[1], mediaIds: [mediaId] }],
    });
    expect(again.data.productVariantAppendMedia.userErrors[0].code).toBe("PRODUCT_VARIANT_ALREADY_HAS_MEDIA");
  });
});

describe("files", () => {
  it("creates a generic file and an image file, each polled to its end state", async () => {
    const pdf = Buffer.from("%PDF-1.4 fiche produit");
    const source = await upload("fiche.pdf", "application/pdf", pdf);
    const image = await upload("logo.png", "image/png", PNG);
    const { data } = await client.gql(
      `mutation Files($files: [FileCreateInput!]!) { fileCreate(files: $files) { files { id fileStatus } userErrors { message } } }`,
      { files: [{ originalSource: source, contentType: "FILE" }, { originalSource: image }] },
    );
    expect(data.fileCreate.userErrors).toEqual([]);
    const [file, logo] = data.fileCreate.files;
    expect(file.id).toMatch(/^gid:\/\/shopify\/GenericFile\//);
    expect(logo.id).toMatch(/^gid:\/\/shopify\/MediaImage\//);
    const doneFile = await settled(file.id);
    expect(doneFile.data.node).toMatchObject({ fileStatus: "READY", url: source, originalFileSize: pdf.length });
    expect((await settled(logo.id)).data.node.status).toBe("READY");
  });
});
