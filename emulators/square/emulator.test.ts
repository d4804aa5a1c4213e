// Contract of the Square emulator, over real HTTP on a free port.
import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EmulatorClock, readBody, startHttpServer, type RunningHttpServer } from "../_kit/index";
import { startSquareEmulator, type SquareEmulator } from "./index";

const TOKEN = "sq-token";
const PARIS = "LPARIS";
const LYON = "LLYON";
let square: SquareEmulator;
const clock = new EmulatorClock();
const variations = Array.from({ length: 5 }, (_, i) => ({
  id: `VAR${i}`,
  name: `Size ${i}`,
  sku: `SKU-${i}`,
  counts: { [PARIS]: 10 + i, [LYON]: i },
}));

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

beforeAll(async () => {
  clock.freeze(T0);
  square = await startSquareEmulator({
    accessTokens: [TOKEN, "other-token"],
    clock,
    catalogPageSize: 2,
    seed: {
      locations: [
        { id: PARIS, name: "Paris" },
        { id: LYON, name: "Lyon" },
      ],
      items: [
        { id: "ITEM1", name: "Shirt", variations: variations.slice(0, 3) },
        { id: "ITEM2", name: "Cap", variations: variations.slice(3) },
        { id: "ITEM3", name: "Socks" },
      ],
    },
  });
});
afterAll(() => square.close());
// Every test starts from the seed, counted at T0 on a frozen clock.
beforeEach(() => {
  clock.freeze(T0);
  square.reset();
});
afterEach(() => clock.reset());

/** Each call moves the frozen clock 200 ms so the rate limit stays out of tests that are not about it. */
async function api(path: string, init: { body?: unknown; method?: string; token?: string | null } = {}) {
  clock.advance(200);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.token !== null) headers.authorization = `Bearer ${init.token ?? TOKEN}`;
  const response = await fetch(`${square.url}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read arbitrary API answers
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const sale = (objectId: string, quantity: string, locationId = PARIS) => ({
  type: "ADJUSTMENT",
  adjustment: {
    catalog_object_id: objectId,
    location_id: locationId,
    from_state: "IN_STOCK",
    to_state: "SOLD",
    quantity,
    occurred_at: "2026-01-05T10:00:00Z",
  },
});

describe("auth and errors", () => {
  it("refuses a missing, unknown or revoked token with Square's error body", async () => {
    expect(await api("/v2/locations", { token: null })).toMatchObject({
      status: 401,
      body: { errors: [{ category: "AUTHENTICATION_ERROR", code: "UNAUTHORIZED" }] },
    });
    expect((await api("/v2/locations", { token: "nope" })).status).toBe(401);
    square.revokeToken("other-token");
    expect(await api("/v2/locations", { token: "other-token" })).toMatchObject({
      status: 401,
      body: { errors: [{ code: "ACCESS_TOKEN_REVOKED" }] },
    });
    expect((await api("/v2/locations")).status).toBe(200);
  });

  it("lists the locations", async () => {
    const { body } = await api("/v2/locations");
    expect(body.locations.map((location: { id: string }) => location.id)).toEqual([PARIS, LYON]);
    expect(body.locations[0]).toMatchObject({ name: "Paris", status: "ACTIVE" });
  });

  it("answers an unknown endpoint and malformed JSON in Square's shape", async () => {
    expect(await api("/v2/nowhere")).toMatchObject({ status: 404, body: { errors: [{ code: "NOT_FOUND" }] } });
    const response = await fetch(`${square.url}/v2/inventory/counts/batch-retrieve`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ category: "INVALID_REQUEST_ERROR" }] });
  });
});

describe("catalog", () => {
  it("pages the item list with a cursor; items carry their variations", async () => {
    const first = await api("/v2/catalog/list?types=ITEM");
    expect(first.body.objects.map((object: { id: string }) => object.id)).toEqual(["ITEM1", "ITEM2"]);
    expect(first.body.objects[0].item_data.variations[1]).toMatchObject({
      id: "VAR1",
      item_variation_data: { item_id: "ITEM1", sku: "SKU-1" },
    });
    const second = await api(`/v2/catalog/list?types=ITEM&cursor=${first.body.cursor}`);
    expect(second.body.objects.map((object: { id: string }) => object.id)).toEqual(["ITEM3"]);
    expect(second.body.cursor).toBeUndefined();
  });

  it("searches variations with limit and cursor, and refuses a cursor from another query", async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { body } = await api("/v2/catalog/search", {
        body: { object_types: ["ITEM_VARIATION"], limit: 4, cursor },
      });
      ids.push(...body.objects.map((object: { id: string }) => object.id));
      cursor = body.cursor;
    } while (cursor && ++pages < 10);
    expect(ids).toHaveLength(6);
    const page = await api("/v2/catalog/search", { body: { object_types: ["ITEM_VARIATION"], limit: 4 } });
    const other = await api("/v2/catalog/search", {
      body: { object_types: ["ITEM"], limit: 4, cursor: page.body.cursor },
    });
    expect(other).toMatchObject({ status: 400, body: { errors: [{ code: "INVALID_CURSOR" }] } });
  });
});

describe("inventory counts", () => {
  it("reads every count across pages, filtered by location and objects", async () => {
    const seen: { catalog_object_id: string; quantity: string }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { status, body } = await api("/v2/inventory/counts/batch-retrieve", {
        body: { location_ids: [PARIS], limit: 2, cursor },
      });
      expect(status).toBe(200);
      seen.push(...body.counts);
      cursor = body.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((count) => [count.catalog_object_id, count.quantity])).toEqual(
      variations.map((variation, i) => [variation.id, String(10 + i)]),
    );
    const { body } = await api("/v2/inventory/counts/batch-retrieve", {
      body: { catalog_object_ids: ["VAR2"], location_ids: [LYON] },
    });
    expect(body.counts).toEqual([
      expect.objectContaining({ catalog_object_id: "VAR2", location_id: LYON, state: "IN_STOCK", quantity: "2" }),
    ]);
  });
});

describe("inventory changes", () => {
  it("applies an ADJUSTMENT once per idempotency key and answers the same again", async () => {
    const request = { idempotency_key: "order-1-line-1", changes: [sale("VAR1", "3")] };
    const first = await api("/v2/inventory/changes/batch-create", { body: request });
    expect(first.status).toBe(200);
    expect(first.body.counts).toEqual([expect.objectContaining({ catalog_object_id: "VAR1", quantity: "8" })]);
    const again = await api("/v2/inventory/changes/batch-create", { body: request });
    expect(again).toEqual(first);
    expect(
      square.state().counts.find((count) => count.catalogObjectId === "VAR1" && count.locationId === PARIS),
    ).toMatchObject({
      quantity: "8",
    });
    const reused = await api("/v2/inventory/changes/batch-create", {
      body: { idempotency_key: "order-1-line-1", changes: [sale("VAR1", "1")] },
    });
    expect(reused).toMatchObject({ status: 400, body: { errors: [{ code: "IDEMPOTENCY_KEY_REUSED" }] } });
  });

  it("puts stock back with a SOLD → IN_STOCK adjustment (a refund)", async () => {
    const refund = sale("VAR2", "2");
    refund.adjustment.from_state = "SOLD";
    refund.adjustment.to_state = "IN_STOCK";
    const { body } = await api("/v2/inventory/changes/batch-create", {
      body: { idempotency_key: "r1", changes: [refund] },
    });
    expect(body.counts).toEqual([
      expect.objectContaining({ catalog_object_id: "VAR2", location_id: PARIS, quantity: "14" }),
    ]);
  });

  it("sets an absolute PHYSICAL_COUNT, and ignores one older than the count in force", async () => {
    const count = (quantity: string, occurredAt: string) => ({
      type: "PHYSICAL_COUNT",
      physical_count: {
        catalog_object_id: "VAR0",
        location_id: PARIS,
        state: "IN_STOCK",
        quantity,
        occurred_at: occurredAt,
      },
    });
    await api("/v2/inventory/changes/batch-create", {
      body: { idempotency_key: "c1", changes: [count("25", "2026-01-05T11:00:00Z")] },
    });
    await api("/v2/inventory/changes/batch-create", {
      body: { idempotency_key: "c2", changes: [count("3", "2026-01-05T10:30:00Z")] },
    });
    const { body } = await api("/v2/inventory/counts/batch-retrieve", {
      body: { catalog_object_ids: ["VAR0"], location_ids: [PARIS] },
    });
    expect(body.counts[0].quantity).toBe("25");
  });

  it("refuses a batch with one bad change and applies none of it", async () => {
    const { status, body } = await api("/v2/inventory/changes/batch-create", {
      body: { idempotency_key: "bad", changes: [sale("VAR1", "1"), sale("NOPE", "1")] },
    });
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({
      category: "INVALID_REQUEST_ERROR",
      code: "INVALID_VALUE",
      field: "changes[1].adjustment.catalog_object_id",
    });
    expect(
      square.state().counts.find((count) => count.catalogObjectId === "VAR1" && count.locationId === PARIS)?.quantity,
    ).toBe("11");
    expect((await api("/v2/inventory/changes/batch-create", { body: { changes: [] } })).body.errors[0]).toMatchObject({
      code: "MISSING_REQUIRED_PARAMETER",
      field: "idempotency_key",
    });
  });
});

describe("rate limit", () => {
  it("answers 429 RATE_LIMITED past the limit within the window, then lets requests through again", async () => {
    await fetch(`${square.url}/_emulator/rate-limit`, {
      method: "POST",
      body: JSON.stringify({ limit: 3, windowMs: 1000 }),
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${square.url}/v2/locations`, { headers: { authorization: `Bearer ${TOKEN}` } });
      statuses.push(response.status);
      if (response.status === 429)
        expect(await response.json()).toEqual({
          errors: [expect.objectContaining({ category: "RATE_LIMIT_ERROR", code: "RATE_LIMITED" })],
        });
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    clock.advance(1001);
    expect((await fetch(`${square.url}/v2/locations`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
      200,
    );
  });

  it("injects a 429 through the kit's faults in Square's shape", async () => {
    square.faults.add([{ route: "POST /v2/inventory/*", kind: "status", status: 429, count: 1 }]);
    expect(await api("/v2/inventory/counts/batch-retrieve", { body: {} })).toMatchObject({
      status: 429,
      body: { errors: [{ code: "RATE_LIMITED" }] },
    });
    expect((await api("/v2/inventory/counts/batch-retrieve", { body: {} })).status).toBe(200);
  });
});

describe("inventory.count.updated webhook", () => {
  let receiver: RunningHttpServer;
  const received: { body: string; signature: string }[] = [];
  beforeAll(async () => {
    receiver = await startHttpServer(async (req, res) => {
      received.push({ body: await readBody(req), signature: String(req.headers["x-square-hmacsha256-signature"]) });
      res.writeHead(200).end();
    });
  });
  afterAll(() => receiver.close());

  it("posts changed counts to the subscribed URL, signed with HMAC-SHA256 of URL + body", async () => {
    received.length = 0;
    const notificationUrl = `${receiver.url}/webhooks/square`;
    const created = await api("/v2/webhooks/subscriptions", {
      body: {
        idempotency_key: "sub-1",
        subscription: { name: "sync", event_types: ["inventory.count.updated"], notification_url: notificationUrl },
      },
    });
    const signatureKey = created.body.subscription.signature_key as string;
    await api("/v2/inventory/changes/batch-create", { body: { idempotency_key: "s1", changes: [sale("VAR3", "2")] } });
    square.setCount({ catalogObjectId: "VAR4", locationId: LYON, quantity: 9 });
    await square.deliveriesSettled();
    expect(received).toHaveLength(2);
    for (const delivery of received) {
      const expected = createHmac("sha256", signatureKey)
        .update(notificationUrl + delivery.body)
        .digest("base64");
      expect(delivery.signature).toBe(expected);
    }
    // The two deliveries travel concurrently: read them by what they carry, not by arrival order.
    const events = received.map((delivery) => JSON.parse(delivery.body));
    expect(events[0]).toMatchObject({ type: "inventory.count.updated", merchant_id: expect.any(String) });
    const counts = events.flatMap((event) => event.data.object.inventory_counts);
    expect(counts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ catalog_object_id: "VAR3", location_id: PARIS, state: "IN_STOCK", quantity: "11" }),
        expect.objectContaining({ catalog_object_id: "VAR4", location_id: LYON, quantity: "9" }),
      ]),
    );
    expect(counts).toHaveLength(2);
  });

  it("sends nothing when a physical count does not change the quantity", async () => {
    received.length = 0;
    square.subscribe({ notificationUrl: `${receiver.url}/hook`, signatureKey: "k" });
    await api("/v2/inventory/changes/batch-create", {
      body: {
        idempotency_key: "same",
        changes: [
          {
            type: "PHYSICAL_COUNT",
            physical_count: {
              catalog_object_id: "VAR0",
              location_id: PARIS,
              state: "IN_STOCK",
              quantity: "10",
              occurred_at: "2026-01-05T12:00:00Z",
            },
          },
        ],
      },
    });
    await square.deliveriesSettled();
    expect(received).toHaveLength(0);
  });
});
