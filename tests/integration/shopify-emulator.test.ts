// The Shopify emulator over real HTTP: token exchange as @shopify/shopify-api performs it, Admin
// queries through the app's own client, and the failures Shopify would answer.
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, RequestedTokenType, shopifyApi } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ShopifyAdminClient, ShopifyGraphQLError } from "../../app/shopify/admin-client.server";
import { installShopifyOriginOverride } from "../../app/shopify/api-origin.server";
import { LOCATIONS, SHOP_INFO } from "../../app/shopify/operations/shop";
import { AuthenticationError } from "../../app/lib/errors";
import { mintSessionToken, startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { uniqueShop } from "../support/shops";

const API_KEY = "test-api-key";
const API_SECRET = "test-api-secret";
const shop = uniqueShop("emu");
let emulator: ShopifyEmulator;

const shopify = shopifyApi({
  apiKey: API_KEY,
  apiSecretKey: API_SECRET,
  scopes: ["read_products"],
  hostName: "127.0.0.1:3999",
  hostScheme: "http",
  apiVersion: ApiVersion.July26,
  isEmbeddedApp: true,
  logger: { level: 0 },
});

beforeAll(async () => {
  emulator = await startShopifyEmulator({
    port: 0,
    app: { apiKey: API_KEY, apiSecret: API_SECRET, appUrl: "http://127.0.0.1:3999" },
    shops: [
      {
        domain: shop,
        name: "Boutique Émulée",
        plan: "Advanced",
        ianaTimezone: "Europe/Paris",
        currencyCode: "EUR",
        locations: [{ name: "Entrepôt" }, { name: "Boutique" }, { name: "Fermée", isActive: false }],
        products: [
          {
            title: "Pull",
            variants: [
              {
                sku: "PUL|GRIS|M",
                barcode: "3760000000017",
                price: 89,
                options: { Taille: "M" },
                inventory: { Entrepôt: 4 },
              },
            ],
          },
          {
            title: "Jupe",
            variants: [{ sku: "JUP|NOIR|38", price: "75.5", compareAtPrice: 99, options: { Taille: "38" } }],
          },
        ],
      },
    ],
  });
  installShopifyOriginOverride(emulator.url);
});

afterAll(async () => {
  await emulator?.close();
});

async function rawGraphQL(body: unknown, headers: Record<string, string> = {}, version = "2026-07") {
  const response = await fetch(`https://${shop}/admin/api/${version}/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read arbitrary GraphQL answers
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe("token exchange", () => {
  it("trades a session token minted by the emulator for an offline access token usable on the Admin API", async () => {
    const { session } = await shopify.auth.tokenExchange({
      shop,
      sessionToken: emulator.mintSessionToken(shop),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
    });
    expect(session.accessToken).toMatch(/^shpat_/);
    expect(session.isOnline).toBe(false);
    expect(session.scope).toContain("read_products");

    const client = new ShopifyAdminClient({ shop, accessToken: session.accessToken! });
    const { data, cost } = await client.request(SHOP_INFO);
    expect(data.shop).toEqual({
      name: "Boutique Émulée",
      myshopifyDomain: shop,
      ianaTimezone: "Europe/Paris",
      currencyCode: "EUR",
      plan: { publicDisplayName: "Advanced", shopifyPlus: false },
    });
    expect(cost?.requestedQueryCost).toBe(SHOP_INFO.expectedCost);
    expect(cost?.throttleStatus).toMatchObject({ maximumAvailable: 4000, restoreRate: 200 });
  });

  it("gives an online token with the associated user", async () => {
    const { session } = await shopify.auth.tokenExchange({
      shop,
      sessionToken: mintSessionToken({ shop, apiKey: API_KEY, apiSecret: API_SECRET, userId: 42 }),
      requestedTokenType: RequestedTokenType.OnlineAccessToken,
    });
    expect(session.isOnline).toBe(true);
    expect(session.onlineAccessInfo?.associated_user.id).toBe(42);
    expect(session.expires!.getTime()).toBeGreaterThan(Date.now());
  });

  it("passes @shopify/shopify-api's own session token verification", async () => {
    const payload = await shopify.session.decodeSessionToken(emulator.mintSessionToken(shop));
    expect(payload).toMatchObject({ iss: `https://${shop}/admin`, dest: `https://${shop}`, aud: API_KEY });
    expect(payload.exp - payload.iat).toBe(60);
  });

  it("refuses a wrong client secret and a forged session token", async () => {
    const post = (fields: Record<string, string>) =>
      fetch(`https://${shop}/admin/oauth/access_token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          client_id: API_KEY,
          grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
          subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
          requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
          ...fields,
        }),
      });
    const wrongSecret = await post({ client_secret: "nope", subject_token: emulator.mintSessionToken(shop) });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: "invalid_client" });

    const forged = mintSessionToken({ shop, apiKey: API_KEY, apiSecret: "another-secret" });
    const invalid = await post({ client_secret: API_SECRET, subject_token: forged });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: "invalid_subject_token" });
  });
});

describe("Admin GraphQL", () => {
  it("answers 401 with Shopify's message to an unknown access token", async () => {
    const { status, body } = await rawGraphQL(
      { query: "{ shop { name } }" },
      { "x-shopify-access-token": "shpat_wrong" },
    );
    expect(status).toBe(401);
    expect(body).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    const client = new ShopifyAdminClient({ shop, accessToken: "shpat_wrong" });
    await expect(client.request(SHOP_INFO)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("refuses a token issued for another shop", async () => {
    const other = uniqueShop("other");
    emulator.store.upsertShop({ domain: other });
    const { status } = await rawGraphQL(
      { query: "{ shop { name } }" },
      { "x-shopify-access-token": emulator.issueAccessToken(other) },
    );
    expect(status).toBe(401);
  });

  it("answers 404 for an API version the emulator does not serve", async () => {
    const { status } = await rawGraphQL(
      { query: "{ shop { name } }" },
      { "x-shopify-access-token": emulator.issueAccessToken(shop) },
      "2024-01",
    );
    expect(status).toBe(404);
  });

  it("reports validation errors against the real schema, charging nothing", async () => {
    const { status, body } = await rawGraphQL(
      { query: "{ shop { ianaTimezon } }" },
      { "x-shopify-access-token": emulator.issueAccessToken(shop) },
    );
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toContain('Cannot query field "ianaTimezon" on type "Shop"');
    expect(body.extensions.cost).toMatchObject({ requestedQueryCost: 0, actualQueryCost: null });
  });

  it("fails loudly on a field the emulator does not implement", async () => {
    const { body } = await rawGraphQL(
      { query: "{ shop { name billingAddress { city } } }" },
      { "x-shopify-access-token": emulator.issueAccessToken(shop) },
    );
    expect(body.errors[0]).toMatchObject({
      message: "emulator: Shop.billingAddress is not implemented",
      path: ["shop", "billingAddress"],
    });
    const root = await rawGraphQL(
      { query: "{ draftOrders(first: 1) { nodes { id } } }" }, // orders and gift cards are emulated now
      { "x-shopify-access-token": emulator.issueAccessToken(shop) },
    );
    expect(root.body.errors[0].message).toBe("emulator: QueryRoot.draftOrders is not implemented");
  });

  it("refuses input arrays over 250 items and queries costing over 1,000 points", async () => {
    const token = emulator.issueAccessToken(shop);
    const ids = Array.from({ length: 251 }, (_, i) => `gid://shopify/Product/${i + 1}`);
    const big = await rawGraphQL(
      { query: "query N($ids: [ID!]!) { nodes(ids: $ids) { id } }", variables: { ids } },
      { "x-shopify-access-token": token },
    );
    expect(big.body.errors[0]).toMatchObject({
      message: "The input array size of 251 is greater than the maximum allowed of 250.",
      extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" },
    });
    const costly = await rawGraphQL(
      { query: "{ products(first: 250) { nodes { variants(first: 10) { nodes { id } } } } }" },
      { "x-shopify-access-token": token },
    );
    expect(costly.body.errors[0].extensions).toMatchObject({ code: "MAX_COST_EXCEEDED", cost: 3252, maxCost: 1000 });
  });

  it("pages active locations (sorted by name, the schema's default) with the app's operation and its expected cost", async () => {
    const client = new ShopifyAdminClient({ shop, accessToken: emulator.issueAccessToken(shop) });
    const first = await client.request(LOCATIONS, { first: 1 });
    expect(first.data.locations.nodes.map((l) => l.name)).toEqual(["Boutique"]);
    expect(first.data.locations.pageInfo.hasNextPage).toBe(true);
    expect(first.cost?.requestedQueryCost).toBe(3); // LOCATIONS.expectedCost: 2 + first
    const second = await client.request(LOCATIONS, { first: 5, after: first.data.locations.pageInfo.endCursor });
    expect(second.data.locations.nodes.map((l) => l.name)).toEqual(["Entrepôt"]);
    expect(second.data.locations.pageInfo.hasNextPage).toBe(false);
    // Actual cost counts the one location returned, and the bucket is refunded the rest.
    expect(second.cost).toMatchObject({ requestedQueryCost: 7, actualQueryCost: 3 });
  });

  it("serves products, variants and inventory, and finds variants by SKU", async () => {
    const token = emulator.issueAccessToken(shop);
    const { body } = await rawGraphQL(
      {
        query: `query V($q: String!) { productVariants(first: 5, query: $q) { nodes { sku barcode price compareAtPrice product { title }
          inventoryItem { id inventoryLevels(first: 5) { nodes { location { name } quantities(names: ["available", "on_hand"]) { name quantity } } } } } } }`,
        variables: { q: "sku:PUL|GRIS|M" },
      },
      { "x-shopify-access-token": token },
    );
    expect(body.errors).toBeUndefined();
    const [variant] = body.data.productVariants.nodes;
    expect(variant).toMatchObject({
      sku: "PUL|GRIS|M",
      barcode: "3760000000017",
      price: "89.00",
      compareAtPrice: null,
      product: { title: "Pull" },
    });
    expect(variant.inventoryItem.id).toMatch(/^gid:\/\/shopify\/InventoryItem\/\d+$/);
    expect(variant.inventoryItem.inventoryLevels.nodes).toEqual([
      {
        location: { name: "Entrepôt" },
        quantities: [
          { name: "available", quantity: 4 },
          { name: "on_hand", quantity: 4 },
        ],
      },
    ]);
  });

  it("creates products with productSet and reads them back through node", async () => {
    const token = emulator.issueAccessToken(shop);
    const created = await rawGraphQL(
      {
        query: `mutation S($input: ProductSetInput!) { productSet(input: $input, synchronous: true) { product { id variants(first: 5) { nodes { id sku price } } } userErrors { field message code } } }`,
        variables: {
          input: {
            title: "Chemise",
            productOptions: [{ name: "Taille", values: [{ name: "S" }, { name: "M" }] }],
            variants: [
              { optionValues: [{ optionName: "Taille", name: "S" }], sku: "CHE|BLANC|S", price: "59.00" },
              { optionValues: [{ optionName: "Taille", name: "M" }], sku: "CHE|BLANC|M", price: "59.00" },
            ],
          },
        },
      },
      { "x-shopify-access-token": token },
    );
    expect(created.body.data.productSet.userErrors).toEqual([]);
    const product = created.body.data.productSet.product;
    expect(product.variants.nodes.map((v: { sku: string }) => v.sku)).toEqual(["CHE|BLANC|S", "CHE|BLANC|M"]);
    expect(created.body.extensions.cost.requestedQueryCost).toBe(11); // 10 + 0.2 × 2, rounded up

    const read = await rawGraphQL(
      {
        query: `query R($id: ID!) { node(id: $id) { __typename ... on Product { title } } }`,
        variables: { id: product.id },
      },
      { "x-shopify-access-token": token },
    );
    expect(read.body.data.node).toEqual({ __typename: "Product", title: "Chemise" });
  });

  it("creates, lists and deletes webhook subscriptions", async () => {
    const token = emulator.issueAccessToken(shop);
    const created = await rawGraphQL(
      {
        query: `mutation { webhookSubscriptionCreate(topic: PRODUCTS_UPDATE, webhookSubscription: { uri: "http://127.0.0.1:3999/webhooks/products" }) { webhookSubscription { id topic uri } userErrors { message } } }`,
      },
      { "x-shopify-access-token": token },
    );
    const subscription = created.body.data.webhookSubscriptionCreate.webhookSubscription;
    expect(subscription).toMatchObject({ topic: "PRODUCTS_UPDATE", uri: "http://127.0.0.1:3999/webhooks/products" });
    const listed = await rawGraphQL(
      { query: "{ webhookSubscriptions(first: 10) { nodes { id } } }" },
      { "x-shopify-access-token": token },
    );
    expect(listed.body.data.webhookSubscriptions.nodes).toEqual([{ id: subscription.id }]);
    const deleted = await rawGraphQL(
      {
        query: `mutation D($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { message } } }`,
        variables: { id: subscription.id },
      },
      { "x-shopify-access-token": token },
    );
    expect(deleted.body.data.webhookSubscriptionDelete).toEqual({
      deletedWebhookSubscriptionId: subscription.id,
      userErrors: [],
    });
  });

  it("logs every call with its costs", async () => {
    const calls = emulator.callLog({ shop });
    expect(calls.length).toBeGreaterThan(5);
    expect(calls.find((c) => c.operationName === "ShopInfo")).toMatchObject({
      requestedQueryCost: 2,
      actualQueryCost: 2,
      throttled: false,
      status: 200,
    });
    expect(calls.filter((c) => c.status === 401).length).toBeGreaterThanOrEqual(2);
  });
});

it("keeps the error type the client maps GraphQL errors to", () => {
  expect(new ShopifyGraphQLError("X", [{ message: "m" }]).transient).toBe(false);
});
