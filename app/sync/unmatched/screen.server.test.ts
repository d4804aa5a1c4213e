// What the Unmatched screen answers when a decision cannot be taken, in the admin's language (the
// JSON API calls without a language and keeps the English). These answers come before any database call.
import { describe, expect, it } from "vitest";
import { decideUnmatched } from "./screen.server";

describe("Unmatched decisions refused, in words", () => {
  it("says in French which SKU or side is missing, and keeps the English", async () => {
    const shop = "demo.myshopify.com";
    await expect(
      decideUnmatched(shop, { intent: "ignore", side: "source", sku: " " }, undefined, "fr"),
    ).rejects.toThrow("Indiquez le SKU.");
    await expect(decideUnmatched(shop, { intent: "ignore", side: "left", sku: "A" }, undefined, "fr")).rejects.toThrow(
      "Le côté doit être « source » ou « shopify ».",
    );
    await expect(decideUnmatched(shop, { intent: "link", sku: "A", shopifySku: "" }, undefined, "fr")).rejects.toThrow(
      "Choisissez le SKU de la variante Shopify.",
    );
    await expect(decideUnmatched(shop, { intent: "ignore", side: "source", sku: "" })).rejects.toThrow(
      "Say which SKU.",
    );
  });
});
