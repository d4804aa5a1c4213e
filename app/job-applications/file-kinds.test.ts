import { describe, expect, it } from "vitest";
import { detectFileKind } from "./file-kinds";

/** A ZIP's first local file header naming `name` (stored, no data). */
function zipEntry(name: string, data = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  return Buffer.concat([header, Buffer.from(name), data]);
}

describe("file kinds by content", () => {
  it("tells PDF, PNG, JPEG, DOC and DOCX by their first bytes", () => {
    expect(detectFileKind(Buffer.from("%PDF-1.7\n..."))).toBe("pdf");
    expect(detectFileKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("png");
    expect(detectFileKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("jpeg");
    expect(detectFileKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe("doc");
    const docx = Buffer.concat([
      zipEntry("[Content_Types].xml", Buffer.from("<Types/>")),
      zipEntry("_rels/.rels", Buffer.from("<Relationships/>")),
      zipEntry("word/document.xml", Buffer.from("<w:document/>")),
    ]);
    expect(detectFileKind(docx)).toBe("docx");
  });

  it("refuses what only looks right by name: any other ZIP, a program, text, an empty file", () => {
    const xlsx = Buffer.concat([zipEntry("[Content_Types].xml"), zipEntry("xl/workbook.xml")]);
    expect(detectFileKind(xlsx)).toBeNull();
    expect(detectFileKind(Buffer.from("MZ\x90\x00\x03"))).toBeNull();
    expect(detectFileKind(Buffer.from("#!/bin/sh\nrm -rf /"))).toBeNull();
    expect(detectFileKind(Buffer.from("PDF-1.7"))).toBeNull();
    expect(detectFileKind(new Uint8Array(0))).toBeNull();
  });
});
