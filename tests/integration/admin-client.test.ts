// The Admin client's handling of what Shopify can answer besides success, against a scripted HTTP
// server (the emulator answers correctly; these are the odd faults).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sayIn } from "~/i18n/stored-words";
import { AuthenticationError, merchantMessageOf, PermanentError } from "~/lib/errors";
import {
  assertNoUserErrors,
  ShopifyAdminClient,
  ShopifyGraphQLError,
  ShopifyUnavailableError,
  ShopifyUserErrors,
  type AdminCallRecord,
} from "~/shopify/admin-client.server";
import { installShopifyOriginOverride } from "~/shopify/api-origin.server";
import { CostBucket } from "~/shopify/cost-bucket";
import { startBulkQuery } from "~/shopify/bulk.server";
import { InventoryWriter } from "~/shopify/inventory.server";
import { SHOP_INFO } from "~/shopify/operations/shop";

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
let script: Answer[] = [];
const received: { host?: string; token?: string; body: string }[] = [];
let server: http.Server;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ host: req.headers.host, token: req.headers["x-shopify-access-token"] as string, body });
      const answer = script.shift() ?? { status: 500 };
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  installShopifyOriginOverride(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const shopData = {
  shop: {
    name: "S",
    myshopifyDomain: "s.myshopify.com",
    ianaTimezone: "UTC",
    currencyCode: "EUR",
    plan: { publicDisplayName: "Shopify", shopifyPlus: false },
  },
};
const cost = (available: number) => ({
  requestedQueryCost: 2,
  actualQueryCost: 2,
  throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: 100 },
});

function client(calls: AdminCallRecord[] = [], waits: number[] = []) {
  return new ShopifyAdminClient({
    shop: "s.myshopify.com",
    accessToken: "shpat_secret",
    // A frozen clock: the scripted sleeps take no time, so the bucket's refill estimate must not drift
    // with the real clock either (a slow machine otherwise waits 19 ms instead of Shopify's 20).
    bucket: new CostBucket(() => 0),
    maxAttempts: 3,
    onCall: (c) => calls.push(c),
    sleep: async (ms) => void waits.push(ms),
  });
}

describe("ShopifyAdminClient", () => {
  it("sends the operation to the shop with its token and returns the data", async () => {
    script = [
      { status: 200, body: { data: shopData, extensions: { cost: cost(1998) } }, headers: { "x-request-id": "req-1" } },
    ];
    received.length = 0;
    const calls: AdminCallRecord[] = [];
    const { data } = await client(calls).request(SHOP_INFO);
    expect(data.shop.name).toBe("S");
    expect(received[0]).toMatchObject({ host: "s.myshopify.com", token: "shpat_secret" });
    expect(JSON.parse(received[0]!.body)).toMatchObject({ operationName: "ShopInfo" });
    expect(calls[0]).toMatchObject({ operation: "ShopInfo", status: 200, attempts: 1, requestId: "req-1" });
  });

  it("retries 5xx and 429 (honouring Retry-After), then succeeds", async () => {
    script = [
      { status: 503 },
      { status: 429, headers: { "retry-after": "2" } },
      { status: 200, body: { data: shopData, extensions: { cost: cost(1998) } } },
    ];
    const waits: number[] = [];
    const calls: AdminCallRecord[] = [];
    await client(calls, waits).request(SHOP_INFO);
    expect(calls[0]!.attempts).toBe(3);
    expect(waits).toContain(2000);
  });

  it("retries THROTTLED after waiting for the refill Shopify reports", async () => {
    const throttled = {
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
      extensions: { cost: { ...cost(0), actualQueryCost: null } },
    };
    script = [
      { status: 200, body: throttled },
      { status: 200, body: { data: shopData, extensions: { cost: cost(1998) } } },
    ];
    const waits: number[] = [];
    await client([], waits).request(SHOP_INFO);
    // 2 points missing at 100 points/s.
    expect(waits).toContain(20);
  });

  it("gives up after the last attempt with a transient error", async () => {
    script = [{ status: 502 }, { status: 502 }, { status: 502 }];
    const error = await client()
      .request(SHOP_INFO)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyUnavailableError);
    expect((error as ShopifyUnavailableError).transient).toBe(true);
  });

  it("says the last retried failure with its words: French reads French, English unchanged", async () => {
    const lastFailure = async (answers: Answer[]) => {
      script = answers;
      return merchantMessageOf(
        await client()
          .request(SHOP_INFO)
          .catch((e: unknown) => e),
      )!;
    };
    const unavailable = await lastFailure([{ status: 502 }, { status: 502 }, { status: 502 }]);
    expect(sayIn(unavailable, "en")).toBe("Shopify answered HTTP 502 to ShopInfo");
    expect(sayIn(unavailable, "fr")).toBe("Shopify a répondu HTTP 502 à ShopInfo");
    const throttled = {
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
      extensions: { cost: { ...cost(2000), actualQueryCost: null } },
    };
    const slowed = await lastFailure([1, 2, 3].map(() => ({ status: 200, body: throttled })));
    expect(sayIn(slowed, "en")).toBe("Shopify kept throttling ShopInfo");
    expect(sayIn(slowed, "fr")).toBe("Shopify a continué de limiter le débit de ShopInfo");
    const cut = await lastFailure([1, 2, 3].map(() => ({ status: 200 })));
    expect(sayIn(cut, "en")).toMatch(/^Shopify's answer to ShopInfo was incomplete \(.+\)$/);
    expect(sayIn(cut, "fr")).toMatch(/^La réponse de Shopify à ShopInfo était incomplète \(.+\)$/);
  });

  it("fails at once on a refused token, without leaking it", async () => {
    script = [{ status: 401, body: { errors: "[API] Invalid API key or access token" } }];
    received.length = 0;
    const error = (await client()
      .request(SHOP_INFO)
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(received).toHaveLength(1);
    expect(error.message).not.toContain("shpat_secret");
  });

  it("says a refused call (HTTP 4xx) with its words: French reads French with Shopify's answer quoted, English unchanged", async () => {
    script = [{ status: 400, body: { error: "bad request" } }];
    const error = (await client()
      .request(SHOP_INFO)
      .catch((e: unknown) => e)) as PermanentError;
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toBe(`Shopify answered HTTP 400 to ShopInfo: “{"error":"bad request"}”`);
    expect(sayIn(merchantMessageOf(error)!, "fr")).toBe(
      `Shopify a répondu HTTP 400 (statut inattendu) à ShopInfo : « {"error":"bad request"} »`,
    );
  });

  it('says an answer without its result ("returned nothing") with its words: French reads French, English unchanged', async () => {
    const nothing = (() => {
      try {
        assertNoUserErrors("productSet", null);
      } catch (error) {
        return error;
      }
    })() as PermanentError;
    expect(nothing).toBeInstanceOf(PermanentError);
    expect(nothing.message).toBe("productSet returned nothing");
    expect(sayIn(merchantMessageOf(nothing)!, "fr")).toBe("Shopify n'a rien renvoyé pour productSet");

    // A stock write Shopify answered with no payload: the run's failure reads French too.
    script = [{ status: 200, body: { data: { inventorySetQuantities: null }, extensions: { cost: cost(1990) } } }];
    const writer = new InventoryWriter(client(), { locationId: "gid://shopify/Location/1", idempotencyScope: "t" });
    await writer.push({ inventoryItemId: "gid://shopify/InventoryItem/1", sku: "A", from: 1, to: 2 });
    const failed = (await writer.flush().catch((e: unknown) => e)) as PermanentError;
    expect(failed).toBeInstanceOf(PermanentError);
    expect(failed.message).toBe("inventorySetQuantities returned nothing");
    expect(sayIn(merchantMessageOf(failed)!, "fr")).toBe("Shopify n'a rien renvoyé pour inventorySetQuantities");

    // A bulk query Shopify started without saying which operation: a catalogue run's failure, in French too.
    script = [
      {
        status: 200,
        body: {
          data: { bulkOperationRunQuery: { bulkOperation: null, userErrors: [] } },
          extensions: { cost: cost(1990) },
        },
      },
    ];
    const noOperation = (await startBulkQuery(client(), "{ products { edges { node { id } } } }").catch(
      (e: unknown) => e,
    )) as PermanentError;
    expect(noOperation.message).toBe("bulkOperationRunQuery returned no operation");
    expect(sayIn(merchantMessageOf(noOperation)!, "fr")).toBe(
      "Shopify n'a pas renvoyé d'opération groupée pour bulkOperationRunQuery",
    );
  });

  it("turns GraphQL errors and userErrors into permanent errors that say what failed", async () => {
    script = [{ status: 200, body: { errors: [{ message: "Field 'nope' doesn't exist on type 'Shop'" }] } }];
    const error = await client()
      .request(SHOP_INFO)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyGraphQLError);
    expect((error as PermanentError).message).toContain("Field 'nope'");

    expect(() =>
      assertNoUserErrors("inventorySetQuantities", {
        userErrors: [{ field: ["input", "quantities", "0"], message: "is stale", code: "CHANGE_FROM_QUANTITY_STALE" }],
      }),
    ).toThrow(ShopifyUserErrors);
    expect(() => assertNoUserErrors("x", { userErrors: [{ field: ["a", "b"], message: "is bad" }] })).toThrow(
      "x failed: “a.b: is bad”",
    );
    expect(assertNoUserErrors("x", { userErrors: [], ok: 1 })).toEqual({ userErrors: [], ok: 1 });
  });
});
