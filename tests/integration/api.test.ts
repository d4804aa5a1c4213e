import { describe, expect, it } from "vitest";
import { createApiToken, revokeApiToken } from "~/api/tokens.server";
import { db } from "~/db.server";
import { loader as jobState } from "~/routes/api.jobs.$id";
import { loader, action as startSync } from "~/routes/api.sync.$type";
import { installShop, sessionToken } from "../support/admin-request";
import { uniqueShop } from "../support/shops";

const PRUNE = "maintenance.prune-job-history";

function apiRequest(path: string, token: string | null, init: { method?: string; body?: string } = {}) {
  const headers = new Headers({ "content-type": "application/json" });
  if (token) headers.set("authorization", `Bearer ${token}`);
  return new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body,
  });
}

const start = (type: string, token: string | null, body?: string) =>
  startSync({
    request: apiRequest(`/api/sync/${type}`, token, { method: "POST", body }),
    params: { type },
    context: {},
  });
const state = (id: string, token: string | null) =>
  jobState({ request: apiRequest(`/api/jobs/${id}`, token), params: { id }, context: {} });

async function shopWithToken() {
  const shop = uniqueShop();
  await installShop(shop);
  const { token, id } = await createApiToken(shop, "ERP");
  return { shop, token, tokenId: id };
}

describe("JSON API", () => {
  it("POST /api/sync/<type> answers 202 with the job id at once; GET /api/jobs/<id> tells its state", async () => {
    const { shop, token } = await shopWithToken();
    const response = await start(PRUNE, token, JSON.stringify({ params: { keepSucceededDays: 7 } }));
    expect(response.status).toBe(202);
    const body = (await response.json()) as { jobId: string; status: string };
    expect(body.status).toBe("queued");
    expect(response.headers.get("location")).toBe(`/api/jobs/${body.jobId}`);

    const stored = await db.job.findUniqueOrThrow({ where: { id: body.jobId } });
    expect(stored).toMatchObject({ shop, type: PRUNE, trigger: "api" });

    const job = (await (await state(body.jobId, token)).json()) as { id: string; status: string; type: string };
    expect(job).toMatchObject({ id: body.jobId, status: "queued", type: PRUNE });
  });

  it("accepts the embedded app's session token too", async () => {
    const shop = uniqueShop();
    await installShop(shop);
    const response = await start(PRUNE, sessionToken(shop));
    expect(response.status).toBe(202);
  });

  it("answers 401 with a message without credentials, with an unknown or a revoked token", async () => {
    const { shop, token, tokenId } = await shopWithToken();
    for (const credential of [null, "psk_unknown", "garbage"]) {
      const response = await start(PRUNE, credential);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toMatch(/token|Bearer/);
    }
    await revokeApiToken(shop, tokenId);
    expect((await start(PRUNE, token)).status).toBe(401);
    expect(await db.job.count({ where: { shop } })).toBe(0);
  });

  it("refuses bad input with a 4xx and a readable message, creating nothing", async () => {
    const { shop, token } = await shopWithToken();
    const unknown = await start("no-such-sync", token);
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { error: string }).error).toContain('no sync called "no-such-sync"');

    const badJson = await start(PRUNE, token, "{not json");
    expect(badJson.status).toBe(400);
    const badParams = await start(PRUNE, token, JSON.stringify({ params: [1, 2] }));
    expect(badParams.status).toBe(422);
    expect(await db.job.count({ where: { shop } })).toBe(0);
  });

  it("never shows another shop's job", async () => {
    const a = await shopWithToken();
    const b = await shopWithToken();
    const { jobId } = (await (await start(PRUNE, a.token)).json()) as { jobId: string };
    expect((await state(jobId, b.token)).status).toBe(404);
    expect((await state(jobId, a.token)).status).toBe(200);
  });

  it("answers 413 to an oversized body without reading it all, and queues nothing", async () => {
    const { shop, token } = await shopWithToken();
    const chunk = new TextEncoder().encode(`{"params":{"note":"${"x".repeat(64 * 1024)}`);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 20 * 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(`${process.env.SHOPIFY_APP_URL}/api/sync/${PRUNE}`, {
      method: "POST",
      body,
      duplex: "half", // Node's fetch needs it for a streamed body
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    });
    const response = await startSync({ request, params: { type: PRUNE }, context: {} });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/larger than/);
    expect(pulled).toBeLessThan(1024 * 1024);
    expect(await db.job.count({ where: { shop } })).toBe(0);
  });

  it("answers 415 to a body that is not JSON, and 405 with JSON to a GET", async () => {
    const { shop, token } = await shopWithToken();
    const xml = new Request(`${process.env.SHOPIFY_APP_URL}/api/sync/${PRUNE}`, {
      method: "POST",
      body: "<params/>",
      headers: { "content-type": "text/xml", authorization: `Bearer ${token}` },
    });
    const refused = await startSync({ request: xml, params: { type: PRUNE }, context: {} });
    expect(refused.status).toBe(415);
    expect(((await refused.json()) as { error: string }).error).toContain("application/json");
    const get = loader();
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(((await get.json()) as { error: string }).error).toBeTruthy();
    expect(await db.job.count({ where: { shop } })).toBe(0);
  });

  it("checks params against the sync's own schema: 422 naming the fields, nothing queued", async () => {
    const { shop, token } = await shopWithToken();
    const cases: [type: string, body: unknown, field: string][] = [
      [PRUNE, { params: { keepFailedDays: -1 } }, "keepFailedDays"],
      [PRUNE, { params: { keepFailedDays: 3, dropTables: true } }, "dropTables"],
      ["prices.update", { params: { readMode: "telepathy" } }, "readMode"],
      ["orders.reconcile", { params: { since: "1970-01-01" } }, "since"],
      ["orders.reconcile", { params: { blob: "x".repeat(13_000) } }, "params"],
      [PRUNE, { params: {}, extra: 1 }, "extra"],
    ];
    for (const [type, body, field] of cases) {
      const response = await start(type, token, JSON.stringify(body));
      expect(response.status, `${type} ${JSON.stringify(body).slice(0, 60)}`).toBe(422);
      const answer = (await response.json()) as { error: string; fieldErrors: Record<string, string> };
      expect(Object.keys(answer.fieldErrors)).toContain(field);
    }
    expect(await db.job.count({ where: { shop } })).toBe(0);
    expect((await start(PRUNE, token, JSON.stringify({ params: { keepFailedDays: 30 } }))).status).toBe(202);
  });
});
