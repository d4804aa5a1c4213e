// A SKU's stock page when neither system can be asked, in the admin's language.
import { describe, expect, it } from "vitest";
import type { Db } from "../db.server";
import { skuStockView } from "./stock-view.server";

const db = { stockSnapshot: { findUnique: async () => null } } as unknown as Db;

describe("a SKU's stock with nothing set up, in words", () => {
  it("says it in French for a French admin, and keeps the English", async () => {
    const fr = await skuStockView(db, "demo.myshopify.com", "A", { sourceName: "La source du stock" }, "fr");
    expect(fr.source).toEqual({ error: "Aucune source de stock n'est configurée." });
    expect(fr.shopify).toEqual({ error: "Shopify ne répond pas." });
    const en = await skuStockView(db, "demo.myshopify.com", "A", { sourceName: "The stock source" });
    expect(en.source).toEqual({ error: "No stock source is set up." });
    expect(en.shopify).toEqual({ error: "Shopify is not reachable." });
  });
});
