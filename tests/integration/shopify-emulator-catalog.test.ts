// The emulator's catalog import surface, over HTTP as the app would use it: unique metafield
// definitions and custom ids, productSet (synchronous, asynchronous, inside a bulk mutation), Shopify's
// option and variant limits, product status, and publishing on a sales channel.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { pollUntil, shopifyClient } from "../support/shopify-emulator-client";
import { uniqueShop } from "../support/shops";

const shop = uniqueShop("catalog");
let emulator: ShopifyEmulator;
let client: ReturnType<typeof shopifyClient>;

const DEFINE = `mutation Define($definition: MetafieldDefinitionInput!) {
  metafieldDefinitionCreate(definition: $definition) {
    createdDefinition { id namespace key capabilities { uniqueValues { enabled } } }
    userErrors { field message code }
  }
}`;

const SET = `mutation Set($input: ProductSetInput!, $identifier: ProductSetIdentifiers, $synchronous: Boolean) {
  productSet(input: $input, identifier: $identifier, synchronous: $synchronous) {
    product { id title status metafield(namespace: "erp", key: "ref") { value } variantsCount { count } }
    productSetOperation { id status }
    userErrors { field message code }
  }
}`;

const BY_CUSTOM_ID = `query ByRef($identifier: ProductIdentifierInput!) {
  productByIdentifier(identifier: $identifier) { id title }
}`;

const customId = (value: string) => ({ customId: { namespace: "erp", key: "ref", value } });
const sizes = (values: string[]) => ({
  productOptions: [{ name: "Taille", values: values.map((name) => ({ name })) }],
  variants: values.map((name) => ({ optionValues: [{ optionName: "Taille", name }], price: "10.00" })),
});

beforeAll(async () => {
  emulator = await startShopifyEmulator({
    app: { apiKey: "k", apiSecret: "s", appUrl: "http://127.0.0.1:3999" },
    shops: [{ domain: shop }],
  });
  client = shopifyClient(emulator, shop);
  const { data, errors } = await client.gql(DEFINE, {
    definition: {
      namespace: "erp",
      key: "ref",
      name: "ERP reference",
      type: "single_line_text_field",
      ownerType: "PRODUCT",
      capabilities: { uniqueValues: { enabled: true } },
    },
  });
  expect(data.metafieldDefinitionCreate?.userErrors, JSON.stringify(errors)).toEqual([]);
  expect(data.metafieldDefinitionCreate.createdDefinition.capabilities.uniqueValues.enabled).toBe(true);
});
afterAll(() => emulator?.close());

describe("unique metafields and custom ids", () => {
  it("refuses a second definition of the same key", async () => {
    const { data } = await client.gql(DEFINE, {
      definition: { namespace: "erp", key: "ref", name: "Again", type: "single_line_text_field", ownerType: "PRODUCT" },
    });
    expect(data.metafieldDefinitionCreate.createdDefinition).toBeNull();
    expect(data.metafieldDefinitionCreate.userErrors[0].code).toBe("TAKEN");
  });

  it("finds the definition by owner type, namespace and key", async () => {
    const FIND = `query Find($namespace: String!, $key: String!) {
      metafieldDefinitions(first: 1, ownerType: PRODUCT, namespace: $namespace, key: $key) {
        nodes { namespace key capabilities { uniqueValues { enabled } } }
      }
    }`;
    const found = await client.gql(FIND, { namespace: "erp", key: "ref" });
    expect(found.data.metafieldDefinitions.nodes).toEqual([
      { namespace: "erp", key: "ref", capabilities: { uniqueValues: { enabled: true } } },
    ]);
    expect((await client.gql(FIND, { namespace: "erp", key: "nope" })).data.metafieldDefinitions.nodes).toEqual([]);
  });

  it("upserts by custom id: the second productSet updates the product the first created", async () => {
    const first = await client.gql(SET, {
      identifier: customId("PULL-01"),
      input: { title: "Pull", ...sizes(["S", "M"]) },
    });
    expect(first.data.productSet.userErrors).toEqual([]);
    expect(first.data.productSet.product.metafield.value).toBe("PULL-01");
    const second = await client.gql(SET, {
      identifier: customId("PULL-01"),
      input: { title: "Pull marin", ...sizes(["S", "M", "L"]) },
    });
    expect(second.data.productSet.product.id).toBe(first.data.productSet.product.id);
    expect(second.data.productSet.product).toMatchObject({ title: "Pull marin", variantsCount: { count: 3 } });
    const found = await client.gql(BY_CUSTOM_ID, { identifier: customId("PULL-01") });
    expect(found.data.productByIdentifier).toEqual({ id: first.data.productSet.product.id, title: "Pull marin" });
    const missing = await client.gql(BY_CUSTOM_ID, { identifier: customId("NOPE") });
    expect(missing.data.productByIdentifier).toBeNull();
  });

  it("refuses a second product holding the same unique value", async () => {
    await client.gql(SET, {
      input: {
        title: "Jupe",
        metafields: [{ namespace: "erp", key: "ref", type: "single_line_text_field", value: "JUPE-01" }],
      },
    });
    const before = emulator.store.shop(shop).products.size;
    const { data } = await client.gql(SET, {
      input: {
        title: "Jupe bis",
        metafields: [{ namespace: "erp", key: "ref", type: "single_line_text_field", value: "JUPE-01" }],
      },
    });
    expect(data.productSet.product).toBeNull();
    expect(data.productSet.userErrors[0]).toMatchObject({
      code: "CAPABILITY_VIOLATION",
      field: ["input", "metafields", "0", "value"],
    });
    expect(emulator.store.shop(shop).products.size).toBe(before);
  });
});

describe("metafieldsSet on products", () => {
  const SET_FIELDS = `mutation Fields($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) { metafields { key value } userErrors { field code elementIndex } }
  }`;

  it("writes unique values, and refuses the whole call when one is taken", async () => {
    const a = await client.gql(SET, { input: { title: "Gilet A" } });
    const b = await client.gql(SET, { input: { title: "Gilet B" } });
    const field = (ownerId: string, value: string) => ({
      ownerId,
      namespace: "erp",
      key: "ref",
      type: "single_line_text_field",
      value,
    });
    const ok = await client.gql(SET_FIELDS, { metafields: [field(a.data.productSet.product.id, "GILET-A")] });
    expect(ok.data.metafieldsSet).toEqual({ metafields: [{ key: "ref", value: "GILET-A" }], userErrors: [] });
    const taken = await client.gql(SET_FIELDS, {
      metafields: [
        { ...field(b.data.productSet.product.id, "GILET-B2"), key: "note" },
        field(b.data.productSet.product.id, "GILET-A"),
      ],
    });
    expect(taken.data.metafieldsSet.metafields).toEqual([]);
    expect(taken.data.metafieldsSet.userErrors).toEqual([
      { field: ["metafields", "1", "value"], code: "TAKEN", elementIndex: 1 },
    ]);
    const read = await client.gql(
      `query R($id: ID!) { product(id: $id) { metafield(namespace: "erp", key: "note") { value } } }`,
      { id: b.data.productSet.product.id },
    );
    expect(read.data.product.metafield).toBeNull();
  });
});

describe("productSet", () => {
  it("runs asynchronously: a CREATED operation polled to COMPLETE with its product", async () => {
    const { data } = await client.gql(SET, {
      identifier: customId("ROBE-01"),
      input: { title: "Robe", status: "DRAFT", ...sizes(["36", "38"]) },
      synchronous: false,
    });
    expect(data.productSet.product).toBeNull();
    expect(data.productSet.productSetOperation.status).toBe("CREATED");
    const done = await pollUntil(
      () =>
        client.gql(
          `query Op($id: ID!) { productOperation(id: $id) { status product { id title status } ... on ProductSetOperation { userErrors { message } } } }`,
          { id: data.productSet.productSetOperation.id },
        ),
      (answer) => answer.data.productOperation.status === "COMPLETE",
    );
    expect(done.data.productOperation.userErrors).toEqual([]);
    expect(done.data.productOperation.product).toMatchObject({ title: "Robe", status: "DRAFT" });
  });

  it("holds Shopify's limits: 3 options, 2,048 variants (more than 250 is fine)", async () => {
    const options = await client.gql(SET, {
      input: {
        title: "Trop d'options",
        productOptions: ["A", "B", "C", "D"].map((name) => ({ name, values: [{ name: "x" }] })),
      },
    });
    expect(options.data.productSet.userErrors[0].code).toBe("OPTIONS_OVER_LIMIT");
    const many = (n: number) => sizes(Array.from({ length: n }, (_, i) => `T${i}`));
    const tooMany = await client.gql(SET, { input: { title: "Trop de tailles", ...many(2049) } });
    expect(tooMany.errors).toBeUndefined();
    expect(tooMany.data.productSet.userErrors[0]).toMatchObject({
      code: "VARIANTS_OVER_LIMIT",
      field: ["input", "variants"],
    });
    const large = await client.gql(SET, { input: { title: "Beaucoup de tailles", ...many(300) } });
    expect(large.errors).toBeUndefined();
    expect(large.data.productSet.product.variantsCount.count).toBe(300);
  });

  it("refuses a title over 255 characters and two variants with the same option values, as Shopify does", async () => {
    const long = await client.gql(SET, {
      identifier: customId("LONG-1"),
      input: { title: "x".repeat(256), ...sizes(["S"]) },
    });
    expect(long.data.productSet.product).toBeNull();
    expect(long.data.productSet.userErrors).toEqual([
      { field: ["input", "title"], message: "Title is too long (maximum is 255 characters)", code: "INVALID_INPUT" },
    ]);
    const twice = await client.gql(SET, {
      identifier: customId("TWICE-1"),
      input: { title: "Twice", ...sizes(["S", "S"]) },
    });
    expect(twice.data.productSet.userErrors).toEqual([
      { field: ["input", "variants", "1"], message: "The variant 'S' already exists.", code: "INVALID_VARIANT" },
    ]);
  });

  it("moves a product from DRAFT to ACTIVE and lists it by status", async () => {
    const created = await client.gql(SET, { input: { title: "Veste", status: "DRAFT" } });
    const id = created.data.productSet.product.id;
    const list = (status: string) =>
      client.gql(`query List($q: String!) { products(first: 50, query: $q) { nodes { id } } }`, {
        q: `status:${status}`,
      });
    expect((await list("draft")).data.products.nodes).toContainEqual({ id });
    await client.gql(SET, { identifier: { id }, input: { status: "ACTIVE" } });
    expect((await list("draft")).data.products.nodes).not.toContainEqual({ id });
    expect((await list("active")).data.products.nodes).toContainEqual({ id });
  });

  it("runs productSet once per line of a bulk mutation, by custom id", async () => {
    const staged = await client.gql(
      `mutation Stage { stagedUploadsCreate(input: [{ resource: BULK_MUTATION_VARIABLES, filename: "season.jsonl", mimeType: "text/jsonl", httpMethod: POST }]) { stagedTargets { url parameters { name value } } } }`,
    );
    const target = staged.data.stagedUploadsCreate.stagedTargets[0];
    const lines = ["BULK-1", "BULK-2", "PULL-01"].map((ref) =>
      JSON.stringify({ identifier: customId(ref), input: { title: `Article ${ref}`, ...sizes(["U"]) } }),
    );
    const form = new FormData();
    for (const p of target.parameters) form.append(p.name, p.value);
    form.append("file", new Blob([lines.join("\n")]), "season.jsonl");
    expect((await client.fetchShopUrl(target.url, { method: "POST", body: form })).status).toBe(201);
    const key = target.parameters.find((p: { name: string }) => p.name === "key").value;
    const before = emulator.store.shop(shop).products.size;
    const run = await client.gql(
      `mutation Bulk($m: String!, $path: String!) { bulkOperationRunMutation(mutation: $m, stagedUploadPath: $path) { bulkOperation { id } userErrors { message } } }`,
      {
        m: "mutation Set($input: ProductSetInput!, $identifier: ProductSetIdentifiers) { productSet(input: $input, identifier: $identifier) { product { id title } userErrors { code message } } }",
        path: key,
      },
    );
    expect(run.data.bulkOperationRunMutation.userErrors).toEqual([]);
    const done = await pollUntil(
      () =>
        client.gql(`query Poll($id: ID!) { node(id: $id) { ... on BulkOperation { status url } } }`, {
          id: run.data.bulkOperationRunMutation.bulkOperation.id,
        }),
      (answer) => !["CREATED", "RUNNING"].includes(answer.data.node.status),
    );
    expect(done.data.node.status).toBe("COMPLETED");
    const results = (await (await client.fetchShopUrl(done.data.node.url)).text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(results.map((r) => r.data.productSet.userErrors)).toEqual([[], [], []]);
    expect(results.map((r) => r.data.productSet.product.title)).toEqual([
      "Article BULK-1",
      "Article BULK-2",
      "Article PULL-01",
    ]);
    // Two new products; PULL-01 already existed and was updated in place.
    expect(emulator.store.shop(shop).products.size).toBe(before + 2);
  });
});

describe("publications", () => {
  it("lists the sales channels and publishes a product on one", async () => {
    const { data } = await client.gql(`{ publications(first: 10) { nodes { id name } } }`);
    const online = data.publications.nodes.find((p: { name: string }) => p.name === "Online Store");
    expect(online).toBeDefined();
    const created = await client.gql(SET, { input: { title: "Chemise", status: "ACTIVE" } });
    const id = created.data.productSet.product.id;
    const published = `query On($id: ID!, $pub: ID!) { product(id: $id) { publishedOnPublication(publicationId: $pub) } }`;
    expect((await client.gql(published, { id, pub: online.id })).data.product.publishedOnPublication).toBe(false);
    const publish = await client.gql(
      `mutation Publish($id: ID!, $input: [PublicationInput!]!) { publishablePublish(id: $id, input: $input) { publishable { ... on Product { id } } userErrors { field message } } }`,
      { id, input: [{ publicationId: online.id }] },
    );
    expect(publish.data.publishablePublish.userErrors).toEqual([]);
    expect((await client.gql(published, { id, pub: online.id })).data.product.publishedOnPublication).toBe(true);
    const unknown = await client.gql(
      `mutation Publish($id: ID!, $input: [PublicationInput!]!) { publishablePublish(id: $id, input: $input) { userErrors { field message } } }`,
      { id, input: [{ publicationId: "gid://shopify/Publication/1" }] },
    );
    expect(unknown.data.publishablePublish.userErrors[0].field).toEqual(["input", "0", "publicationId"]);
  });
});
