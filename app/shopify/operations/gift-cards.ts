// Gift cards in Shopify: create one with a given code (giftCardCreate), find it by code or id, move its
// balance (giftCardDebit / giftCardCredit), and find the customer it belongs to by e-mail.
import { defineOperation, type UserError } from "../operation";

export interface ShopifyGiftCardNode {
  id: string;
  lastCharacters: string;
  enabled: boolean;
  expiresOn: string | null;
  balance: { amount: string; currencyCode: string };
  initialValue: { amount: string; currencyCode: string };
  customer: { id: string; email: string | null } | null;
}

export const GIFT_CARDS_BY_CODE = defineOperation<{ giftCards: { nodes: ShopifyGiftCardNode[] } }, { query: string }>({
  name: "GiftCardsByCode",
  expectedCost: 6,
  document: /* GraphQL */ `
    #graphql
    query GiftCardsByCode($query: String!) {
      giftCards(first: 2, query: $query) {
        nodes {
          id
          lastCharacters
          enabled
          expiresOn
          balance {
            amount
            currencyCode
          }
          initialValue {
            amount
            currencyCode
          }
          customer {
            id
            email
          }
        }
      }
    }
  `,
});

export const GIFT_CARD_BY_ID = defineOperation<{ giftCard: ShopifyGiftCardNode | null }, { id: string }>({
  name: "GiftCardById",
  expectedCost: 2,
  document: /* GraphQL */ `
    #graphql
    query GiftCardById($id: ID!) {
      giftCard(id: $id) {
        id
        lastCharacters
        enabled
        expiresOn
        balance {
          amount
          currencyCode
        }
        initialValue {
          amount
          currencyCode
        }
        customer {
          id
          email
        }
      }
    }
  `,
});

export interface GiftCardCreateInput {
  code: string;
  initialAmount: { amount: string; currencyCode: string };
  expiresOn?: string | null;
  customerId?: string | null;
  note?: string | null;
}

export const GIFT_CARD_CREATE = defineOperation<
  {
    giftCardCreate: {
      giftCard: ShopifyGiftCardNode | null;
      userErrors: (UserError & { code?: string | null })[];
    } | null;
  },
  { input: GiftCardCreateInput }
>({
  name: "GiftCardCreate",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation GiftCardCreate($input: GiftCardCreateInput!) {
      giftCardCreate(input: $input) {
        giftCard {
          id
          lastCharacters
          enabled
          expiresOn
          balance {
            amount
            currencyCode
          }
          initialValue {
            amount
            currencyCode
          }
          customer {
            id
            email
          }
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
});

interface MoneyInput {
  amount: string;
  currencyCode: string;
}

export const GIFT_CARD_DEBIT = defineOperation<
  {
    giftCardDebit: {
      giftCardDebitTransaction: { giftCard: { balance: { amount: string } } } | null;
      userErrors: (UserError & { code?: string | null })[];
    } | null;
  },
  { id: string; debitInput: { debitAmount: MoneyInput; note?: string } }
>({
  name: "GiftCardDebit",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation GiftCardDebit($id: ID!, $debitInput: GiftCardDebitInput!) {
      giftCardDebit(id: $id, debitInput: $debitInput) {
        giftCardDebitTransaction {
          giftCard {
            balance {
              amount
            }
          }
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
});

export const GIFT_CARD_CREDIT = defineOperation<
  {
    giftCardCredit: {
      giftCardCreditTransaction: { giftCard: { balance: { amount: string } } } | null;
      userErrors: (UserError & { code?: string | null })[];
    } | null;
  },
  { id: string; creditInput: { creditAmount: MoneyInput; note?: string } }
>({
  name: "GiftCardCredit",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation GiftCardCredit($id: ID!, $creditInput: GiftCardCreditInput!) {
      giftCardCredit(id: $id, creditInput: $creditInput) {
        giftCardCreditTransaction {
          giftCard {
            balance {
              amount
            }
          }
        }
        userErrors {
          field
          message
          code
        }
      }
    }
  `,
});

export const CUSTOMER_BY_EMAIL = defineOperation<
  { customers: { nodes: { id: string; email: string | null }[] } },
  { query: string }
>({
  name: "CustomerByEmail",
  expectedCost: 3,
  document: /* GraphQL */ `
    #graphql
    query CustomerByEmail($query: String!) {
      customers(first: 5, query: $query) {
        nodes {
          id
          email
        }
      }
    }
  `,
});
