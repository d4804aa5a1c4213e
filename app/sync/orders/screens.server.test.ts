// What the Orders screen answers when a bulk Retry has nothing to retry, in the admin's language (the
// JSON API keeps the English). The answer comes before any database call.
import { describe, expect, it } from "vitest";
import { retryOrders } from "./screens.server";

describe("bulk Retry with nothing chosen", () => {
  it("says it in French for a French admin, in English otherwise", async () => {
    await expect(retryOrders("demo.myshopify.com", ["", " "], "fr")).rejects.toThrow(
      "Choisissez au moins une commande à relancer.",
    );
    await expect(retryOrders("demo.myshopify.com", [])).rejects.toThrow("Choose at least one order to retry.");
  });
});
