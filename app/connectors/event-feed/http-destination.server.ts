// One endpoint of the ERP event feed as an EventDestination: the event's bytes POSTed as Shopify sent
// them, with the event's headers and a Standard Webhooks signature, within a deadline. The answer is
// classified (2xx delivered, 410 gone, anything else or no answer: retry) and its first bytes kept for
// the delivery log.
import fs from "node:fs";
import tls from "node:tls";
import { Agent } from "undici";
import type { EventDelivery, EventDestination, ShopEvent } from "../../capabilities/event-destination";
import { said } from "../../i18n/stored-words";
import { classifyOutboundFailure, outboundFailureSaid } from "../../lib/http-outbound.server";
import { outboundFetch } from "../../lib/http-outbound.server";
import { publicOnlyLookup } from "../../lib/http-url-policy.server";
import { signatureHeader } from "./signature";

/** Where and how one endpoint is called; built by app/event-feed from its stored row. */
export interface EventEndpointTarget {
  url: string;
  /** Current secret first; a rotated one while its overlap lasts. */
  secrets: string[];
  headers: Record<string, string>;
  /** Plain http and local addresses allowed (demo and tests). */
  allowLocal: boolean;
  timeoutMs?: number;
  /** A PEM file of extra certificate authorities to trust (the test ERP's). */
  extraCaFile?: string;
  /** "webhook", "reconciled" or "test", sent as a header. */
  source?: string;
  now?: () => Date;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** How much of an answer the delivery log keeps. */
export const ANSWER_BYTES = 300;

const agents = new Map<string, Agent>();

function agentFor(target: EventEndpointTarget): Agent {
  const key = `${target.allowLocal}|${target.extraCaFile ?? ""}`;
  let agent = agents.get(key);
  if (!agent) {
    const ca = target.extraCaFile ? [...tls.rootCertificates, fs.readFileSync(target.extraCaFile, "utf8")] : undefined;
    agent = new Agent({
      connect: { ...(ca ? { ca } : {}), ...(target.allowLocal ? {} : { lookup: publicOnlyLookup as never }) },
      keepAliveTimeout: 10_000,
    });
    agents.set(key, agent);
  }
  return agent;
}

/** The headers an event goes with (besides content-type and the endpoint's own). */
export function eventHeaders(event: ShopEvent, secrets: string[], at: Date, source: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    "webhook-id": event.id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signatureHeader(secrets, event.id, timestamp, event.body),
    "x-event-topic": event.topic,
    "x-event-shop": event.shop,
    "x-event-api-version": event.apiVersion,
    "x-event-occurred-at": event.occurredAt.toISOString(),
    "x-event-source": source,
  };
}

export function httpEventDestination(target: EventEndpointTarget): EventDestination {
  const timeoutMs = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deliver = async (event: ShopEvent): Promise<EventDelivery> => {
    const now = target.now ?? (() => new Date());
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const response = await outboundFetch(
        target.url,
        {
          method: "POST",
          headers: {
            ...target.headers,
            "content-type": "application/json",
            "user-agent": "Passerelle-EventFeed/1",
            ...eventHeaders(event, target.secrets, now(), target.source ?? "webhook"),
          },
          body: new Uint8Array(event.body),
          redirect: "manual",
        },
        { timeoutMs, dispatcher: agentFor(target) },
      );
      const answer = await firstBytes(response);
      if (response.status >= 200 && response.status < 300)
        return { outcome: "delivered", status: response.status, ms: ms(), answer };
      if (response.status === 410) return { outcome: "gone", status: response.status, ms: ms(), answer };
      return {
        outcome: "retry",
        status: response.status,
        ms: ms(),
        reason: said("feed.endpointAnswered", { status: response.status }),
        answer,
      };
    } catch (error) {
      const host = safeHost(target.url);
      const kind = classifyOutboundFailure(error);
      const what = outboundFailureSaid(error, { host, timeoutMs });
      const reason =
        kind === "tls" ? said("feed.certificateRefused", { reason: what }) : said("feed.noAnswer", { reason: what });
      return { outcome: "retry", ms: ms(), reason, answer: null };
    }
  };
  return { deliver };
}

/** Reads at most ANSWER_BYTES of the answer and lets the rest go. */
async function firstBytes(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ANSWER_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = Buffer.concat(chunks).subarray(0, ANSWER_BYTES).toString("utf8");
  return text.length > 0 ? text : null;
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
