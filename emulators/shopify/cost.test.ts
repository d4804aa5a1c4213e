// Hand-computed costs under Shopify's rules: scalar 0, object 1, connection 2 + n × node, mutation 10.
import { getVariableValues, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { actualQueryCost, operationOf, requestedQueryCost } from "./cost";
import { loadAdminSchema } from "./schema";

const schema = loadAdminSchema();

function requested(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = operationOf(document)!;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw coerced.errors[0];
  return requestedQueryCost(schema, document, operation.name?.value, coerced.coerced);
}

describe("requestedQueryCost", () => {
  it("charges 1 per object and nothing for scalars", () => {
    expect(requested("{ shop { name ianaTimezone currencyCode } }")).toBe(1);
    expect(requested("{ shop { name plan { publicDisplayName shopifyPlus } } }")).toBe(2);
  });

  it("sizes connections by first/last: 2 + n × the cost of one node", () => {
    // products: 2 + 10 × (product 1 + variants (2 + 5 × 1)) = 2 + 10 × 8
    expect(requested("{ products(first: 10) { nodes { id title variants(first: 5) { nodes { id } } } } }")).toBe(82);
    expect(
      requested("query L($first: Int!) { locations(first: $first) { nodes { id name } pageInfo { hasNextPage } } }", {
        first: 50,
      }),
    ).toBe(52);
    expect(requested("{ products(last: 3) { edges { cursor node { id } } } }")).toBe(5);
  });

  it("counts nested objects inside connection nodes", () => {
    // 2 + 20 × (variant 1 + inventoryItem 1 + product 1)
    expect(requested("{ productVariants(first: 20) { nodes { sku inventoryItem { id } product { title } } } }")).toBe(
      62,
    );
  });

  it("takes the most expensive fragment of an interface", () => {
    const query = `{ node(id: "gid://shopify/Product/1") { id ... on Product { variants(first: 10) { nodes { id } } } ... on Location { address { city } } } }`;
    expect(requested(query)).toBe(1 + 12);
  });

  it("charges 10 per mutation, with productSet's dynamic complexity", () => {
    expect(
      requested(
        `mutation { webhookSubscriptionDelete(id: "gid://shopify/WebhookSubscription/1") { deletedWebhookSubscriptionId } }`,
      ),
    ).toBe(10);
    const variants = Array.from({ length: 12 }, (_, i) => ({
      optionValues: [{ optionName: "Taille", name: `T${i}` }],
    }));
    // 10 + 0.2 × 12 = 12.4, rounded up
    expect(
      requested("mutation S($input: ProductSetInput!) { productSet(input: $input) { product { id } } }", {
        input: { title: "x", variants },
      }),
    ).toBe(13);
  });

  it("charges one object per id for nodes(ids:)", () => {
    expect(
      requested(
        `{ nodes(ids: ["gid://shopify/Product/1", "gid://shopify/Product/2", "gid://shopify/Product/3"]) { id } }`,
      ),
    ).toBe(3);
  });
});

describe("actualQueryCost", () => {
  it("counts the nodes really returned", () => {
    const query = "{ products(first: 10) { nodes { id variants(first: 5) { nodes { id } } } } }";
    const document = parse(query);
    const data = {
      products: {
        nodes: [
          { id: "1", variants: { nodes: [{ id: "a" }, { id: "b" }] } },
          { id: "2", variants: { nodes: [] } },
        ],
      },
    };
    // 2 + (1 + 2 + 2) + (1 + 2 + 0)
    expect(actualQueryCost(schema, document, undefined, {}, data)).toBe(10);
    expect(actualQueryCost(schema, document, undefined, {}, { products: { nodes: [] } })).toBe(2);
  });

  it("charges nothing for a null object", () => {
    expect(
      actualQueryCost(
        schema,
        parse(`{ product(id: "gid://shopify/Product/1") { id } }`),
        undefined,
        {},
        { product: null },
      ),
    ).toBe(0);
  });
});
