// Calls a screen's loader or action over HTTP the way the app's own pages do with Remix single fetch:
// `<path>.data` URLs answering in turbo-stream, decoded here into the route's plain data.
import { decode } from "turbo-stream";

/** The URL of a screen's data: its loader alone for GET, its action for POST (`?index` for an index route). */
export function routeDataUrl(appUrl: string, path: string, routeId: string, method: "GET" | "POST" = "GET"): string {
  const base = `${appUrl}${path === "/" ? "/_root" : path.replace(/\/$/, "")}.data`;
  if (method === "GET") return `${base}?_routes=${encodeURIComponent(routeId)}`;
  return routeId.endsWith("._index") ? `${base}?index` : base;
}

/** A single-fetch answer as plain data: the loader's data for `routeId`, or the action's. */
export async function readRouteData<T = Record<string, unknown>>(response: Response, routeId?: string): Promise<T> {
  if (!response.body) throw new Error(`the app answered ${response.status} without a body`);
  const decoded = await decode(response.body as ReadableStream<Uint8Array>);
  await decoded.done;
  const value = decoded.value as Record<string, { data?: unknown; error?: unknown }> & {
    data?: unknown;
    error?: unknown;
  };
  const entry = routeId ? value[routeId] : value;
  if (!entry) throw new Error(`the app's answer has no data for ${routeId ?? "the action"}`);
  if ("error" in entry && entry.error !== undefined)
    throw new Error(`the route failed: ${JSON.stringify(entry.error)}`);
  return entry.data as T;
}
