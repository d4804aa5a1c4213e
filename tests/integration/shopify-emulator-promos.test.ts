// The emulator's promotion surface, over HTTP as the app would use it: collections set up by the
// merchant (control route) read with their products, product tags added and removed, and automatic
// basic discounts created on a collection or products, listed by tag, then deactivated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { shopifyClient } from "../support/shopify-emulator-client";
import { uniqueShop } from "../support/shops";

const shop = uniqueShop("promos");
let emulator: ShopifyEmulator;
let client: ReturnType<typeof shopifyClient>;
let collectionId: string;
const productIds: Record<string, string> = {};

const CREATE = `mutation Create($discount: DiscountAutomaticBasicInput!) {
  discountAutomaticBasicCreate(automaticBasicDiscount: $discount) {
    automaticDiscountNode {
      id
      automaticDiscount {
        ... on DiscountAutomaticBasic {
          title status startsAt endsAt
          customerGets {
            value { ... on DiscountPercentage { percentage } }
            items {
              ... on DiscountCollections { collections(first: 5) { nodes { id } } }
              ... on DiscountProducts { products(first: 5) { nodes { id } } }
            }
          }
        }
      }
    }
    userErrors { field message code }
  }
}`;

beforeAll(async () => {
  emulator = await startShopifyEmulator({
    app: { apiKey: "k", apiSecret: "s", appUrl: "http://127.0.0.1:3999" },
    shops: [
      {
        domain: shop,
        products: [
          { title: "Pull", tags: ["hiver"], variants: [{ sku: "PULL|U", price: 60 }] },
          { title: "Bonnet", variants: [{ sku: "BONNET|U", price: 20 }] },
          { title: "Short", variants: [{ sku: "SHORT|U", price: 30 }] },
        ],
      },
    ],
  });
  client = shopifyClient(emulator, shop);
  for (const p of emulator.store.shop(shop).products.values()) productIds[p.title] = `gid://shopify/Product/${p.id}`;
  const response = await client.control("collections", {
    title: "Soldes d'hiver",
    products: ["PULL|U", productIds.Bonnet],
  });
  expect(response.status).toBe(201);
  collectionId = ((await response.json()) as { id: string }).id;
});
afterAll(() => emulator?.close());

describe("collections", () => {
  it("lists a collection with its products, and a product with its collections", async () => {
    const { data, errors } = await client.gql(
      `query C($id: ID!, $product: ID!) {
        collections(first: 5, query: "handle:soldes-d-hiver") { nodes { id handle } }
        collection(id: $id) { title productsCount { count } products(first: 10) { nodes { id title } } }
        product(id: $product) { collections(first: 5) { nodes { id } } }
      }`,
      { id: collectionId, product: productIds.Pull },
    );
    expect(errors).toBeUndefined();
    expect(data.collections.nodes).toEqual([{ id: collectionId, handle: "soldes-d-hiver" }]);
    expect(data.collection.productsCount.count).toBe(2);
    expect(data.collection.products.nodes.map((p: { title: string }) => p.title)).toEqual(["Pull", "Bonnet"]);
    expect(data.product.collections.nodes).toEqual([{ id: collectionId }]);
  });

  it("refuses a collection naming an unknown product", async () => {
    const response = await client.control("collections", { title: "Vide", products: ["NOPE|SKU"] });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/NOPE/);
  });
});

describe("product tags", () => {
  it("adds tags once and removes them, case-insensitively", async () => {
    const ADD = `mutation Add($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { node { ... on Product { tags } } userErrors { message } } }`;
    const REMOVE = `mutation Remove($id: ID!, $tags: [String!]!) { tagsRemove(id: $id, tags: $tags) { node { ... on Product { tags } } userErrors { message } } }`;
    const added = await client.gql(ADD, { id: productIds.Pull, tags: ["promo-hiver", "Hiver"] });
    expect(added.data.tagsAdd).toEqual({ node: { tags: ["hiver", "promo-hiver"] }, userErrors: [] });
    const removed = await client.gql(REMOVE, { id: productIds.Pull, tags: ["PROMO-HIVER"] });
    expect(removed.data.tagsRemove.node.tags).toEqual(["hiver"]);
    const missing = await client.gql(REMOVE, { id: "gid://shopify/Product/1", tags: ["x"] });
    expect(missing.data.tagsRemove.node).toBeNull();
    expect(missing.data.tagsRemove.userErrors[0].message).toMatch(/does not exist/);
  });
});

describe("automatic basic discounts", () => {
  it("creates a percentage on a collection, active from its start, then deactivates it", async () => {
    const { data } = await client.gql(CREATE, {
      discount: {
        title: "Hiver -20%",
        startsAt: "2020-01-01T00:00:00Z",
        customerGets: { value: { percentage: 0.2 }, items: { collections: { add: [collectionId] } } },
      },
    });
    expect(data.discountAutomaticBasicCreate.userErrors).toEqual([]);
    const node = data.discountAutomaticBasicCreate.automaticDiscountNode;
    expect(node.automaticDiscount).toMatchObject({
      title: "Hiver -20%",
      status: "ACTIVE",
      endsAt: null,
      customerGets: { value: { percentage: 0.2 }, items: { collections: { nodes: [{ id: collectionId }] } } },
    });
    const off = await client.gql(
      `mutation Off($id: ID!) { discountAutomaticDeactivate(id: $id) { automaticDiscountNode { automaticDiscount { ... on DiscountAutomaticBasic { status endsAt } } } userErrors { message } } }`,
      { id: node.id },
    );
    expect(off.data.discountAutomaticDeactivate.userErrors).toEqual([]);
    expect(off.data.discountAutomaticDeactivate.automaticDiscountNode.automaticDiscount.status).toBe("EXPIRED");
    const read = await client.gql(
      `query D($id: ID!) { automaticDiscountNode(id: $id) { automaticDiscount { ... on DiscountAutomaticBasic { status } } } }`,
      { id: node.id },
    );
    expect(read.data.automaticDiscountNode.automaticDiscount.status).toBe("EXPIRED");
  });

  it("schedules a discount on products starting later", async () => {
    const { data } = await client.gql(CREATE, {
      discount: {
        title: "Été",
        startsAt: "2099-06-01T00:00:00Z",
        endsAt: "2099-07-01T00:00:00Z",
        customerGets: { value: { percentage: 0.1 }, items: { products: { productsToAdd: [productIds.Short] } } },
      },
    });
    expect(data.discountAutomaticBasicCreate.automaticDiscountNode.automaticDiscount).toMatchObject({
      status: "SCHEDULED",
      customerGets: { items: { products: { nodes: [{ id: productIds.Short }] } } },
    });
  });

  it("lists discounts by tag with discountNodes, numbered as their automatic node", async () => {
    const { data } = await client.gql(CREATE, {
      discount: {
        title: "Tagged",
        startsAt: "2020-01-01T00:00:00Z",
        tags: ["passerelle-promotion-abc"],
        customerGets: { value: { percentage: 0.1 }, items: { products: { productsToAdd: [productIds.Pull] } } },
      },
    });
    const id = data.discountAutomaticBasicCreate.automaticDiscountNode.id as string;
    const find = (query: string) =>
      client.gql(
        `query Find($query: String!) { discountNodes(first: 10, query: $query) { nodes { id discount { __typename ... on DiscountAutomaticBasic { title tags } } } } }`,
        { query },
      );
    const found = await find('tag:"passerelle-promotion-abc"');
    expect(found.data.discountNodes.nodes).toEqual([
      {
        id: id.replace("DiscountAutomaticNode", "DiscountNode"),
        discount: { __typename: "DiscountAutomaticBasic", title: "Tagged", tags: ["passerelle-promotion-abc"] },
      },
    ]);
    expect((await find("tag:passerelle-promotion-other")).data.discountNodes.nodes).toEqual([]);
  });

  it("refuses a percentage out of range, an end before the start, and unknown items", async () => {
    const refused = async (discount: Record<string, unknown>) =>
      (
        await client.gql(CREATE, {
          discount: {
            title: "Refusée",
            startsAt: "2020-01-01T00:00:00Z",
            customerGets: { value: { percentage: 0.2 }, items: { collections: { add: [collectionId] } } },
            ...discount,
          },
        })
      ).data.discountAutomaticBasicCreate;
    const range = await refused({ customerGets: { value: { percentage: 1.5 }, items: { all: true } } });
    expect(range.automaticDiscountNode).toBeNull();
    expect(range.userErrors[0].code).toBe("VALUE_OUTSIDE_RANGE");
    expect((await refused({ endsAt: "2019-01-01T00:00:00Z" })).userErrors[0].code).toBe("END_DATE_BEFORE_START_DATE");
    const unknown = await refused({
      customerGets: { value: { percentage: 0.2 }, items: { products: { productsToAdd: ["gid://shopify/Product/1"] } } },
    });
    expect(unknown.userErrors[0].field).toEqual(["automaticBasicDiscount", "customerGets", "items"]);
    const gone = await client.gql(
      `mutation Off($id: ID!) { discountAutomaticDeactivate(id: $id) { automaticDiscountNode { id } userErrors { field } } }`,
      { id: "gid://shopify/DiscountAutomaticNode/1" },
    );
    expect(gone.data.discountAutomaticDeactivate.userErrors[0].field).toEqual(["id"]);
  });
});
