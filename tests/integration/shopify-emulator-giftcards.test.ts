// The emulator's gift cards and store credit, over HTTP as the app would use them: unique codes,
// search by code, balance moved both ways with Shopify's user errors, and a customer's store credit
// accounts credited and debited through the customer's id.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/index";
import { shopifyClient } from "../support/shopify-emulator-client";
import { uniqueShop } from "../support/shops";

const shop = uniqueShop("giftcards");
let emulator: ShopifyEmulator;
let client: ReturnType<typeof shopifyClient>;
let customerId: string;

const CREATE = `mutation Create($input: GiftCardCreateInput!) {
  giftCardCreate(input: $input) {
    giftCard { id balance { amount currencyCode } initialValue { amount } expiresOn lastCharacters customer { id } }
    giftCardCode
    userErrors { field message code }
  }
}`;
const FIND = `query Find($q: String!) { giftCards(first: 5, query: $q) { nodes { id lastCharacters balance { amount } } } }`;
const DEBIT = `mutation Debit($id: ID!, $debitInput: GiftCardDebitInput!) {
  giftCardDebit(id: $id, debitInput: $debitInput) {
    giftCardDebitTransaction { amount { amount } giftCard { balance { amount } } }
    userErrors { field message code }
  }
}`;
const CREDIT = `mutation Credit($id: ID!, $creditInput: GiftCardCreditInput!) {
  giftCardCredit(id: $id, creditInput: $creditInput) {
    giftCardCreditTransaction { amount { amount } giftCard { balance { amount } } }
    userErrors { field message code }
  }
}`;
const eur = (amount: string) => ({ amount, currencyCode: "EUR" });

beforeAll(async () => {
  emulator = await startShopifyEmulator({
    app: { apiKey: "k", apiSecret: "s", appUrl: "http://127.0.0.1:3999" },
    shops: [{ domain: shop, currencyCode: "EUR" }],
  });
  client = shopifyClient(emulator, shop);
  const response = await client.control("customers", { email: "camille@example.test", firstName: "Camille" });
  expect(response.status).toBe(201);
  customerId = ((await response.json()) as { id: string }).id;
});
afterAll(() => emulator?.close());

describe("gift cards", () => {
  it("creates a card with its code, value, expiry and customer, found again by code", async () => {
    const { data } = await client.gql(CREATE, {
      input: { code: "AVOIR2026ABCD", initialValue: "50.00", expiresOn: "2099-12-31", customerId },
    });
    expect(data.giftCardCreate.userErrors).toEqual([]);
    expect(data.giftCardCreate.giftCardCode).toBe("AVOIR2026ABCD");
    expect(data.giftCardCreate.giftCard).toMatchObject({
      balance: { amount: "50.0", currencyCode: "EUR" },
      expiresOn: "2099-12-31",
      lastCharacters: "ABCD",
      customer: { id: customerId },
    });
    const found = await client.gql(FIND, { q: "code:avoir2026abcd" });
    expect(found.data.giftCards.nodes.map((n: { id: string }) => n.id)).toEqual([data.giftCardCreate.giftCard.id]);
    expect((await client.gql(FIND, { q: "code:AUTRE0000000" })).data.giftCards.nodes).toEqual([]);
  });

  it("refuses a code already taken, a bad code, an unknown customer and a past expiry", async () => {
    await client.gql(CREATE, { input: { code: "UNIQUE2026CODE", initialValue: "10" } });
    const refused = async (input: Record<string, unknown>) =>
      (await client.gql(CREATE, { input: { initialValue: "10", ...input } })).data.giftCardCreate;
    expect((await refused({ code: "unique2026code" })).userErrors[0]).toMatchObject({
      code: "TAKEN",
      field: ["input", "code"],
    });
    expect((await refused({ code: "ABC" })).userErrors[0].code).toBe("TOO_SHORT");
    expect((await refused({ code: "ABCD-EFGH-!!" })).userErrors[0].code).toBe("INVALID");
    expect((await refused({ customerId: "gid://shopify/Customer/1" })).userErrors[0].code).toBe("CUSTOMER_NOT_FOUND");
    expect((await refused({ expiresOn: "2001-01-01" })).userErrors[0].field).toEqual(["input", "expiresOn"]);
    expect((await refused({ initialValue: "0" })).userErrors[0].code).toBe("GREATER_THAN");
  });

  it("debits and credits the balance, refusing more than the balance and another currency", async () => {
    const { data } = await client.gql(CREATE, { input: { initialValue: "30.00" } });
    const id = data.giftCardCreate.giftCard.id;
    expect(data.giftCardCreate.giftCardCode).toMatch(/^[a-z0-9]{16}$/);
    const debit = await client.gql(DEBIT, { id, debitInput: { debitAmount: eur("12.50"), note: "Commande #1001" } });
    expect(debit.data.giftCardDebit.userErrors).toEqual([]);
    expect(debit.data.giftCardDebit.giftCardDebitTransaction).toEqual({
      amount: { amount: "-12.5" },
      giftCard: { balance: { amount: "17.5" } },
    });
    const tooMuch = await client.gql(DEBIT, { id, debitInput: { debitAmount: eur("17.51") } });
    expect(tooMuch.data.giftCardDebit.userErrors[0].code).toBe("INSUFFICIENT_FUNDS");
    const dollars = await client.gql(DEBIT, { id, debitInput: { debitAmount: { amount: "1", currencyCode: "USD" } } });
    expect(dollars.data.giftCardDebit.userErrors[0].code).toBe("MISMATCHING_CURRENCY");
    const credit = await client.gql(CREDIT, { id, creditInput: { creditAmount: eur("2.50") } });
    expect(credit.data.giftCardCredit.giftCardCreditTransaction.giftCard.balance.amount).toBe("20.0");
    const unknown = await client.gql(CREDIT, {
      id: "gid://shopify/GiftCard/1",
      creditInput: { creditAmount: eur("1") },
    });
    expect(unknown.data.giftCardCredit.userErrors[0].code).toBe("GIFT_CARD_NOT_FOUND");
    const history = await client.gql(
      `query H($id: ID!) { giftCard(id: $id) { transactions(first: 10) { nodes { __typename amount { amount } } } } }`,
      { id },
    );
    expect(
      history.data.giftCard.transactions.nodes.map((t: { amount: { amount: string } }) => t.amount.amount),
    ).toEqual(["-12.5", "2.5"]);
  });
});

describe("store credit", () => {
  const ACCOUNTS = `query Wallet($id: ID!) {
    customer(id: $id) { displayName storeCreditAccounts(first: 5) { nodes { id balance { amount currencyCode } } } }
  }`;

  it("credits a customer (opening the account), debits it, and refuses more than the balance", async () => {
    expect((await client.gql(ACCOUNTS, { id: customerId })).data.customer.storeCreditAccounts.nodes).toEqual([]);
    const credit = await client.gql(
      `mutation C($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
        storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
          storeCreditAccountTransaction { amount { amount } balanceAfterTransaction { amount } account { id } }
          userErrors { field message code }
        }
      }`,
      { id: customerId, creditInput: { creditAmount: eur("40.00") } },
    );
    expect(credit.data.storeCreditAccountCredit.userErrors).toEqual([]);
    const accountId = credit.data.storeCreditAccountCredit.storeCreditAccountTransaction.account.id;
    const DEBIT_CREDIT = `mutation D($id: ID!, $debitInput: StoreCreditAccountDebitInput!) {
      storeCreditAccountDebit(id: $id, debitInput: $debitInput) {
        storeCreditAccountTransaction { amount { amount } balanceAfterTransaction { amount } }
        userErrors { field message code }
      }
    }`;
    const debit = await client.gql(DEBIT_CREDIT, { id: accountId, debitInput: { debitAmount: eur("15") } });
    expect(debit.data.storeCreditAccountDebit.storeCreditAccountTransaction).toEqual({
      amount: { amount: "-15.0" },
      balanceAfterTransaction: { amount: "25.0" },
    });
    const tooMuch = await client.gql(DEBIT_CREDIT, { id: customerId, debitInput: { debitAmount: eur("25.01") } });
    expect(tooMuch.data.storeCreditAccountDebit.userErrors[0].code).toBe("INSUFFICIENT_FUNDS");
    const none = await client.gql(DEBIT_CREDIT, {
      id: customerId,
      debitInput: { debitAmount: { amount: "1", currencyCode: "USD" } },
    });
    expect(none.data.storeCreditAccountDebit.userErrors[0].code).toBe("ACCOUNT_NOT_FOUND");
    const wallet = await client.gql(ACCOUNTS, { id: customerId });
    expect(wallet.data.customer).toEqual({
      displayName: "Camille",
      storeCreditAccounts: { nodes: [{ id: accountId, balance: { amount: "25.0", currencyCode: "EUR" } }] },
    });
  });
});
