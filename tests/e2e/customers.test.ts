// Customers in Chromium, inside the emulated Shopify admin: customer service finds a customer by
// e-mail and sees their Fastmag wallet balance and open credit notes; the shop turns on the store-credit
// mirror and the customer's Shopify store credit gets the wallet balance. The admin block's API answers
// the block's preflight and its session token over real HTTP.
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stack } from "../../scripts/stack";
import { shopifyClient } from "../support/shopify-emulator-client";
import { openFromAdminMenu, screenshot } from "./support/browser";
import { startE2eSession, type E2eSession } from "./support/session";

let session: E2eSession;
let stack: Stack;
let page: Page;
let app: FrameLocator;
const HELENE = "helene.lefevre@example.fr";

beforeAll(async () => {
  session = await startE2eSession("customers", { configureFastmag: true });
  ({ stack, page, app } = session);
});

afterAll(async () => {
  await session?.close();
});

describe("customers", () => {
  it("shows a customer's wallet and credit notes, and mirrors the wallet to Shopify store credit", async () => {
    const shopify = shopifyClient(stack.shopify, stack.shop);
    const added = await shopify.control("customers", { email: HELENE, firstName: "Hélène", lastName: "Lefèvre" });
    const customerId = ((await added.json()) as { id: string }).id;

    await page.goto(stack.adminUrl);
    await app.getByText(stack.shop).first().waitFor({ timeout: 30_000 });
    await openFromAdminMenu(page, app, "Customers");
    await app.getByLabel("Customer e-mail").waitFor({ timeout: 30_000 });
    await app.getByLabel("Customer e-mail").fill("not-an-email");
    await app.getByRole("button", { name: "Search" }).click();
    await app.getByText('"not-an-email" is not an e-mail address.').waitFor({ timeout: 30_000 });

    await app.getByLabel("Customer e-mail").fill(HELENE);
    await app.getByRole("button", { name: "Search" }).click();
    await app.getByText("Wallet balance: €57.50").waitFor({ timeout: 30_000 });
    await app.getByText("Hélène Lefèvre").waitFor();
    await app.getByText("PME-WEB-001").waitFor();
    await app.getByText("Open credit notes: €60.00").waitFor();
    await screenshot(page, "customer-wallet-and-credit-notes");

    await app.getByLabel("Mirror to each customer's store credit").selectOption("wallet");
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("Saved: the next run mirrors it.").waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: "Mirror now" }).click();
    await app.getByText("The store credit run is queued.").waitFor({ timeout: 30_000 });
    await app.getByRole("link", { name: "See the run" }).click();
    await app.getByText("Succeeded", { exact: false }).first().waitFor({ timeout: 60_000 });
    await screenshot(page, "store-credit-run");

    const { data } = await shopify.gql(
      `query C($id: ID!) { customer(id: $id) { storeCreditAccounts(first: 1) { nodes { balance { amount } } } } }`,
      { id: customerId },
    );
    const accounts = (data.customer as { storeCreditAccounts: { nodes: { balance: { amount: string } }[] } })
      .storeCreditAccounts.nodes;
    expect(Number(accounts[0]!.balance.amount)).toBe(57.5);

    // The admin block's calls: a preflight from its origin, then GET with the session token Shopify admin gives it.
    const url = `${stack.appUrl}/api/customers/credit?customerId=${encodeURIComponent(customerId)}`;
    const preflight = await fetch(url, {
      method: "OPTIONS",
      headers: {
        origin: "https://block.example",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    const answer = await fetch(url, {
      headers: {
        origin: "https://block.example",
        // A browser's, as the block runs in one (the library turns bots away).
        "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Passerelle-e2e/1.0",
        authorization: `Bearer ${stack.shopify.mintSessionToken(stack.shop)}`,
      },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ walletBalance: 57.5, creditNotesRemaining: 60 });
  });
});
