// Wallets and credit notes read from the ERP (Fastmag's emulator) through the customer-credit port:
// the Customers screen by e-mail, and the admin block's API with a session token the Shopify emulator
// signs, as Shopify admin gives the block.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/api/tokens.server";
import { customerCredit } from "~/customers/credit.server";
import { action as creditPost, loader as creditApi } from "~/routes/api.customers.credit";
import { loader as screenLoader } from "~/routes/app.customers";
import { mintSessionToken } from "../../../emulators/shopify/session-token";
import { adminRequest, callRoute } from "../../support/admin-request";
import { startGiftCardWorld, type GiftCardWorld } from "../gift-cards/harness";

let world: GiftCardWorld;
const HELENE = "helene.lefevre@example.fr";

beforeAll(async () => {
  world = await startGiftCardWorld("credit");
});
afterAll(() => world?.close());

const blockRequest = (path: string, token: string, method = "GET") =>
  new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, origin: "https://block.example" },
  });
const emulatorToken = () =>
  mintSessionToken({
    shop: world.shop,
    apiKey: process.env.SHOPIFY_API_KEY!,
    apiSecret: process.env.SHOPIFY_API_SECRET!,
  });
const read = async (answer: unknown) => {
  const response = answer as Response;
  return { status: response.status, body: await response.json(), headers: response.headers };
};

describe("customer wallets and credit notes", { timeout: 30_000 }, () => {
  it("reads a customer's wallets and open credit notes by e-mail", async () => {
    const view = await customerCredit(world.shop, HELENE.toUpperCase());
    expect(view).toMatchObject({
      sourceName: "Fastmag",
      email: HELENE,
      customer: { firstName: "Hélène", lastName: "Lefèvre" },
      currency: "EUR",
      walletBalance: 57.5,
      creditNotesRemaining: 60,
    });
    expect(view.wallets).toEqual([
      { code: "PME-MAG-001", issuedIn: "store", balance: 15 },
      { code: "PME-WEB-001", issuedIn: "web", balance: 42.5 },
    ]);
    expect(view.creditNotes).toHaveLength(1);
    expect(view.creditNotes[0]).toMatchObject({ amount: 60, remaining: 60 });
  });

  it("shows the Customers screen, an unknown customer and a bad e-mail in plain words", async () => {
    const found = (await screenLoader({
      request: adminRequest(world.shop, `/app/customers?email=${encodeURIComponent(HELENE)}`),
      params: {},
      context: {},
    })) as { view?: { walletBalance: number } };
    expect(found.view?.walletBalance).toBe(57.5);
    const unknown = (await screenLoader({
      request: adminRequest(world.shop, "/app/customers?email=nobody%40example.fr"),
      params: {},
      context: {},
    })) as { view?: { customer: unknown; wallets: unknown[] } };
    expect(unknown.view).toMatchObject({ customer: null, wallets: [] });
    const bad = (await screenLoader({
      request: adminRequest(world.shop, "/app/customers?email=nope"),
      params: {},
      context: {},
    })) as { error?: string; fieldErrors?: Record<string, string> };
    expect(bad.fieldErrors?.email).toBe('"nope" is not an e-mail address.');
  });

  it("says when the ERP refuses, without a stack trace", async () => {
    world.fastmag.setFaults({ koNext: 5, koMessage: "Base en maintenance" });
    try {
      const down = (await screenLoader({
        request: adminRequest(world.shop, `/app/customers?email=${encodeURIComponent(HELENE)}`),
        params: {},
        context: {},
      })) as { error?: string };
      expect(down.error).toMatch(/Fastmag/);
      expect(down.error).not.toMatch(/Error:|at \w+ \(/);
    } finally {
      world.fastmag.setFaults({});
    }
  });

  it("answers the admin block for the Shopify customer whose page is open, with the emulator's session token", async () => {
    const customerId = await world.addCustomer(HELENE, "Hélène");
    const ok = await read(
      await creditApi({
        request: blockRequest(`/api/customers/credit?customerId=${encodeURIComponent(customerId)}`, emulatorToken()),
        params: {},
        context: {},
      }),
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ email: HELENE, walletBalance: 57.5, creditNotesRemaining: 60 });
    expect(ok.headers.get("access-control-allow-origin")).toBe("*");

    const preflight = (await creditApi({
      request: blockRequest("/api/customers/credit", "", "OPTIONS"),
      params: {},
      context: {},
    })) as Response;
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    const post = (await creditPost({
      request: blockRequest("/api/customers/credit", emulatorToken(), "POST"),
      params: {},
      context: {},
    })) as Response;
    expect(post.status).toBe(405);
  });

  it("refuses a forged or missing token with 401 JSON, and a bad customer id with 422", async () => {
    const forged = mintSessionToken({
      shop: world.shop,
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecret: "not-the-app-secret",
    });
    const refused = await read(
      await callRoute(() =>
        creditApi({ request: blockRequest("/api/customers/credit?customerId=1", forged), params: {}, context: {} }),
      ),
    );
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatch(/session token/);

    const bad = await read(
      await creditApi({
        request: blockRequest("/api/customers/credit?customerId=hello", emulatorToken()),
        params: {},
        context: {},
      }),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.fieldErrors.customerId).toBeTruthy();

    const token = (await createApiToken(world.shop, "ERP")).token;
    const byEmail = await read(
      await creditApi({
        request: blockRequest("/api/customers/credit?email=francois.garcon%40example.fr", token),
        params: {},
        context: {},
      }),
    );
    expect(byEmail.body).toMatchObject({ walletBalance: 0, creditNotesRemaining: 12.5 });
  });
});
