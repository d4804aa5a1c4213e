// The POS accounts JSON API with an API token, against the Square emulator: add an account (201), its
// errors (422 naming fields, 404), "Test connection" of the values sent (not the saved ones), the location
// mapping, and the poll's controls (run, pause, resume) on the account's own schedule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { db } from "~/db.server";
import { listPosAccounts, testPosAccount } from "~/pos/accounts.server";
import { action as operation } from "~/routes/api.pos.accounts.$id.$operation";
import { action as save, loader as account } from "~/routes/api.pos.accounts.$id._index";
import { action as saveLocations } from "~/routes/api.pos.accounts.$id.locations";
import { action as test } from "~/routes/api.pos.accounts.$id.test";
import { action as create, loader as list } from "~/routes/api.pos.accounts._index";
import { action as notify } from "~/routes/pos.notify.$accountId";
import { squareSignature, type SquareEmulator } from "../../emulators/square/index";
import { installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { LYON, PARIS, SQUARE_TOKEN, startSquare } from "./pos-harness";

let square: SquareEmulator;
let token: string;
const shop = uniqueShop("pos-api");

beforeAll(async () => {
  square = await startSquare(3);
  await installShop(shop);
  ({ token } = await createApiToken(shop, "ERP"));
});
afterAll(async () => square?.close());

function request(path: string, method = "GET", body?: unknown) {
  return new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const read = async (response: Response) => ({ status: response.status, body: (await response.json()) as any });
const args = (req: Request, params: Record<string, string> = {}) => ({ request: req, params, context: {} });

describe("POS accounts API", () => {
  let id: string;

  it("adds a Square account and lists it without its secrets", async () => {
    const created = await read(
      await create(
        args(
          request("/api/pos/accounts", "POST", {
            system: "square",
            name: "Paris et Lyon",
            settings: { apiUrl: square.url },
            secrets: { accessToken: SQUARE_TOKEN },
          }),
        ),
      ),
    );
    expect(created.status).toBe(201);
    id = created.body.account.id;
    expect(created.body.account).toMatchObject({
      system: "square",
      systemName: "Square",
      cron: "*/5 * * * *",
      paused: false,
    });
    const listed = await read(await list(args(request("/api/pos/accounts"))));
    expect(listed.body.accounts).toEqual([expect.objectContaining({ id, secretsSet: ["accessToken"] })]);
    expect(JSON.stringify(listed.body)).not.toContain(SQUARE_TOKEN);
    expect(listed.body.systems.map((s: { id: string }) => s.id)).toContain("square");
    const schedule = await db.schedule.findFirstOrThrow({ where: { shop, type: created.body.account.jobType } });
    expect(schedule).toMatchObject({ cron: "*/5 * * * *", enabled: true });
  });

  it("answers 422 naming the fields, and 404 for an account of nobody", async () => {
    const refused = await read(
      await create(args(request("/api/pos/accounts", "POST", { system: "square", name: "", settings: {} }))),
    );
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.body.fieldErrors ?? {})).toEqual(expect.arrayContaining(["name"]));
    const missing = await read(await account(args(request("/api/pos/accounts/nope"), { id: "nope" })));
    expect(missing.status).toBe(404);
  });

  it("tests the values sent, not the saved ones, and lists Square's locations", async () => {
    const wrong = await read(
      await test(args(request(`/api/pos/accounts/${id}/test`, "POST", { secrets: { accessToken: "wrong" } }), { id })),
    );
    expect(wrong.body).toMatchObject({ ok: false, locations: [] });
    expect(wrong.body.message).toMatch(/^Square refused the access token/);
    const saved = await read(await test(args(request(`/api/pos/accounts/${id}/test`, "POST"), { id })));
    expect(saved.body).toMatchObject({ ok: true, message: "Connected: 2 locations (Boutique Paris, Boutique Lyon)." });
    expect(saved.body.locations.map((l: { id: string }) => l.id)).toEqual([PARIS, LYON]);
  });

  it("keeps the saved account's last check with its words: the French screen reads French, the API English", async () => {
    const english = "Connected: 2 locations (Boutique Paris, Boutique Lyon).";
    expect((await testPosAccount(shop, id, db, "fr")).message).toBe(
      "Connecté : 2 emplacements (Boutique Paris, Boutique Lyon).",
    );
    expect((await testPosAccount(shop, id)).message).toBe(english);
    const [fr] = await listPosAccounts(shop, db, "fr");
    expect(fr!.lastCheck).toMatchObject({
      ok: true,
      message: "Connecté : 2 emplacements (Boutique Paris, Boutique Lyon).",
    });
    const [en] = await listPosAccounts(shop, db);
    expect(en!.lastCheck).toMatchObject({ ok: true, message: english });
    const listed = await read(await list(args(request("/api/pos/accounts"))));
    expect(listed.body.accounts[0].lastCheck.message).toBe(english);
  });

  it("saves the location mapping, refusing two POS locations on one Shopify location unless added up", async () => {
    const mappings = [
      { posLocationId: PARIS, shopifyLocationId: "gid://shopify/Location/1" },
      { posLocationId: LYON, shopifyLocationId: "gid://shopify/Location/1" },
    ];
    const refused = await read(await saveLocations(args(request(`/x`, "PUT", { mappings }), { id })));
    expect(refused.status).toBe(422);
    const summed = await read(
      await saveLocations(args(request(`/x`, "PUT", { mappings, sumLocations: true }), { id })),
    );
    expect(summed.body).toMatchObject({
      sumLocations: true,
      mappings: [{ posLocationId: LYON }, { posLocationId: PARIS }],
    });
  });

  it("runs, pauses and resumes the account's poll; a new cron is its schedule's", async () => {
    const run = await read(await operation(args(request(`/x`, "POST"), { id, operation: "run" })));
    expect(run.status).toBe(202);
    const job = await db.job.findUniqueOrThrow({ where: { id: run.body.job.jobId } });
    expect(job).toMatchObject({ type: `pos.stock.${id}`, trigger: "api", status: "queued" });
    const paused = await read(await operation(args(request(`/x`, "POST"), { id, operation: "pause" })));
    expect(paused.body.account.paused).toBe(true);
    expect((await db.schedule.findFirstOrThrow({ where: { shop, type: `pos.stock.${id}` } })).enabled).toBe(false);
    await operation(args(request(`/x`, "POST"), { id, operation: "resume" }));
    await save(args(request(`/x`, "PUT", { cron: "*/15 * * * *" }), { id }));
    expect(await db.schedule.findFirstOrThrow({ where: { shop, type: `pos.stock.${id}` } })).toMatchObject({
      cron: "*/15 * * * *",
      enabled: true,
    });
    const unknown = await read(await operation(args(request(`/x`, "POST"), { id, operation: "explode" })));
    expect(unknown.status).toBe(422);
  });

  it("queues one poll for a signed count notification and refuses a bad signature", async () => {
    await save(args(request(`/x`, "PUT", { secrets: { webhookSignatureKey: "sig-key" } }), { id }));
    const url = `${process.env.SHOPIFY_APP_URL}/pos/notify/${id}`;
    const body = JSON.stringify({
      type: "inventory.count.updated",
      data: { object: { inventory_counts: [{ catalog_object_id: "V1", location_id: PARIS, quantity: "3" }] } },
    });
    const post = (signature: string) =>
      notify(
        args(new Request(url, { method: "POST", headers: { "x-square-hmacsha256-signature": signature }, body }), {
          accountId: id,
        }),
      );
    expect((await post("bad")).status).toBe(401);
    await db.job.deleteMany({ where: { shop, type: `pos.stock.${id}` } });
    const first = await read(await post(squareSignature("sig-key", url, body)));
    const second = await read(await post(squareSignature("sig-key", url, body)));
    expect(first).toMatchObject({ status: 200, body: { polled: true } });
    expect(second.body.jobId).toBe(first.body.jobId);
    expect(await db.job.count({ where: { shop, type: `pos.stock.${id}`, trigger: "webhook" } })).toBe(1);
  });
});

describe("a Hiboutik account's daily quota", () => {
  it("answers the requests used and left today with the account", async () => {
    const created = await read(
      await create(
        args(
          request("/api/pos/accounts", "POST", {
            system: "hiboutik",
            name: "Nantes",
            settings: { accountName: "boutique", email: "caisse@boutique.test", maximumRequests: 2000 },
            secrets: { apiKey: "hb-key" },
          }),
        ),
      ),
    );
    expect(created.status).toBe(201);
    const hiboutik = created.body.account.id as string;
    await db.posQuota.create({
      data: { accountId: hiboutik, shop, day: new Date().toISOString().slice(0, 10), used: 1_850 },
    });
    const answer = await read(await account(args(request(`/api/pos/accounts/${hiboutik}`), { id: hiboutik })));
    expect(answer.status).toBe(200);
    expect(answer.body.usage).toMatchObject({
      used: 1_850,
      limit: 2_000,
      note: "Slowing down: 92% of today's requests used.",
    });
    expect(new Date(answer.body.usage.resetsAt).toISOString()).toMatch(/T00:00:00.000Z$/);
    // Square keeps no daily count: no usage to show.
    const square = (await read(await list(args(request("/api/pos/accounts"))))).body.accounts.find(
      (a: { system: string }) => a.system === "square",
    );
    const squareAnswer = await read(await account(args(request(`/api/pos/accounts/${square.id}`), { id: square.id })));
    expect(squareAnswer.body.usage).toBeNull();
  });
});
