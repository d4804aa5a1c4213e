// The Gift cards screen and JSON API: Check (the seed's check-giftcard), plan a mail (post-giftcard),
// Resend (mail-giftcard), search by code or customer with ERP, Shopify and mail status.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { action as checkApi } from "~/routes/api.gift-cards.$code.check";
import { loader as detailApi } from "~/routes/api.gift-cards.$code._index";
import { action as mailApi } from "~/routes/api.gift-cards.$code.mail";
import { action as resendApi } from "~/routes/api.gift-cards.$code.resend";
import { loader as listApi } from "~/routes/api.gift-cards._index";
import { action as screenAction, loader as screenLoader } from "~/routes/app.gift-cards";
import { adminRequest } from "../../support/admin-request";
import { startGiftCardWorld, type GiftCardWorld } from "./harness";

let world: GiftCardWorld;
let token: string;

beforeAll(async () => {
  world = await startGiftCardWorld("gcapi");
  token = (await createApiToken(world.shop, "ERP")).token;
});
afterAll(() => world?.close());

const call = (path: string, params: Record<string, string>, method = "GET", body?: unknown) => ({
  request: new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  }),
  params,
  context: {},
});
const read = async (answer: unknown) => {
  const response = answer as Response;
  return { status: response.status, body: await response.json() };
};

describe("gift cards API and screen", { timeout: 30_000 }, () => {
  it("checks once, plans, resends and lists a card with its three statuses", async () => {
    const code = "CADEAU-0001";
    const params = { code };
    expect(await read(await checkApi(call(`/api/gift-cards/${code}/check`, params, "POST")))).toMatchObject({
      status: 200,
      body: { kind: "created", code },
    });
    expect((await read(await checkApi(call(`/api/gift-cards/${code}/check`, params, "POST")))).body.kind).toBe(
      "unchanged",
    );
    expect(await read(await checkApi(call("/api/gift-cards/NOPE-0000/check", { code: "NOPE-0000" }, "POST")))).toEqual({
      status: 404,
      body: { error: "Fastmag has no gift card NOPE-0000." },
    });

    const bad = await read(
      await mailApi(call(`/api/gift-cards/${code}/mail`, params, "POST", { recipientEmail: "x" })),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.fieldErrors.recipientEmail).toBeTruthy();
    const planned = await read(
      await mailApi(
        call(`/api/gift-cards/${code}/mail`, params, "POST", {
          recipientEmail: "eleni@example.test",
          recipientName: "Ελένη",
          message: "Χρόνια πολλά",
          sendAt: "2030-01-01T08:00:00Z",
          locale: "el",
        }),
      ),
    );
    expect(planned).toMatchObject({ status: 201, body: { to: "eleni@example.test", status: "planned" } });
    expect((await read(await resendApi(call(`/api/gift-cards/${code}/resend`, params, "POST")))).status).toBe(201);
    expect(
      (await read(await resendApi(call("/api/gift-cards/CADEAU-0002/resend", { code: "CADEAU-0002" }, "POST")))).status,
    ).toBe(404);

    const list = await read(await listApi(call("/api/gift-cards?q=helene.lefevre", {})));
    expect(list.body.giftCards).toEqual([
      expect.objectContaining({
        code,
        customerEmail: "helene.lefevre@example.fr",
        erp: expect.objectContaining({ activated: true, balance: 50, currency: "EUR" }),
        shopify: expect.objectContaining({ status: "linked", balance: 50 }),
        inStep: "yes",
        mailStatus: "planned",
      }),
    ]);
    const detail = await read(await detailApi(call(`/api/gift-cards/${code}`, params)));
    expect(detail.body.mails).toHaveLength(2);
    expect((await read(await listApi(call("/api/gift-cards?q=eleni@example", {})))).body.giftCards).toHaveLength(1);
  });

  it("shows the screen, checks from it and says a refusal in plain words", async () => {
    const checked = await screenAction({
      request: adminRequest(world.shop, "/app/gift-cards", {
        method: "POST",
        form: { intent: "check", code: "CADEAU-0002" },
      }),
      params: {},
      context: {},
    });
    expect(checked).toMatchObject({ ok: true, message: "Gift card CADEAU-0002 was created in Shopify." });
    const refused = await screenAction({
      request: adminRequest(world.shop, "/app/gift-cards", {
        method: "POST",
        form: { intent: "check", code: "CADEAU-0003" },
      }),
      params: {},
      context: {},
    });
    expect(refused).toMatchObject({ message: "Gift card CADEAU-0003 is not activated in Fastmag yet." });
    const page = await screenLoader({
      request: adminRequest(world.shop, "/app/gift-cards?q=CADEAU-0002"),
      params: {},
      context: {},
    });
    expect(page.cards.items.map((c) => c.code)).toEqual(["CADEAU-0002"]);
  });
});
