import { describe, expect, it } from "vitest";
import { sayIn } from "../../i18n/stored-words";
import { localToDate, mapTable, RowReader } from "./mapping.server";
import { readQueryAnswer } from "./protocol";

const reader = (row: Record<string, string>) => new RowReader(row, "Europe/Paris");

describe("RowReader", () => {
  it("reads numbers with a dot or a French comma, and says when it cannot", () => {
    expect(reader({ p: "12,50" }).number("p")).toBe(12.5);
    expect(reader({ p: " 7 " }).integer("p")).toBe(7);
    expect(() => reader({ stock: "abc" }).number("stock")).toThrow('stock "abc" is not a number');
    expect(() => reader({ stock: "1.5" }).integer("stock")).toThrow('stock "1.5" is not a whole number');
    expect(() => reader({ price: "-2" }).amount("price")).toThrow("price -2 is negative");
    expect(() => reader({}).number("price")).toThrow("price is empty");
  });

  it("reads yes/no flags the ways Fastmag writes them", () => {
    expect(["1", "O", "oui", "true"].map((v) => reader({ f: v }).boolean("f"))).toEqual([true, true, true, true]);
    expect(["0", "N", "non"].map((v) => reader({ f: v }).boolean("f"))).toEqual([false, false, false]);
    expect(() => reader({ f: "peut-être" }).boolean("f")).toThrow("is not yes or no");
  });

  it("reads ISO and French dates, rejecting impossible ones", () => {
    expect(reader({ d: "2024-02-29 10:00:00" }).date("d")).toBe("2024-02-29");
    expect(reader({ d: "31/12/2024" }).date("d")).toBe("2024-12-31");
    expect(() => reader({ d: "2023-02-29" }).date("d")).toThrow('d "2023-02-29" is not a date');
  });

  it("reads local times in the instance's time zone, across clock changes", () => {
    expect(reader({ t: "2024-07-01 12:00:00" }).optionalDateTime("t")?.toISOString()).toBe("2024-07-01T10:00:00.000Z");
    expect(reader({ t: "2024-01-15 11:00" }).optionalDateTime("t")?.toISOString()).toBe("2024-01-15T10:00:00.000Z");
    const parts = { year: "2024", month: "03", day: "31", hour: 3, minute: 30, second: 0 };
    expect(localToDate(parts, "Europe/Paris").toISOString()).toBe("2024-03-31T01:30:00.000Z");
  });
});

describe("mapTable", () => {
  it("turns bad rows into skipped records with the row number, what it is and why", () => {
    const table = readQueryAnswer("reference\tstock\nBOXE20\t4\nPULL1\tabc\n\t3\nJEAN\t1\t9\nVESTE\t2\n")!;
    const result = mapTable(table, {
      describe: (row) => (row.reference ? `ref ${row.reference}` : undefined),
      externalId: (row) => row.reference,
      map: (r) => ({ ref: r.text("reference"), stock: r.integer("stock") }),
    });
    expect(result.items).toEqual([
      { ref: "BOXE20", stock: 4 },
      { ref: "VESTE", stock: 2 },
    ]);
    expect(result.skipped.map(({ externalId, reason }) => ({ externalId, reason }))).toEqual([
      { externalId: "PULL1", reason: 'row 2 (ref PULL1): stock "abc" is not a number' },
      { externalId: "row 3", reason: "row 3: reference is empty" },
      { externalId: "row 4", reason: 'row 4: expected 2 fields, found 3 ("JEAN\t1\t9")' },
    ]);
    // The same reasons for a French reader (the run stores their words): the ERP's value in « ».
    expect(result.skipped.map((s) => (s.words ? sayIn(s.words, "fr") : s.reason))).toEqual([
      "ligne 2 (ref PULL1) : stock « abc » n'est pas un nombre",
      "ligne 3 : reference est vide",
      "ligne 4 : 2 champs attendus, 3 trouvés (« JEAN\t1\t9 »)",
    ]);
  });
});
