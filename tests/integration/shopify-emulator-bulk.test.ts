// The emulator's bulk operations, productVariantsBulkUpdate and fulfillment services, spoken to over
// HTTP as Shopify would be: JSONL with __parentId for nested connections, a staged upload driving a bulk
// mutation, dynamic mutation cost, duplicate service names refused.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sayIn } from "~/i18n/stored-words";
import { merchantMessageOf, TransientError } from "~/lib/errors";
import { jsonLines } from "~/shopify/bulk.server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { uniqueShop } from "../support/shops";

const shop = uniqueShop("bulk");
let emulator: ShopifyEmulator;
let token: string;

// Answers are read loosely: each test looks at the few fields it asked for.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function gql<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data: T; errors?: unknown[]; extensions: { cost: { requestedQueryCost: number } } }> {
  const response = await fetch(`${emulator.url}/admin/api/2026-07/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": token, "x-shopify-shop-domain": shop },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as never;
}

// The files live under https://<shop>/…; the test reaches them on the emulator with the shop's header.
const local = (url: string) => url.replace(`https://${shop}`, emulator.url);

async function finished(id: string): Promise<{ status: string; url: string | null; objectCount: string }> {
  for (;;) {
    const { data } = await gql(
      `query Poll($id: ID!) { node(id: $id) { ... on BulkOperation { status url objectCount } } }`,
      { id },
    );
    if (data.node.status !== "CREATED" && data.node.status !== "RUNNING") return data.node;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  emulator = await startShopifyEmulator({
    app: { apiKey: "k", apiSecret: "s", appUrl: "http://127.0.0.1:3999" },
    shops: [
      {
        domain: shop,
        products: [
          {
            title: "Pull",
            options: [{ name: "Taille", values: ["S", "M"] }],
            variants: [
              { sku: "PULL|S", price: 30, options: { Taille: "S" } },
              { sku: "PULL|M", price: 30, options: { Taille: "M" } },
            ],
          },
          { title: "Bonnet", variants: [{ sku: "BONNET|U", price: 12 }] },
        ],
      },
    ],
  });
  token = emulator.issueAccessToken(shop);
});
afterAll(() => emulator?.close());

describe("bulk operations", () => {
  it("says a bulk result download that failed with its words: French reads French, the English unchanged", async () => {
    // A port nobody listens on: the connection is refused.
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const error = (await jsonLines(`http://127.0.0.1:${port}/result.jsonl`)
      .next()
      .catch((e: unknown) => e)) as TransientError;
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toBe(`The bulk result download failed: the connection to the server was refused`);
    expect(sayIn(merchantMessageOf(error)!, "fr")).toBe(
      `Le téléchargement du résultat de l'opération groupée a échoué : la connexion au serveur a été refusée`,
    );
  });

  it("runs a bulk query into JSONL, nested nodes pointing at their parent", async () => {
    const { data } = await gql(
      `mutation Run($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false) { bulkOperation { id status } userErrors { message } } }`,
      {
        q: "{ products { edges { node { id title variants { edges { node { id sku } } } } } } }",
      },
    );
    expect(data.bulkOperationRunQuery.userErrors).toEqual([]);
    const done = await finished(data.bulkOperationRunQuery.bulkOperation.id);
    expect(done).toMatchObject({ status: "COMPLETED", objectCount: "5" });
    const lines = (await (await fetch(local(done.url!), { headers: { "x-shopify-shop-domain": shop } })).text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const pull = lines.find((l) => l.title === "Pull");
    expect(lines.filter((l) => l.__parentId === pull.id).map((l) => l.sku)).toEqual(["PULL|S", "PULL|M"]);
    expect(pull.__parentId).toBeUndefined();
  });

  it("refuses an invalid bulk query with a user error", async () => {
    const { data } = await gql(
      `mutation Run($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false) { bulkOperation { id } userErrors { message } } }`,
      { q: "{ nope }" },
    );
    expect(data.bulkOperationRunQuery.bulkOperation).toBeNull();
    expect(data.bulkOperationRunQuery.userErrors[0].message).toMatch(/Invalid bulk query/);
  });

  it("runs a bulk mutation from a staged upload", async () => {
    const variants = [...emulator.store.shop(shop).variants.values()];
    const product = [...emulator.store.shop(shop).products.values()][0];
    const { data } = await gql(
      `mutation Stage { stagedUploadsCreate(input: [{ resource: BULK_MUTATION_VARIABLES, filename: "v.jsonl", mimeType: "text/jsonl", httpMethod: POST }]) { stagedTargets { url parameters { name value } } userErrors { message } } }`,
    );
    const target = data.stagedUploadsCreate.stagedTargets[0];
    const form = new FormData();
    for (const p of target.parameters) form.append(p.name, p.value);
    const line = {
      productId: `gid://shopify/Product/${product.id}`,
      variants: product.variantIds.map((id: number) => ({
        id: `gid://shopify/ProductVariant/${id}`,
        price: "25.00",
        compareAtPrice: "30.00",
      })),
    };
    form.append("file", new Blob([JSON.stringify(line)]), "v.jsonl");
    expect(
      (await fetch(local(target.url), { method: "POST", body: form, headers: { "x-shopify-shop-domain": shop } }))
        .status,
    ).toBe(201);
    const key = target.parameters.find((p: { name: string }) => p.name === "key").value;
    const run = await gql(
      `mutation Bulk($m: String!, $path: String!) { bulkOperationRunMutation(mutation: $m, stagedUploadPath: $path) { bulkOperation { id } userErrors { message } } }`,
      {
        m: "mutation Update($productId: ID!, $variants: [ProductVariantsBulkInput!]!) { productVariantsBulkUpdate(productId: $productId, variants: $variants) { userErrors { message } } }",
        path: key,
      },
    );
    const done = await finished(run.data.bulkOperationRunMutation.bulkOperation.id);
    const result = JSON.parse(
      (await (await fetch(local(done.url!), { headers: { "x-shopify-shop-domain": shop } })).text()).trim(),
    );
    expect(result).toEqual({ data: { productVariantsBulkUpdate: { userErrors: [] } }, __lineNumber: 0 });
    expect(variants.filter((v) => v.productId === product.id).map((v) => [v.price, v.compareAtPrice])).toEqual([
      ["25.00", "30.00"],
      ["25.00", "30.00"],
    ]);
  });
});

describe("productVariantsBulkUpdate and fulfillment services", () => {
  it("charges 10 + 0.2 per variant and clears compare-at with null", async () => {
    const product = [...emulator.store.shop(shop).products.values()][0];
    const result = await gql(
      `mutation U($p: ID!, $v: [ProductVariantsBulkInput!]!) { productVariantsBulkUpdate(productId: $p, variants: $v) { productVariants { price compareAtPrice } userErrors { message } } }`,
      {
        p: `gid://shopify/Product/${product.id}`,
        v: product.variantIds.map((id) => ({
          id: `gid://shopify/ProductVariant/${id}`,
          price: "28",
          compareAtPrice: null,
        })),
      },
    );
    expect(result.extensions.cost.requestedQueryCost).toBe(11);
    expect(result.data.productVariantsBulkUpdate.productVariants).toEqual([
      { price: "28.00", compareAtPrice: null },
      { price: "28.00", compareAtPrice: null },
    ]);
  });

  it("creates a fulfillment service with its location, once per name", async () => {
    const create = `mutation C { fulfillmentServiceCreate(name: "Entrepôt Passerelle", callbackUrl: "http://127.0.0.1:3999/fulfillment", inventoryManagement: true, trackingSupport: true) { fulfillmentService { serviceName location { id name } } userErrors { message } } }`;
    const first = await gql(create);
    expect(first.data.fulfillmentServiceCreate.fulfillmentService).toMatchObject({
      serviceName: "Entrepôt Passerelle",
      location: { name: "Entrepôt Passerelle" },
    });
    const again = await gql(create);
    expect(again.data.fulfillmentServiceCreate.userErrors).toEqual([{ message: "Name has already been taken" }]);
  });
});
