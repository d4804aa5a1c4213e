// Reading the job application form as it streams in (multipart/form-data): text fields are capped,
// each file goes straight to its own file on disk while its first bytes tell its kind, and the limits
// (10 MB a file, 20 MB in all, 3 files) stop the reading as soon as they are passed. Nothing is held
// whole in memory; the caller owns `dir` and deletes it whatever happens.
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { unstable_parseMultipartFormData, type UploadHandlerPart } from "@remix-run/node";
import { MiB, jsonRefusal } from "../lib/request-body.server";
import { FILE_KINDS, HEAD_BYTES, detectFileKind, type FileKind } from "./file-kinds";

export const APPLICATION_LIMITS = {
  fileBytes: 10 * MiB,
  totalBytes: 20 * MiB,
  files: 3,
  /** A text field longer than this is refused (the longest, the message, allows 5,000 characters). */
  fieldBytes: 32 * 1024,
  /** Room for the text fields and the multipart framing on top of the files. */
  overheadBytes: 1 * MiB,
};

/** The form's text fields; `website` is the honeypot, hidden from people. */
export const TEXT_FIELDS = ["name", "email", "phone", "position", "message", "website"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface ReceivedFile {
  filename: string;
  kind: FileKind;
  /** The file's name inside the application's folder. */
  stored: string;
  bytes: number;
}

export interface ReceivedForm {
  fields: Partial<Record<TextField, string>>;
  files: ReceivedFile[];
  /** Problems found while reading (a file of the wrong kind, a field too long), by field. */
  errors: Record<string, string>;
}

const megabytes = (bytes: number) => `${Math.round(bytes / MiB)} MB`;

function tooLarge(error: string): Response {
  return jsonRefusal(413, error);
}

/** Reads the multipart body into `dir` (which must exist); throws a JSON Response for 400/413. */
export async function receiveApplicationForm(request: Request, dir: string): Promise<ReceivedForm> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "multipart/form-data") throw jsonRefusal(415, "Send the form as multipart/form-data.");
  const limits = APPLICATION_LIMITS;
  const announced = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(announced) && announced > limits.totalBytes + limits.overheadBytes)
    throw tooLarge(`The files together are larger than ${megabytes(limits.totalBytes)}.`);

  const form: ReceivedForm = { fields: {}, files: [], errors: {} };
  let fileBytes = 0;
  let fileParts = 0;

  const readText = async (part: UploadHandlerPart) => {
    const chunks: Uint8Array[] = [];
    let length = 0;
    for await (const chunk of part.data) {
      length += chunk.byteLength;
      if (length <= limits.fieldBytes) chunks.push(chunk);
    }
    if (length > limits.fieldBytes) form.errors[part.name] = "This is too long.";
    else form.fields[part.name as TextField] = Buffer.concat(chunks).toString("utf8");
  };

  const readFile = async (part: UploadHandlerPart) => {
    // eslint-disable-next-line no-control-regex -- control characters have no place in a file's name
    const filename = (part.filename ?? "").replace(/[\u0000-\u001f]/g, "").slice(0, 200);
    const index = fileParts++;
    const stored = `file-${index}`;
    const target = path.join(dir, stored);
    const out = fs.createWriteStream(target, { flags: "wx" });
    const head: Uint8Array[] = [];
    let headLength = 0;
    let bytes = 0;
    let kind: FileKind | null | undefined; // undefined: not told yet
    const refuse = (message: string) => {
      form.errors.files ??= message;
      kind = null;
      out.destroy();
    };
    try {
      for await (const chunk of part.data) {
        bytes += chunk.byteLength;
        fileBytes += chunk.byteLength;
        if (bytes > limits.fileBytes)
          throw tooLarge(`“${filename}” is larger than ${megabytes(limits.fileBytes)}; each file may be up to that.`);
        if (fileBytes > limits.totalBytes)
          throw tooLarge(`The files together are larger than ${megabytes(limits.totalBytes)}.`);
        if (kind === null) continue; // refused: the rest is only counted
        if (index >= limits.files) {
          refuse(`Attach at most ${limits.files} files.`);
          continue;
        }
        if (kind === undefined && headLength < HEAD_BYTES) {
          head.push(chunk);
          headLength += chunk.byteLength;
          if (headLength >= HEAD_BYTES) kind = tell(head, filename, refuse);
        }
        if (kind === null) continue;
        if (!out.write(chunk)) await once(out, "drain");
      }
      if (bytes === 0 && !filename) {
        out.destroy(); // an empty file input: no file chosen
        fileParts--;
        return;
      }
      if (kind === undefined) kind = tell(head, filename, refuse);
      if (kind === null) return;
      out.end();
      await once(out, "finish");
      form.files.push({ filename: filename || `file-${index + 1}.${FILE_KINDS[kind].extension}`, kind, stored, bytes });
    } catch (error) {
      out.destroy();
      throw error;
    }
  };

  try {
    await unstable_parseMultipartFormData(request, async (part) => {
      if (part.filename !== undefined) {
        if (part.name === "files") await readFile(part);
        else for await (const _ of part.data); // a file under another name: not ours, read past it
      } else if ((TEXT_FIELDS as readonly string[]).includes(part.name)) await readText(part);
      else for await (const _ of part.data); // an unknown field: ignored
      return undefined;
    });
  } catch (error) {
    if (error instanceof Response) throw error;
    throw jsonRefusal(400, "The form could not be read; reload the page and try again.");
  }
  return form;
}

function tell(head: Uint8Array[], filename: string, refuse: (message: string) => void): FileKind | null {
  const kind = detectFileKind(Buffer.concat(head));
  if (!kind) refuse(`“${filename || "A file"}” is not a PDF, Word (DOC, DOCX), JPEG or PNG file.`);
  return kind;
}
