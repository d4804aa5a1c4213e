import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import {
  FastmagAnswer,
  escapeFreeText,
  koMessage,
  parseQueryAnswer,
  parseTransactionAnswer,
  readQueryAnswer,
  recordLine,
  unescapeFreeText,
} from "./protocol";

describe("parseQueryAnswer", () => {
  it("reads the header row as lower-cased column names and each line as a row", () => {
    const table = parseQueryAnswer("Reference\tColor\tStock_A\r\nBOXE20\tMARINE\t12\r\nPULL1\tNOIR\t0\r\n");
    expect(table).toEqual({
      columns: ["reference", "color", "stock_a"],
      rows: [
        { reference: "BOXE20", color: "MARINE", stock_a: "12" },
        { reference: "PULL1", color: "NOIR", stock_a: "0" },
      ],
      malformed: [],
    });
  });

  it("strips double quotes around fields and un-doubles inner quotes", () => {
    const table = parseQueryAnswer('"reference"\t"designation"\n"BOXE20"\t"Boxer ""Beware"""\n');
    expect(table?.rows).toEqual([{ reference: "BOXE20", designation: 'Boxer "Beware"' }]);
  });

  it("keeps empty fields and reads {CR}{LF} / {PIPE} in values", () => {
    const table = parseQueryAnswer("a\tb\tc\nx\t\tline 1{CR}{LF}line 2 {PIPE} end\n");
    expect(table?.rows[0]).toEqual({ a: "x", b: "", c: "line 1\r\nline 2 | end" });
  });

  it("answers an empty table for a header without rows", () => {
    expect(parseQueryAnswer("reference\tcolor\r\n")).toEqual({
      columns: ["reference", "color"],
      rows: [],
      malformed: [],
    });
  });

  it("reports lines with the wrong number of fields instead of guessing", () => {
    const table = parseQueryAnswer("a\tb\n1\t2\n3\n4\t5\t6\n7\t8\n");
    expect(table?.rows).toEqual([
      { a: "1", b: "2" },
      { a: "7", b: "8" },
    ]);
    expect(table?.malformed.map((m) => [m.row, m.reason])).toEqual([
      [2, "expected 2 fields, found 1"],
      [3, "expected 2 fields, found 3"],
    ]);
  });

  it("refuses answers without a header row", () => {
    expect(parseQueryAnswer("")).toBeNull();
    expect(parseQueryAnswer("\r\n")).toBeNull();
    expect(parseQueryAnswer("KO|Erreur SQL")).toBeNull();
    expect(parseQueryAnswer("Erreur de syntaxe près de FROM")).toBeNull();
    expect(parseQueryAnswer("a\ta\n1\t2")).toBeNull();
    expect(parseQueryAnswer("<html><body>Maintenance</body></html>")).toBeNull();
  });
});

describe("KO and OK answers", () => {
  it("detects KO with or without a message", () => {
    expect(koMessage("KO|Client inconnu")).toBe("Client inconnu");
    expect(koMessage("KO")).toBe("no reason given");
    expect(koMessage("ko|x\r\n")).toBe("x");
    expect(koMessage("KOALA\tb")).toBeNull();
    expect(koMessage("reference\tcolor")).toBeNull();
  });

  it("reads OK, OK|number and KO|message", () => {
    expect(parseTransactionAnswer("OK|1042\r\n")).toEqual({ ok: true, number: "1042" });
    expect(parseTransactionAnswer("OK")).toEqual({ ok: true });
    expect(parseTransactionAnswer("KO|Article inconnu : X")).toEqual({ ok: false, message: "Article inconnu : X" });
    expect(parseTransactionAnswer("<html>503</html>")).toBeNull();
  });
});

describe("free text", () => {
  it("escapes line breaks and pipes, and back", () => {
    const text = "Sonner 2 fois|code 1234\r\nPorte B\nEtage 3";
    const escaped = escapeFreeText(text);
    expect(escaped).toBe("Sonner 2 fois{PIPE}code 1234{CR}{LF}Porte B{CR}{LF}Etage 3");
    expect(unescapeFreeText(escaped)).toBe("Sonner 2 fois|code 1234\r\nPorte B\r\nEtage 3");
  });

  it("builds record lines with empty fields for absent values and plain decimals", () => {
    expect(recordLine("LIGNE", ["REF", undefined, 19.9, 2, null, "a|b"])).toBe("LIGNE|REF||19.9|2||a{PIPE}b");
  });
});

describe("FastmagAnswer", () => {
  const french = "designation\nVeste légère été\nChemise à carreaux façonnée\nSweat œuvre — crème\n";

  it("reads windows-1252 bytes with é è ç œ", () => {
    const bytes = iconv.encode(french, "windows-1252");
    expect(bytes.includes(0x9c)).toBe(true); // œ is 0x9C in windows-1252, absent from Latin-1
    expect(FastmagAnswer.of(bytes, "windows-1252").text()).toBe(french);
    expect(FastmagAnswer.of(bytes, null).text()).toBe(french);
    expect([...FastmagAnswer.of(bytes, null).lines()]).toEqual(french.split("\n"));
  });

  it("reads UTF-8 bytes mislabelled as windows-1252 as UTF-8", () => {
    const answer = FastmagAnswer.of(Buffer.from(french, "utf8"), "windows-1252");
    expect(answer.charset).toBe("utf-8");
    expect(answer.text()).toBe(french);
  });

  it("keeps plain ASCII untouched whatever the label", () => {
    expect(FastmagAnswer.of(Buffer.from("a\tb\n1\t2\n"), "iso-8859-1").text()).toBe("a\tb\n1\t2\n");
  });

  it("decodes every windows-1252 byte as iconv does, line by line", () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte).filter((b) => b !== 0x0a && b !== 0x0d));
    const bytes = Buffer.concat([all, Buffer.from("\r\n"), all]);
    const expected = iconv.decode(all, "windows-1252");
    expect([...FastmagAnswer.of(bytes, "windows-1252").lines()]).toEqual([expected, expected]);
  });

  it("reads a query answer from the bytes, rows decoded as they are iterated", () => {
    const bytes = iconv.encode("Reference\tDesignation\r\nBOXE20\tSweat œuvre\r\n\r\nPULL1\r\n", "windows-1252");
    const answer = readQueryAnswer(FastmagAnswer.of(bytes, "windows-1252"))!;
    expect(answer.columns).toEqual(["reference", "designation"]);
    expect([...answer.lines()]).toEqual([
      { line: 1, row: { reference: "BOXE20", designation: "Sweat œuvre" } },
      { line: 3, malformed: { row: 3, text: "PULL1", reason: "expected 2 fields, found 1" } },
    ]);
  });
});
