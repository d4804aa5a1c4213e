// Which files an applicant may attach, told by their first bytes (never by their name or the type
// the browser claims): PDF, Word (DOC, DOCX), JPEG, PNG.

export type FileKind = "pdf" | "doc" | "docx" | "jpeg" | "png";

/** How much of a file's beginning is kept to tell its kind (a DOCX names its `word/` parts early). */
export const HEAD_BYTES = 64 * 1024;

export const FILE_KINDS: Record<FileKind, { contentType: string; extension: string; label: string }> = {
  pdf: { contentType: "application/pdf", extension: "pdf", label: "PDF" },
  doc: { contentType: "application/msword", extension: "doc", label: "Word (DOC)" },
  docx: {
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: "docx",
    label: "Word (DOCX)",
  },
  jpeg: { contentType: "image/jpeg", extension: "jpg", label: "JPEG" },
  png: { contentType: "image/png", extension: "png", label: "PNG" },
};

const startsWith = (head: Uint8Array, bytes: number[]) =>
  head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

/**
 * The kind of a file from its first bytes (up to HEAD_BYTES), or null when it is none we take. A ZIP
 * is only a DOCX when it holds Word's parts (`word/`): any other ZIP (an archive, a spreadsheet) is refused.
 */
export function detectFileKind(head: Uint8Array): FileKind | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf"; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "jpeg";
  // OLE2 compound file: Word 97-2003. Its directory (where "WordDocument" is named) may sit anywhere in
  // the file, so the head cannot tell it from an old Excel file; both are as harmless to the reader.
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "doc";
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return zipNamesWordPart(head) ? "docx" : null;
  return null;
}

/** True when the ZIP's local file headers in `head` name a `word/` entry. */
function zipNamesWordPart(head: Uint8Array): boolean {
  const view = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  let at = 0;
  // Walk the local file headers (PK\x03\x04): name length at +26, extra length at +28, sizes at +18.
  for (let entries = 0; entries < 64 && at + 30 <= view.length; entries++) {
    if (view.readUInt32LE(at) !== 0x04034b50) break;
    const flags = view.readUInt16LE(at + 6);
    const compressed = view.readUInt32LE(at + 18);
    const nameLength = view.readUInt16LE(at + 26);
    const extraLength = view.readUInt16LE(at + 28);
    const name = view.toString("latin1", at + 30, Math.min(view.length, at + 30 + nameLength));
    if (name.startsWith("word/")) return true;
    // With a data descriptor (bit 3) the size is not known here: search the rest of the head instead.
    if (flags & 0x08) break;
    at += 30 + nameLength + extraLength + compressed;
  }
  return view.includes("word/document.xml", 0, "latin1");
}
