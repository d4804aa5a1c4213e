// Customers' store credit in Shopify: a customer's e-mail by id (the admin block names the customer by
// id), a customer and their store credit accounts by e-mail, and moving a balance
// (storeCreditAccountCredit / storeCreditAccountDebit; a credit given the customer's id opens the
// account in the amount's currency).
import { defineOperation, type UserError } from "../operation";

export interface StoreCreditAccountNode {
  id: string;
  balance: { amount: string; currencyCode: string };
}

export const CUSTOMER_EMAIL = defineOperation<
  { customer: { id: string; email: string | null } | null },
  { id: string }
>({
  name: "CustomerEmail",
  expectedCost: 1,
  document: /* GraphQL */ `
    #graphql
    query CustomerEmail($id: ID!) {
      customer(id: $id) {
        id
        email
      }
    }
  `,
});

export const CUSTOMER_STORE_CREDIT = defineOperation<
  {
    customers: {
      nodes: { id: string; email: string | null; storeCreditAccounts: { nodes: StoreCreditAccountNode[] } }[];
    };
  },
  { query: string }
>({
  name: "CustomerStoreCredit",
  expectedCost: 12,
  document: /* GraphQL */ `
    #graphql
    query CustomerStoreCredit($query: String!) {
      customers(first: 5, query: $query) {
        nodes {
          id
          email
          storeCreditAccounts(first: 5) {
            nodes {
              id
              balance {
                amount
                currencyCode
              }
            }
          }
        }
      }
    }
  `,
});

type MoveResult = {
  storeCreditAccountTransaction: {
    balanceAfterTransaction: { amount: string; currencyCode: string };
    account: { id: string };
  } | null;
  userErrors: UserError[];
};
type Money = { amount: string; currencyCode: string };

export const STORE_CREDIT_CREDIT = defineOperation<
  { storeCreditAccountCredit: MoveResult | null },
  { id: string; creditInput: { creditAmount: Money } }
>({
  name: "StoreCreditCredit",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation StoreCreditCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
      storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
        storeCreditAccountTransaction {
          balanceAfterTransaction {
            amount
            currencyCode
          }
          account {
            id
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

export const STORE_CREDIT_DEBIT = defineOperation<
  { storeCreditAccountDebit: MoveResult | null },
  { id: string; debitInput: { debitAmount: Money } }
>({
  name: "StoreCreditDebit",
  expectedCost: 10,
  document: /* GraphQL */ `
    #graphql
    mutation StoreCreditDebit($id: ID!, $debitInput: StoreCreditAccountDebitInput!) {
      storeCreditAccountDebit(id: $id, debitInput: $debitInput) {
        storeCreditAccountTransaction {
          balanceAfterTransaction {
            amount
            currencyCode
          }
          account {
            id
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
