// Small SOAP/XML-over-HTTP helpers shared by the carrier clients: escaped values for envelope
// templates, a POST with a timeout, typed failures, and parsing with SOAP faults reported.
import { XMLParser } from "fast-xml-parser";
import { PermanentError, TransientError } from "./errors";

/** Network failure, timeout or HTTP 5xx: the carrier may answer later. */
export class CarrierUnavailableError extends TransientError {}
/** The carrier refused the request (SOAP fault, HTTP 401/403, an error code in the answer). */
export class CarrierRefusedError extends PermanentError {}
/** An answer we cannot read. */
export class CarrierProtocolError extends PermanentError {}

export function xmlEscape(value: string | number): string {
  return String(value).replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!,
  );
}

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => ["events", "StatusData", "Consignment", "Parcel"].includes(name),
});

export function parseXml(text: string, carrier: string): Record<string, unknown> {
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new CarrierProtocolError(`${carrier} answered something that is not XML: ${(error as Error).message}`);
  }
}

export async function postXml(
  carrier: string,
  url: string,
  body: string,
  options: { contentType: string; headers?: Record<string, string>; timeoutMs?: number; signal?: AbortSignal },
): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      body,
      headers: { "content-type": options.contentType, ...options.headers },
      signal: AbortSignal.any([
        AbortSignal.timeout(options.timeoutMs ?? 15_000),
        ...(options.signal ? [options.signal] : []),
      ]),
    });
  } catch (error) {
    throw new CarrierUnavailableError(`${carrier} could not be reached: ${(error as Error).message}`, { cause: error });
  }
  const text = await response.text();
  if (response.status >= 500 && !text.includes("Fault>"))
    throw new CarrierUnavailableError(`${carrier} answered HTTP ${response.status}`);
  if (response.status === 401 || response.status === 403)
    throw new CarrierRefusedError(`${carrier} refused the login (HTTP ${response.status})`);
  const parsed = parseXml(text, carrier);
  const fault = (parsed.Envelope as { Body?: { Fault?: { faultstring?: string } } } | undefined)?.Body?.Fault;
  if (fault) throw new CarrierRefusedError(`${carrier} refused the request: ${fault.faultstring ?? "SOAP fault"}`);
  if (response.status >= 400) throw new CarrierProtocolError(`${carrier} answered HTTP ${response.status}`);
  return parsed;
}

/** The value at a path of plain objects, or undefined. */
export function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export const text = (value: unknown): string | undefined =>
  value === undefined || value === null || value === ""
    ? undefined
    : typeof value === "object"
      ? undefined
      : String(value);
