// Every Admin GraphQL document the app sends is valid against the pinned schema (2026-07).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SHOP_INFO } from "../../app/shopify/operations/shop";
import {
  findAppDocuments,
  invalidAppDocuments,
  loadAdminSchema,
  validateDocument,
} from "../../emulators/shopify/schema";

const APP_DIR = path.resolve(__dirname, "../../app");

describe("the app's GraphQL documents", () => {
  it("finds the app's #graphql documents", () => {
    const documents = findAppDocuments(APP_DIR);
    expect(documents.map((d) => d.operation)).toContain("ShopInfo");
    expect(documents.map((d) => d.operation)).toContain("Locations");
  });

  it("validates every one of them against the pinned Admin schema", () => {
    const invalid = invalidAppDocuments(APP_DIR, loadAdminSchema());
    const report = invalid.map(
      (d) => `${path.relative(APP_DIR, d.file)}:${d.line} ${d.operation}\n  ${d.errors.join("\n  ")}`,
    );
    expect(report, report.join("\n")).toEqual([]);
  });

  it("catches a misspelled field in a copy of a real document", () => {
    const broken = SHOP_INFO.document.replace("ianaTimezone", "ianaTimezon");
    expect(broken).not.toBe(SHOP_INFO.document);
    const errors = validateDocument(broken);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Cannot query field "ianaTimezon" on type "Shop"');
    expect(validateDocument(SHOP_INFO.document)).toEqual([]);
  });

  it("reports syntax errors", () => {
    expect(validateDocument("query { shop { name }")[0]).toMatch(/Syntax Error/);
  });
});
