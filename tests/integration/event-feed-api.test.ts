// The ERP event feed's JSON API: endpoints CRUD (secret shown once, header values never), Send test
// event, the delivery log with filters and attempts, replay — and refusals in plain words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { db } from "~/db.server";
import { deliverDueEvents } from "~/event-feed/deliverer.server";
import { recordShopEvent } from "~/event-feed/outbox.server";
import { feedFormAction, feedLogView, feedSettingsView } from "~/event-feed/screen.server";
import { loader as deliveriesGet } from "~/routes/api.event-feed.deliveries";
import { action as endpointOp } from "~/routes/api.event-feed.endpoints.$id.$operation";
import { action as endpointWrite, loader as endpointGet } from "~/routes/api.event-feed.endpoints.$id._index";
import { action as endpointsPost, loader as endpointsGet } from "~/routes/api.event-feed.endpoints._index";
import { action as replayPost } from "~/routes/api.event-feed.replay";
import { action as reconcilePost } from "~/routes/api.event-feed.reconcile";
import { startErpReceiver, type ErpReceiver } from "../../emulators/erp-receiver/index";
import { uniqueShop } from "../support/shops";

const shop = uniqueShop("feedapi");
let token: string;
let erp: ErpReceiver;

beforeAll(async () => {
  token = (await createApiToken(shop, "ERP")).token;
  erp = await startErpReceiver();
});
afterAll(() => erp?.close());

function call(path: string, init: { method?: string; json?: unknown; token?: string | null } = {}) {
  const headers = new Headers({ "content-type": "application/json" });
  const bearer = init.token === undefined ? token : init.token;
  if (bearer) headers.set("authorization", `Bearer ${bearer}`);
  return {
    request: new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
      method: init.method ?? "GET",
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    }),
    context: {},
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field
type Json = Record<string, any>;

async function answer(response: Response | Promise<Response>) {
  const r = await response;
  return { status: r.status, body: r.status === 204 ? null : ((await r.json()) as Json) };
}

describe("the event feed API", () => {
  it("adds, lists, changes and removes endpoints; the secret is shown once and header values never", async () => {
    const created = await answer(
      endpointsPost({
        ...call("/api/event-feed/endpoints", {
          method: "POST",
          json: { name: "ERP", url: `${erp.url}/in`, topics: ["orders/create"], headers: { "X-Api-Key": "k-123" } },
        }),
        params: {},
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body!.secret).toMatch(/^whsec_/);
    const id = created.body!.endpoint.id as string;

    const list = await answer(endpointsGet({ ...call("/api/event-feed/endpoints"), params: {} }));
    expect(JSON.stringify(list.body)).not.toContain("whsec_");
    expect(JSON.stringify(list.body)).not.toContain("k-123");
    expect(list.body!.endpoints[0]).toMatchObject({ id, headerNames: ["X-Api-Key"], health: { backlog: 0 } });

    const bad = await answer(
      endpointWrite({
        ...call(`/api/event-feed/endpoints/${id}`, { method: "PATCH", json: { url: "http://erp.example/x" } }),
        params: { id },
      }),
    );
    expect(bad.status).toBe(422);
    expect(bad.body!.fieldErrors.url).toContain("https://");

    const paused = await answer(
      endpointWrite({
        ...call(`/api/event-feed/endpoints/${id}`, { method: "PATCH", json: { enabled: false } }),
        params: { id },
      }),
    );
    expect(paused.body).toMatchObject({ status: "paused" });

    const rotated = await answer(
      endpointOp({
        ...call(`/api/event-feed/endpoints/${id}/rotate-secret`, { method: "POST", json: { overlapHours: 2 } }),
        params: { id, operation: "rotate-secret" },
      }),
    );
    expect(rotated.body!.secret).toMatch(/^whsec_/);
    expect(rotated.body!.secret).not.toBe(created.body!.secret);

    expect(
      (
        await answer(
          endpointWrite({ ...call(`/api/event-feed/endpoints/${id}`, { method: "DELETE" }), params: { id } }),
        )
      ).status,
    ).toBe(204);
    expect((await answer(endpointGet({ ...call(`/api/event-feed/endpoints/${id}`), params: { id } }))).status).toBe(
      404,
    );
  });

  it("sends a test event and answers what the endpoint said", async () => {
    const { body } = await answer(
      endpointsPost({
        ...call("/api/event-feed/endpoints", {
          method: "POST",
          json: { name: "T", url: `${erp.url}/t`, topics: ["products/update"] },
        }),
        params: {},
      }),
    );
    const id = body!.endpoint.id as string;
    erp.setMode({ kind: "fail", status: 500 });
    const failed = await answer(
      endpointOp({
        ...call(`/api/event-feed/endpoints/${id}/test`, { method: "POST" }),
        params: { id, operation: "test" },
      }),
    );
    erp.setMode({ kind: "ok" });
    // The JSON API answers in English, as before: the reason is its sentence, not its words.
    expect(failed.body).toMatchObject({
      outcome: "retry",
      status: 500,
      topic: "products/update",
      reason: "The endpoint answered HTTP 500 (server error).",
    });
    expect(failed.body!.answer).toContain("told to answer 500");
    const ok = await answer(
      endpointOp({
        ...call(`/api/event-feed/endpoints/${id}/test`, { method: "POST" }),
        params: { id, operation: "test" },
      }),
    );
    expect(ok.body).toMatchObject({ outcome: "delivered", status: 200 });
  });

  it("filters the delivery log and replays one delivery", async () => {
    const { body } = await answer(
      endpointsPost({
        ...call("/api/event-feed/endpoints", {
          method: "POST",
          json: { name: "L", url: `${erp.url}/log`, topics: ["orders/create", "products/create"] },
        }),
        params: {},
      }),
    );
    const endpointId = body!.endpoint.id as string;
    await recordShopEvent(db, { id: `${shop}-o1`, shop, topic: "orders/create", body: '{"id":41}' });
    await recordShopEvent(db, { id: `${shop}-p1`, shop, topic: "products/create", body: '{"id":42}' });
    await deliverDueEvents({ db });
    const log = await answer(
      deliveriesGet({
        ...call(`/api/event-feed/deliveries?endpoint=${endpointId}&topic=orders/create&resource=41`),
        params: {},
      }),
    );
    expect(log.body!.deliveries).toHaveLength(1);
    const delivery = log.body!.deliveries[0];
    expect(delivery).toMatchObject({ topic: "orders/create", resource: "order 41", status: "delivered" });
    expect(delivery.tries[0]).toMatchObject({ outcome: "delivered", httpStatus: 200, answer: '{"received":true}' });
    expect(typeof delivery.tries[0].ms).toBe("number");

    const badFilter = await answer(deliveriesGet({ ...call("/api/event-feed/deliveries?status=lost"), params: {} }));
    expect(badFilter.status).toBe(422);

    const replayed = await answer(
      replayPost({
        ...call("/api/event-feed/replay", { method: "POST", json: { deliveryId: delivery.id } }),
        params: {},
      }),
    );
    expect(replayed.body).toEqual({ queued: 1 });
    const before = erp.received.length;
    await deliverDueEvents({ db });
    expect(erp.received.length).toBe(before + 1);
    const range = await answer(
      replayPost({
        ...call("/api/event-feed/replay", {
          method: "POST",
          json: {
            endpointId,
            from: new Date(Date.now() - 60_000).toISOString(),
            to: new Date(Date.now() + 60_000).toISOString(),
          },
        }),
        params: {},
      }),
    );
    expect(range.body).toEqual({ queued: 2 });
    const vague = await answer(
      replayPost({ ...call("/api/event-feed/replay", { method: "POST", json: { everything: true } }), params: {} }),
    );
    expect(vague.status).toBe(422);
    expect(vague.body!.error).toContain("deliveryId");
  });

  it("queues the catch-up on demand: 202 with the run to follow", async () => {
    const queued = await answer(
      reconcilePost({ ...call("/api/event-feed/reconcile", { method: "POST" }), params: {} }),
    );
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: "queued" });
    const job = await db.job.findUniqueOrThrow({ where: { id: String(queued.body!.jobId) } });
    expect(job).toMatchObject({ type: "feed.reconcile", trigger: "api", status: "queued" });
  });

  it("refuses a caller without a token", async () => {
    const response = await answer(endpointsGet({ ...call("/api/event-feed/endpoints", { token: null }), params: {} }));
    expect(response.status).toBe(401);
  });

  it("backs the screens: add with the seed's layout, send a test event, pause, resume, replay a range", async () => {
    const screenShop = uniqueShop("feedscreen");
    const added = await feedFormAction(screenShop, {
      intent: "add",
      name: "ERP orders",
      url: `${erp.url}/screen`,
      "topic:orders/create": "on",
      "topic:fulfillments/update": "on",
      headers: "X-Api-Key: abc\nX-Tenant: 7",
    });
    expect(added).toMatchObject({ ok: true, secret: expect.stringMatching(/^whsec_/) });
    const [endpoint] = (await feedSettingsView(screenShop)).endpoints;
    expect(endpoint).toMatchObject({
      topics: ["orders/create", "fulfillments/update"],
      headerNames: ["X-Api-Key", "X-Tenant"],
    });
    const tested = await feedFormAction(screenShop, { intent: "test", endpointId: endpoint!.id });
    expect(tested).toMatchObject({ ok: true, answer: '{"received":true}' });
    expect(tested.message).toContain("HTTP 200");
    // A test the endpoint refuses: a French admin reads why in French.
    erp.setMode({ kind: "fail", status: 500 });
    try {
      const refused = await feedFormAction(screenShop, { intent: "test", endpointId: endpoint!.id }, "fr");
      expect(refused.ok).toBe(false);
      expect(refused.message).toMatch(/ — Le point de terminaison a répondu HTTP 500 \(erreur du serveur\)\.$/);
      const english = await feedFormAction(screenShop, { intent: "test", endpointId: endpoint!.id });
      expect(english.message).toMatch(/ — The endpoint answered HTTP 500 \(server error\)\.$/);
    } finally {
      erp.setMode({ kind: "ok" });
    }
    const bad = await feedFormAction(screenShop, {
      intent: "add",
      name: "x",
      url: "ftp://x",
      headers: "nonsense",
    }).catch((error: Error) => error.message);
    expect(bad).toContain("fixing");
    await feedFormAction(screenShop, { intent: "pause", endpointId: endpoint!.id });
    await recordShopEvent(db, { id: `${screenShop}-1`, shop: screenShop, topic: "orders/create", body: '{"id":1}' });
    await deliverDueEvents({ db });
    expect((await feedLogView(screenShop, new URLSearchParams("status=pending"))).deliveries.items).toHaveLength(1);
    await feedFormAction(screenShop, { intent: "resume", endpointId: endpoint!.id });
    await deliverDueEvents({ db });
    const log = await feedLogView(screenShop, new URLSearchParams("status=delivered"));
    expect(log.deliveries.items).toHaveLength(1);
    const range = await feedFormAction(screenShop, {
      intent: "replay-range",
      from: new Date(Date.now() - 60_000).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(range.message).toBe("1 delivery queued again.");
    expect((await feedLogView(screenShop, new URLSearchParams("status=lost"))).filterProblem).toContain("not valid");
  });

  it("reads the Event feed screen's filters, not the admin's other parameters (?locale=, ?host=)", async () => {
    const shop = uniqueShop("feedparams");
    const view = await feedLogView(shop, new URLSearchParams("locale=fr&host=abc&embedded=1&status=pending"), "fr");
    expect(view.filterProblem).toBeNull();
    const bad = await feedLogView(shop, new URLSearchParams("locale=fr&status=lost"), "fr");
    expect(bad.filterProblem).toBe("Certains filtres ne sont pas valides.");
    expect((await feedLogView(shop, new URLSearchParams("status=lost"))).filterProblem).toBe(
      "Some filters are not valid.",
    );
  });
});
