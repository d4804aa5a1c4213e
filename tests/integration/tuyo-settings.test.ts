// Settings → Tuyo through its route and use-cases: validation (keys write-only, the key of the mode in
// use required, ids), "Test connection" reading the categories, and the app's clock against Tuyo's
// "Request is expired": one retry with a fresh timestamp, then a clock-skew error naming the cause.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "~/jobs/clock";
import { loadConnectorSecrets } from "~/connectors/settings.server";
import { TuyoClient, TuyoClockSkewError } from "~/connectors/tuyo/client.server";
import { testTuyoConnection, TUYO } from "~/connectors/tuyo/settings.server";
import { sayIn, textOf } from "~/i18n/stored-words";
import { merchantMessageOf } from "~/lib/errors";
import { connectorUrlPolicy } from "~/lib/http-url-policy.server";
import { action, loader } from "~/routes/app.settings.tuyo";
import type { TuyoEmulator } from "../../emulators/tuyo/index";
import { adminRequest, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { DEMO_PRODUCTION_TOKEN, DEMO_TESTING_TOKEN, setUpTuyo, startTuyo } from "./tuyo-harness";

let tuyo: TuyoEmulator;
beforeAll(async () => {
  tuyo = await startTuyo();
});
afterAll(() => tuyo?.close());

async function newShop() {
  const shop = uniqueShop("tuyoset");
  await installShop(shop);
  return shop;
}

const submit = (shop: string, form: Record<string, string>) =>
  action({ request: adminRequest(shop, "/app/settings/tuyo", { form }), params: {}, context: {} });
const screen = (shop: string) => loader({ request: adminRequest(shop, "/app/settings/tuyo"), params: {}, context: {} });
const blank = {
  intent: "save",
  apiUrl: "",
  mode: "production",
  productionKey: "",
  testingKey: "",
  storeId: "",
  branchId: "",
  userId: "",
  preparationHours: "",
};

describe("Tuyo settings", () => {
  it("names every missing field, and keeps API keys write-only", async () => {
    const shop = await newShop();
    const refused = await submit(shop, blank);
    expect(refused.ok).toBe(false);
    expect(Object.keys(refused.fieldErrors).sort()).toEqual([
      "apiUrl",
      "branchId",
      "productionKey",
      "storeId",
      "userId",
    ]);

    const saved = await submit(shop, {
      ...blank,
      apiUrl: tuyo.url,
      productionKey: DEMO_PRODUCTION_TOKEN,
      testingKey: DEMO_TESTING_TOKEN,
      storeId: "362",
      branchId: "428",
      userId: "16890",
      freeShipping: "on",
    });
    expect(saved).toMatchObject({ ok: true });
    const shown = await screen(shop);
    expect(shown).toMatchObject({
      productionKeySet: true,
      testingKeySet: true,
      settings: {
        storeId: 362,
        branchId: 428,
        userId: 16890,
        preparationHours: 24,
        freeShipping: true,
        fragile: false,
      },
    });
    expect(JSON.stringify(shown)).not.toContain(DEMO_PRODUCTION_TOKEN);

    // Saving again with the keys left empty keeps them.
    expect(
      await submit(shop, { ...blank, apiUrl: tuyo.url, storeId: "362", branchId: "428", userId: "16890" }),
    ).toMatchObject({ ok: true });
    expect(await loadConnectorSecrets(shop, TUYO)).toEqual({
      productionKey: DEMO_PRODUCTION_TOKEN,
      testingKey: DEMO_TESTING_TOKEN,
    });
  });

  it("tests the connection by reading the categories, with the key of the mode in use", async () => {
    const shop = await newShop();
    // A wrong production key does not matter while the testing key is the one in use.
    await setUpTuyo(shop, tuyo, { mode: "testing", productionKey: "wrong-key-123456" });
    const answer = await submit(shop, { intent: "test" });
    expect(answer).toMatchObject({ ok: true });
    expect(answer.message).toMatch(/Connected \(testing key\): \d+ categories found \(Ropa, Zapatos/);

    await setUpTuyo(shop, tuyo, { mode: "production", productionKey: "wrong-key-123456" });
    const refused = await submit(shop, { intent: "test" });
    expect(refused).toMatchObject({ ok: false });
    expect(refused.message).toContain("Tuyo refused the API key");
    expect((await screen(shop)).connection.state).toBe("failing");
  });
});

describe("Tuyo Test connection on the form", () => {
  it("tests the form's unsaved values and saves nothing; a blank key means the saved one", async () => {
    const shop = await newShop();
    await setUpTuyo(shop, tuyo);
    expect(await submit(shop, { intent: "test" })).toMatchObject({ ok: true });
    const saved = await loadConnectorSecrets(shop, TUYO);
    const form = {
      ...blank,
      intent: "test",
      apiUrl: tuyo.url,
      storeId: String((await screen(shop)).settings?.storeId),
      branchId: String((await screen(shop)).settings?.branchId),
      userId: String((await screen(shop)).settings?.userId),
      preparationHours: "24",
    };
    // A new, wrong key is tested without replacing the working one.
    const wrong = await submit(shop, { ...form, productionKey: "wrong-key-123456" });
    expect(wrong).toMatchObject({ ok: false, message: expect.stringContaining("Tuyo refused the API key") });
    expect(await loadConnectorSecrets(shop, TUYO)).toEqual(saved);
    expect((await screen(shop)).connection.state).toBe("connected");
    // A blank key means the saved one; a field to fix is named next to it.
    expect(await submit(shop, form)).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected/) });
    const invalid = await submit(shop, { ...form, storeId: "abc" });
    expect(invalid).toMatchObject({ ok: false, fieldErrors: { storeId: expect.any(String) } });
  });
});

describe("Settings → Tuyo for a French admin", () => {
  const submitFr = (shop: string, form: Record<string, string>) =>
    action({ request: adminRequest(shop, "/app/settings/tuyo?locale=fr", { form }), params: {}, context: {} });

  it("names the fields to fix and answers the tests in French; the recorded check stays as stored", async () => {
    const shop = await newShop();
    const refused = await submitFr(shop, blank);
    expect(refused).toMatchObject({
      ok: false,
      message: "Certains champs sont à corriger ; rien n'a été enregistré.",
      fieldErrors: {
        apiUrl: "Saisissez l'adresse de l'API Tuyo que Tuyo vous a donnée.",
        storeId: "Saisissez l'identifiant de boutique que Tuyo vous a donné (un nombre).",
      },
    });

    await setUpTuyo(shop, tuyo);
    const answer = await submitFr(shop, { intent: "test" });
    expect(answer).toMatchObject({ ok: true });
    expect(answer.message).toMatch(/^Connecté \(clé de production\) : \d+ catégories trouvées \(Ropa, Zapatos/);
    // The connection's last check is stored text, kept in English for every reader.
    expect((await screen(shop)).connection.message).toMatch(/^Connected \(production key\)/);

    const form = {
      ...blank,
      intent: "test",
      apiUrl: tuyo.url,
      storeId: String((await screen(shop)).settings?.storeId),
      branchId: String((await screen(shop)).settings?.branchId),
      userId: String((await screen(shop)).settings?.userId),
      preparationHours: "12",
    };
    expect(await submitFr(shop, form)).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Connecté \(clé de production\) : \d+ catégories trouvées\. Enregistrez/),
    });
    // A refusal is said in French too, on the form and for the saved settings; the recorded check stays English.
    expect(await submitFr(shop, { ...form, productionKey: "wrong-key-123456" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Tuyo a refusé la clé d'API \(HTTP 401 \(accès refusé\)\)\. Vérifiez la clé\./),
    });
    await setUpTuyo(shop, tuyo, { productionKey: "wrong-key-123456" });
    expect(await submitFr(shop, { intent: "test" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Tuyo a refusé la clé d'API/),
    });
    expect((await screen(shop)).connection.message).toMatch(/^Tuyo refused the API key/);
    expect(await submitFr(shop, { intent: "send-stock", on: "on" })).toMatchObject({
      ok: true,
      message: "Le stock des produits publiés sur Tuyo est maintenant envoyé à Tuyo.",
    });
  });
});

describe("Tuyo timestamps", () => {
  const client = (clock: { now(): Date }) =>
    new TuyoClient({
      baseUrl: tuyo.url,
      apiKey: DEMO_PRODUCTION_TOKEN,
      timeoutMs: 5_000,
      urlPolicy: connectorUrlPolicy(),
      clock,
    });

  it("sends the app clock's time, and retries once with a fresh timestamp when Tuyo says expired", async () => {
    const stale = new Date(Date.now() - 60 * 60_000);
    let reads = 0;
    // The first reading is an hour behind (a clock being corrected), the next ones are right.
    const clock = { now: () => (reads++ === 0 ? stale : new Date()) };
    const tuyoClient = client(clock);
    const categories = await tuyoClient.get<unknown[]>("/api/get_categories");
    expect(categories.length).toBeGreaterThan(0);
    expect(tuyoClient.requests).toBe(2);
    expect(tuyoClient.expired).toBe(1);
    expect(
      tuyo
        .calls()
        .slice(-2)
        .map((c) => c.status),
    ).toEqual([401, 200]);
  });

  it("says a refused key in the reader's language, Tuyo's own words quoted", async () => {
    const refused = await new TuyoClient({
      baseUrl: tuyo.url,
      apiKey: "wrong-key-123456",
      timeoutMs: 5_000,
      urlPolicy: connectorUrlPolicy(),
    })
      .get("/api/get_categories")
      .catch((e: unknown) => e);
    const words = merchantMessageOf(refused)!;
    expect(textOf(words)).toMatch(/^Tuyo refused the API key \(HTTP 401 \(access denied\)\)\. Check the key\./);
    expect(sayIn(words, "fr")).toMatch(/^Tuyo a refusé la clé d'API \(HTTP 401 \(accès refusé\)\)\. Vérifiez la clé\./);
  });

  it("gives up after the retry with a clock-skew error the merchant can act on", async () => {
    const shop = await newShop();
    await setUpTuyo(shop, tuyo);
    const skewed = manualClock(new Date(Date.now() + 2 * 60 * 60_000));
    const skew = await client(skewed)
      .get("/api/get_categories")
      .catch((e: unknown) => e);
    expect(skew).toBeInstanceOf(TuyoClockSkewError);
    // A run that fails on it stores its words: a French admin reads it in French.
    expect(sayIn(merchantMessageOf(skew)!, "fr")).toMatch(/^Tuyo a refusé deux fois la demande comme expirée/);
    const result = await testTuyoConnection(shop, { clock: skewed });
    expect(result).toMatchObject({ ok: false });
    expect(result.message).toMatch(/clock.*disagree/);
  });
});
