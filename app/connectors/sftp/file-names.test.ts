import { describe, expect, it } from "vitest";
import {
  DEFAULT_FILE_PATTERN,
  DEFAULT_SKU_PATTERN,
  compilePattern,
  readFileName,
  readSku,
  type NamePattern,
} from "./file-names";

const compiled = (pattern: string, required: string[], i = false) =>
  compilePattern(pattern, required, i) as NamePattern;

describe("SFTP file-name patterns", () => {
  it("reads reference, colour and position from the default pattern", () => {
    const pattern = compiled(DEFAULT_FILE_PATTERN, ["REF"], true);
    expect(readFileName(pattern, "BOXE20_BLUE_1.jpg")).toEqual({ ref: "BOXE20", color: "BLUE", position: 1 });
    expect(readFileName(pattern, "BOXE20_NAVY_BLUE_12.JPG")).toEqual({
      ref: "BOXE20",
      color: "NAVY_BLUE",
      position: 12,
    });
    expect(readFileName(pattern, "notes.txt")).toBeNull();
    expect(readFileName(pattern, "BOXE20_BLUE_0.jpg")).toBeNull();
  });

  it("takes a configured pattern without a colour", () => {
    const pattern = compiled("photos-{REF}-{N}.png", ["REF"]);
    expect(readFileName(pattern, "photos-TSHIRT.01-3.png")).toEqual({ ref: "TSHIRT.01", position: 3 });
  });

  it("reads a SKU with the SKU pattern", () => {
    const pattern = compiled(DEFAULT_SKU_PATTERN, ["REF"]);
    expect(readSku(pattern, "BOXE20|BLUE|M")).toEqual({ ref: "BOXE20", color: "BLUE" });
    expect(readSku(pattern, "plain-sku")).toBeNull();
  });

  it("refuses patterns it cannot read", () => {
    expect(compilePattern("{COLOR}_{N}.jpg", ["REF"])).toEqual({ problem: "The pattern needs {REF}." });
    expect(compilePattern("{REF}_{REF}.jpg", ["REF"])).toEqual({ problem: "{REF} appears twice." });
    expect(compilePattern("{REF}_{X}.jpg", ["REF"])).toMatchObject({ problem: expect.stringContaining("{X} is not") });
  });
});
