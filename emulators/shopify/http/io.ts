// Small helpers for node:http handlers.
import type { IncomingMessage, ServerResponse } from "node:http";
import { normalizeShopDomain } from "../store";

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** JSON or form-encoded body as a flat object; undefined when it cannot be parsed. */
export async function readFields(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const text = await readBody(req);
  if (!text) return {};
  if (/application\/x-www-form-urlencoded/i.test(req.headers["content-type"] ?? "")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  res.end(body);
}

/** The shop a request is for: its Host header (the origin override keeps the shop's domain there),
 * or X-Shopify-Shop-Domain when the Host is the emulator's own loopback address. */
export function shopDomainOf(req: IncomingMessage): string | undefined {
  const host = normalizeShopDomain(String(req.headers.host ?? ""));
  if (host && host !== "127.0.0.1" && host !== "localhost" && host !== "[::1]") return host;
  const fallback = req.headers["x-shopify-shop-domain"];
  return typeof fallback === "string" && fallback ? normalizeShopDomain(fallback) : undefined;
}

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
