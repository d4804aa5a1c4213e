import { describe, expect, it } from "vitest";
import { resourceKeyOf, topLevelValue } from "./topics";

describe("resourceKeyOf", () => {
  it("keys fulfillments by their order, with Shopify's ids exactly as written", () => {
    const fulfillment = `{"id":123456,"line_items":[{"id":866550311766439020}],"order_id":820982911946154508}`;
    expect(resourceKeyOf("fulfillments/update", fulfillment)).toBe("order 820982911946154508");
    expect(resourceKeyOf("orders/create", `{"line_items":[{"id":1}], "id" : 820982911946154508}`)).toBe(
      "order 820982911946154508",
    );
    expect(resourceKeyOf("products/update", `{"title":"a \\"id\\": 3","id":788032119674292922}`)).toBe(
      "product 788032119674292922",
    );
  });

  it("ignores nested fields of the same name", () => {
    expect(topLevelValue(`{"order":{"id":5},"name":"x"}`, "id")).toBeNull();
    expect(topLevelValue(`{"id":"gid://shopify/Order/5"}`, "id")).toBe("gid://shopify/Order/5");
  });
});
