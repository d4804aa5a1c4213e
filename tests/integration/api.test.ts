import { describe, expect, it } from "vitest";
import { createApiToken, revokeApiToken } from "~/api/tokens.server";
import { db } from "~/db.server";
import { loader as jobState } from "~/routes/api.jobs.$id";
import { action as startSync } from "~/routes/api.sync.$type";
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
    expect(badParams.status).toBe(400);
    expect(await db.job.count({ where: { shop } })).toBe(0);
  });

  it("never shows another shop's job", async () => {
    const a = await shopWithToken();
    const b = await shopWithToken();
    const { jobId } = (await (await start(PRUNE, a.token)).json()) as { jobId: string };
    expect((await state(jobId, b.token)).status).toBe(404);
    expect((await state(jobId, a.token)).status).toBe(200);
  });
});
