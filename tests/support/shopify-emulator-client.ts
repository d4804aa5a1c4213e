// Speaks to the Shopify emulator over HTTP as the app does: Admin GraphQL with an access token, files
// under https://<shop>/_emulator-files/… reached on the emulator with the shop's header, and polling.
import { validateDocument } from "../../emulators/shopify/schema";
import type { ShopifyEmulator } from "../../emulators/shopify/index";

// Answers are read loosely: each test looks at the few fields it asked for.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = Record<string, any>;

export interface GqlAnswer {
  data: Loose;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export function shopifyClient(emulator: ShopifyEmulator, shop: string) {
  const token = emulator.issueAccessToken(shop);
  const headers = { "x-shopify-shop-domain": shop };
  return {
    async gql(query: string, variables: Record<string, unknown> = {}): Promise<GqlAnswer> {
      // Every document a test sends must be one the real 2026-07 schema accepts.
      const invalid = validateDocument(query);
      if (invalid.length) throw new Error(`invalid document: ${invalid.join("; ")}`);
      const response = await fetch(`${emulator.url}/admin/api/2026-07/graphql.json`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-shopify-access-token": token, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GqlAnswer;
    },
    /** A https://<shop>/… URL of the emulator, fetched on the emulator itself. */
    fetchShopUrl(url: string, init: RequestInit = {}) {
      return fetch(url.replace(`https://${shop}`, emulator.url), {
        ...init,
        headers: { ...headers, ...(init.headers as Record<string, string>) },
      });
    },
    control(path: string, body: unknown) {
      return fetch(`${emulator.url}/_emulator/shops/${shop}/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    },
  };
}

/** Calls `read` until `done` holds for its answer (or fails after `ms`). */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still waiting after ${ms} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
