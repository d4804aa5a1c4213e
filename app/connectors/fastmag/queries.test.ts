import { describe, expect, it } from "vitest";
import {
  createFastmagQueries,
  FASTMAG_QUERY_DEFAULTS,
  fastmagDateTime,
  fillPlaceholders,
  sqlLiteral,
} from "./queries.server";

describe("fillPlaceholders", () => {
  it("writes values as escaped SQL literals", () => {
    expect(fillPlaceholders("SELECT * FROM c WHERE email = :email AND n = :n", { email: "o'brien@x.fr", n: 3 })).toBe(
      "SELECT * FROM c WHERE email = 'o''brien@x.fr' AND n = 3",
    );
  });

  it("cannot be escaped by a hostile value", () => {
    const sql = fillPlaceholders("SELECT 1 FROM t WHERE a = :a", { a: "x' OR '1'='1" });
    expect(sql).toBe("SELECT 1 FROM t WHERE a = 'x'' OR ''1''=''1'");
  });

  it("leaves colons inside string literals alone", () => {
    expect(fillPlaceholders("SELECT ':not' , ':x''s' FROM t WHERE a = :a", { a: 1 })).toBe(
      "SELECT ':not' , ':x''s' FROM t WHERE a = 1",
    );
  });

  it("lists arrays for IN and turns an empty list into NULL", () => {
    expect(fillPlaceholders("IN (:ids)", { ids: ["a", "b'c"] })).toBe("IN ('a', 'b''c')");
    expect(fillPlaceholders("IN (:ids)", { ids: [] })).toBe("IN (NULL)");
  });

  it("names a missing value", () => {
    expect(() => fillPlaceholders("WHERE a = :season", {})).toThrow(":season");
  });

  it("writes dates in the instance's local time", () => {
    // 2024-07-01T10:00Z is noon in Paris (summer time); 2024-01-15T10:00Z is 11:00.
    expect(sqlLiteral(new Date("2024-07-01T10:00:00Z"))).toBe("'2024-07-01 12:00:00'");
    expect(fastmagDateTime(new Date("2024-01-15T10:00:00Z"))).toBe("2024-01-15 11:00:00");
  });
});

describe("createFastmagQueries", () => {
  it("uses the defaults unless the shop overrides a statement", () => {
    const queries = createFastmagQueries({ seasons: "SELECT saison AS season FROM articles WHERE saison > :min" });
    expect(queries.sql("seasons", { min: "E20" })).toBe("SELECT saison AS season FROM articles WHERE saison > 'E20'");
    expect(queries.sql("giftCardById", { id: "C1" })).toBe(FASTMAG_QUERY_DEFAULTS.giftCardById.replace(":id", "'C1'"));
  });

  it("refuses overrides for statements that do not exist", () => {
    expect(() => createFastmagQueries({ nope: "SELECT 1" } as never)).toThrow('unknown Fastmag query "nope"');
  });
});
