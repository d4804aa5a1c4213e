// Customers and their store credit: customer(id:) with storeCreditAccounts, storeCreditAccount(id:),
// storeCreditAccountCredit (opens the account in the amount's currency when given the customer's id)
// and storeCreditAccountDebit, with Shopify's user errors.
import { connection, type ConnectionArgs } from "../graphql/connection";
import {
  gid,
  idOf,
  notImplemented,
  parseGid,
  userError,
  type DomainModule,
  type ResolverContext,
  type View,
} from "../graphql/context";
import { matcher } from "../graphql/search";
import {
  cents,
  decimal,
  merchandisingOf,
  type CustomerRecord,
  type StoreCreditAccountRecord,
  type StoreCreditTransactionRecord,
} from "../merchandising";

export type Money = { amount: string; currencyCode: string };
export const money = (amount: string, currencyCode: string): View => ({ __typename: "MoneyV2", amount, currencyCode });
const state = (ctx: ResolverContext) => merchandisingOf(ctx.store, ctx.shop);

export function customerView(ctx: ResolverContext, c: CustomerRecord): View {
  const displayName = [c.firstName, c.lastName].filter(Boolean).join(" ") || c.email || "";
  return {
    __typename: "Customer",
    id: gid("Customer", c.id),
    legacyResourceId: String(c.id),
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    displayName,
    tags: c.tags,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    storeCreditAccounts: (args: ConnectionArgs & { query?: string | null }) => {
      const matches = matcher(args.query, "storeCreditAccounts", ["currency_code"]);
      const accounts = [...state(ctx).storeCreditAccounts.values()].filter(
        (a) => a.customerId === c.id && matches({ currency_code: a.currencyCode }),
      );
      return connection(
        "StoreCreditAccountConnection",
        accounts,
        args,
        (a) => a.id,
        (a) => accountView(ctx, a),
      );
    },
  };
}

function accountView(ctx: ResolverContext, account: StoreCreditAccountRecord): View {
  return {
    __typename: "StoreCreditAccount",
    id: gid("StoreCreditAccount", account.id),
    balance: money(account.balance, account.currencyCode),
    owner: () => customerView(ctx, state(ctx).customers.get(account.customerId)!),
    transactions: (args: ConnectionArgs & { query?: string | null; sortKey?: string | null }) => {
      // Created in order, so the default CREATED_AT order is the list's own.
      if (args.query || (args.sortKey && args.sortKey !== "CREATED_AT"))
        throw notImplemented("StoreCreditAccount.transactions(query:/sortKey:)");
      return connection(
        "StoreCreditAccountTransactionConnection",
        account.transactions,
        args,
        (t) => t.id,
        (t) => creditTransactionView(ctx, account, t),
      );
    },
  };
}

function creditTransactionView(
  ctx: ResolverContext,
  account: StoreCreditAccountRecord,
  t: StoreCreditTransactionRecord,
): View {
  const typename = t.kind === "CREDIT" ? "StoreCreditAccountCreditTransaction" : "StoreCreditAccountDebitTransaction";
  return {
    __typename: typename,
    id: gid(typename, t.id),
    amount: money(t.amount, account.currencyCode),
    balanceAfterTransaction: money(t.balanceAfter, account.currencyCode),
    createdAt: t.createdAt,
    event: "ADJUSTMENT",
    origin: null,
    ...(t.kind === "CREDIT" ? { expiresAt: t.expiresAt, remainingAmount: money(t.amount, account.currencyCode) } : {}),
    account: () => accountView(ctx, account),
  };
}

function moveStoreCredit(kind: "CREDIT" | "DEBIT") {
  const payloadName = kind === "CREDIT" ? "StoreCreditAccountCreditPayload" : "StoreCreditAccountDebitPayload";
  const errorType = kind === "CREDIT" ? "StoreCreditAccountCreditUserError" : "StoreCreditAccountDebitUserError";
  const inputName = kind === "CREDIT" ? "creditInput" : "debitInput";
  const amountName = kind === "CREDIT" ? "creditAmount" : "debitAmount";
  return (
    args: {
      id: string;
      creditInput?: { creditAmount: Money; expiresAt?: string | null };
      debitInput?: { debitAmount: Money };
    },
    ctx: ResolverContext,
  ) => {
    const failed = (path: string[], message: string, code: string) => ({
      __typename: payloadName,
      storeCreditAccountTransaction: null,
      userErrors: [userError(errorType, path, message, code)],
    });
    const amount = kind === "CREDIT" ? args.creditInput!.creditAmount : args.debitInput!.debitAmount;
    const target = parseGid(args.id);
    const accounts = state(ctx).storeCreditAccounts;
    // The id names the account, or its owner: then the account in the amount's currency (created on credit).
    let account = target?.type === "StoreCreditAccount" ? accounts.get(target.id) : undefined;
    if (target?.type === "Customer") {
      if (!state(ctx).customers.has(target.id))
        return kind === "CREDIT"
          ? failed(["id"], "Owner does not exist", "OWNER_NOT_FOUND")
          : failed(["id"], "Store credit account does not exist", "ACCOUNT_NOT_FOUND");
      account = [...accounts.values()].find(
        (a) => a.customerId === target.id && a.currencyCode === amount.currencyCode,
      );
      if (!account && kind === "CREDIT") {
        account = {
          id: ctx.store.nextId(),
          customerId: target.id,
          currencyCode: amount.currencyCode,
          balance: "0.0",
          transactions: [],
        };
        accounts.set(account.id, account);
      }
    }
    if (!account) return failed(["id"], "Store credit account does not exist", "ACCOUNT_NOT_FOUND");
    if (!(Number(amount.amount) > 0))
      return failed([inputName, amountName, "amount"], "A positive amount must be used.", "NEGATIVE_OR_ZERO_AMOUNT");
    if (amount.currencyCode !== account.currencyCode)
      return failed(
        [inputName, amountName, "currencyCode"],
        "The currency provided does not match the currency of the store credit account.",
        "MISMATCHING_CURRENCY",
      );
    const delta = cents(amount.amount) * (kind === "CREDIT" ? 1 : -1);
    if (cents(account.balance) + delta < 0)
      return failed(
        [inputName, amountName, "amount"],
        "The store credit account does not have sufficient funds to satisfy the request.",
        "INSUFFICIENT_FUNDS",
      );
    account.balance = decimal(cents(account.balance) + delta);
    const transaction: StoreCreditTransactionRecord = {
      id: ctx.store.nextId(),
      kind,
      amount: decimal(delta),
      balanceAfter: account.balance,
      expiresAt: args.creditInput?.expiresAt ?? null,
      createdAt: ctx.store.timestamp(),
    };
    account.transactions.push(transaction);
    return {
      __typename: payloadName,
      storeCreditAccountTransaction: creditTransactionView(ctx, account, transaction),
      userErrors: [],
    };
  };
}

const customerById = (ctx: ResolverContext, id: number) => {
  const customer = state(ctx).customers.get(id);
  return customer ? customerView(ctx, customer) : null;
};
const accountById = (ctx: ResolverContext, id: number) => {
  const account = state(ctx).storeCreditAccounts.get(id);
  return account ? accountView(ctx, account) : null;
};

export const storeCreditModule: DomainModule = {
  query: {
    customer: (args: { id: string }, ctx) => customerById(ctx, idOf(args.id, "Customer") ?? -1),
    // Customers by e-mail or id (what the app looks a gift card's customer up by).
    customers: (args: ConnectionArgs & { query?: string | null; sortKey?: string | null }, ctx) => {
      if (args.sortKey && args.sortKey !== "ID") throw notImplemented(`customers(sortKey: ${args.sortKey})`);
      const matches = matcher(args.query, "customers", ["email", "id"]);
      const customers = [...state(ctx).customers.values()].filter((c) =>
        matches({ default: `${c.email ?? ""} ${c.firstName ?? ""} ${c.lastName ?? ""}`, email: c.email, id: c.id }),
      );
      return connection(
        "CustomerConnection",
        customers,
        args,
        (c) => c.id,
        (c) => customerView(ctx, c),
      );
    },
    storeCreditAccount: (args: { id: string }, ctx) => accountById(ctx, idOf(args.id, "StoreCreditAccount") ?? -1),
  },
  mutation: {
    storeCreditAccountCredit: moveStoreCredit("CREDIT"),
    storeCreditAccountDebit: moveStoreCredit("DEBIT"),
  },
  nodes: { Customer: customerById, StoreCreditAccount: accountById },
};
