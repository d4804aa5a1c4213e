// Reading a request body defensively, for webhook and JSON API routes: the content type is checked
// (415), the body is read as a stream and abandoned as soon as it passes the cap (413, nothing
// buffered beyond it), and only a JSON object is accepted (400). Failures are thrown as JSON Responses.
import { json } from "@remix-run/node";

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** A JSON `{ "error": … }` answer, what every refused request gets. */
export function jsonRefusal(status: number, error: string, headers?: HeadersInit): Response {
  return json({ error }, { status, headers });
}

/** Answer for a method a route does not serve. */
export function methodNotAllowed(allow: string): Response {
  return jsonRefusal(405, `Use ${allow}.`, { Allow: allow });
}

/** What the body helpers read of a request's headers: a fetch `Request`, or a Node request adapted. */
export interface HeaderSource {
  headers: { get(name: string): string | null };
}

/** True when the request says it carries JSON (`application/json`, any parameters). */
export function isJsonContentType(request: HeaderSource): boolean {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}

/** A request body as chunks: a fetch body's reader, or a Node request's async iterator. */
export interface BodyChunks {
  next(): Promise<{ done?: boolean; value?: Uint8Array }>;
  /** Called once the body is refused: the rest is not wanted. */
  abandon(): Promise<unknown> | void;
}

/** The raw body, at most `maxBytes`; throws 413 as soon as it is longer (announced or streamed). */
export async function readCappedBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const reader = request.body?.getReader();
  const chunks: BodyChunks | null = reader
    ? { next: () => reader.read(), abandon: () => reader.cancel().catch(() => undefined) }
    : null;
  return readCappedChunks(request, chunks, maxBytes);
}

/** readCappedBody for any transport: `chunks` null when the request has no body. */
export async function readCappedChunks(
  request: HeaderSource,
  body: BodyChunks | null,
  maxBytes: number,
): Promise<Uint8Array> {
  const tooLarge = () => jsonRefusal(413, `The body is larger than ${describeBytes(maxBytes)}.`);
  const announced = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(announced) && announced > maxBytes) {
    await body?.abandon();
    throw tooLarge();
  }
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await body.next();
    if (done || !value) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await body.abandon();
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Parses UTF-8 JSON that must be an object (not null, an array, a string or a number): else 400. */
export function parseJsonObject(body: Uint8Array): Record<string, unknown> {
  return parseJsonObjectText(body).value;
}

/** parseJsonObject, with the decoded text too (for storing the body as received without decoding it again). */
export function parseJsonObjectText(body: Uint8Array): { text: string; value: Record<string, unknown> } {
  let text: string;
  let value: unknown;
  try {
    text = utf8.decode(body);
    value = JSON.parse(text);
  } catch {
    throw jsonRefusal(400, "The body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw jsonRefusal(400, "The body must be a JSON object.");
  return { text, value: value as Record<string, unknown> };
}

/**
 * The body of a JSON API call as an object: 415 unless it is `application/json`, 413 over `maxBytes`,
 * 400 unless a JSON object. An empty body is `{}` when `optional` (then no content type is needed).
 */
export async function readJsonObjectBody(
  request: Request,
  options: { maxBytes: number; optional?: boolean },
): Promise<Record<string, unknown>> {
  const notJson = () => jsonRefusal(415, "Send the body as application/json.");
  const typed = request.headers.get("content-type") !== null;
  if (typed ? !isJsonContentType(request) : !options.optional) throw notJson();
  const body = await readCappedBody(request, options.maxBytes);
  if (body.byteLength === 0) {
    if (options.optional) return {};
    throw jsonRefusal(400, "The body is empty; send a JSON object.");
  }
  if (!typed) throw notJson();
  return parseJsonObject(body);
}

function describeBytes(bytes: number): string {
  return bytes >= MiB ? `${bytes / MiB} MB` : `${Math.round(bytes / KiB)} KB`;
}
