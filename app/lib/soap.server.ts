// Small SOAP/XML-over-HTTP helpers shared by the carrier clients: escaped values for envelope
// templates, a POST with a timeout, typed failures, and parsing with SOAP faults reported.
import { XMLParser } from "fast-xml-parser";
import { said } from "../i18n/stored-words";
import { PermanentError, TransientError } from "./errors";
import { classifyOutboundFailure, outboundFailureSaid, outboundFetch } from "./http-outbound.server";
import { checkConnectorUrl, connectorDispatcher, type ConnectorUrlPolicy } from "./http-url-policy.server";

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
    throw new CarrierProtocolError(said("carrier.notXml", { carrier, detail: (error as Error).message }));
  }
}

export async function postXml(
  carrier: string,
  url: string,
  body: string,
  options: {
    contentType: string;
    headers?: Record<string, string>;
    timeoutMs?: number;
    signal?: AbortSignal;
    /** For a merchant-configured address: public https only (see http-url-policy.server.ts). */
    urlPolicy?: ConnectorUrlPolicy;
  },
): Promise<Record<string, unknown>> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (options.urlPolicy) {
    const check = checkConnectorUrl(url, options.urlPolicy);
    if (!check.ok)
      throw new CarrierRefusedError(said("client.addressUnusable", { system: carrier, problem: check.said }));
  }
  let status: number;
  let text: string;
  try {
    // The deadline covers the body too: a carrier that sends headers and then stalls times out.
    const response = await outboundFetch(
      url,
      { method: "POST", body, headers: { "content-type": options.contentType, ...options.headers } },
      {
        timeoutMs,
        signal: options.signal,
        dispatcher: options.urlPolicy ? connectorDispatcher(options.urlPolicy) : undefined,
      },
    );
    status = response.status;
    text = await response.text();
  } catch (error) {
    const reason = said("client.unreachableBecause", {
      system: carrier,
      reason: outboundFailureSaid(error, { host: hostOf(url), timeoutMs }),
    });
    if (classifyOutboundFailure(error) === "blocked") throw new CarrierRefusedError(reason, { cause: error });
    throw new CarrierUnavailableError(reason, { cause: error });
  }
  if (status >= 500 && !text.includes("Fault>"))
    throw new CarrierUnavailableError(said("client.answeredStatus", { system: carrier, status }));
  if (status === 401 || status === 403)
    throw new CarrierRefusedError(said("carrier.loginRefused", { carrier, status }));
  const parsed = parseXml(text, carrier);
  const fault = (parsed.Envelope as { Body?: { Fault?: { faultstring?: string } } } | undefined)?.Body?.Fault;
  if (fault)
    throw new CarrierRefusedError(
      said("carrier.requestRefused", { carrier, fault: fault.faultstring ?? "SOAP fault" }),
    );
  if (status >= 400) throw new CarrierProtocolError(said("client.answeredStatus", { system: carrier, status }));
  return parsed;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
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
