// Gift cards: giftCardCreate (unique code, initial value, expiry, customer), giftCards(query:) and
// giftCard(id:), giftCardCredit / giftCardDebit with Shopify's user errors. Customers and store credit
// are in store-credit.ts.
import { randomBytes } from "node:crypto";
import { connection, type ConnectionArgs } from "../graphql/connection";
import {
  gid,
  idOf,
  notImplemented,
  userError,
  type DomainModule,
  type ResolverContext,
  type View,
} from "../graphql/context";
import { matcher } from "../graphql/search";
import { cents, decimal, merchandisingOf, type GiftCardRecord, type GiftCardTransactionRecord } from "../merchandising";
import { customerView, money, type Money } from "./store-credit";

const state = (ctx: ResolverContext) => merchandisingOf(ctx.store, ctx.shop);

function giftCardView(ctx: ResolverContext, card: GiftCardRecord): View {
  const customer = card.customerId === null ? undefined : state(ctx).customers.get(card.customerId);
  const last4 = card.code.slice(-4);
  const expired = card.expiresOn !== null && card.expiresOn < ctx.store.timestamp().slice(0, 10);
  return {
    __typename: "GiftCard",
    id: gid("GiftCard", card.id),
    balance: money(card.balance, card.currencyCode),
    initialValue: money(card.initialValue, card.currencyCode),
    lastCharacters: last4,
    maskedCode: `•••• •••• •••• ${last4}`,
    expiresOn: card.expiresOn,
    enabled: card.enabled,
    deactivatedAt: null,
    isRedeemable: card.enabled && !expired && cents(card.balance) > 0,
    note: card.note,
    customer: customer ? customerView(ctx, customer) : null,
    order: null,
    lineItem: null,
    templateSuffix: null,
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
    transactions: (args: ConnectionArgs) =>
      connection(
        "GiftCardTransactionConnection",
        card.transactions,
        args,
        (t) => t.id,
        (t) => transactionView(ctx, card, t),
      ),
  };
}

function transactionView(ctx: ResolverContext, card: GiftCardRecord, t: GiftCardTransactionRecord): View {
  const typename = t.kind === "CREDIT" ? "GiftCardCreditTransaction" : "GiftCardDebitTransaction";
  return {
    __typename: typename,
    id: gid(typename, t.id),
    amount: money(t.amount, card.currencyCode),
    note: t.note,
    processedAt: t.processedAt,
    giftCard: () => giftCardView(ctx, card),
  };
}

const CODE = /^[a-zA-Z0-9]{8,20}$/;

function giftCardCreate(
  args: {
    input: {
      code?: string | null;
      initialValue?: string | null;
      initialAmount?: Money | null;
      expiresOn?: string | null;
      customerId?: string | null;
      note?: string | null;
      recipientAttributes?: unknown;
    };
  },
  ctx: ResolverContext,
) {
  const input = args.input;
  if (input.recipientAttributes != null) throw notImplemented("GiftCardCreateInput.recipientAttributes");
  const failed = (field: string[], message: string, code: string) => ({
    __typename: "GiftCardCreatePayload",
    giftCard: null,
    giftCardCode: null,
    userErrors: [userError("GiftCardUserError", field, message, code)],
  });
  const value = input.initialAmount?.amount ?? input.initialValue;
  if (value == null) return failed(["input", "initialValue"], "Initial value is required", "MISSING_ARGUMENT");
  if (!(Number(value) > 0))
    return failed(["input", "initialValue"], "Initial value must be greater than 0", "GREATER_THAN");
  const currencyCode = input.initialAmount?.currencyCode ?? ctx.shop.currencyCode;
  const code = (input.code ?? randomBytes(8).toString("hex")).replace(/\s|-/g, "");
  if (code.length < 8) return failed(["input", "code"], "Code is too short (minimum is 8 characters)", "TOO_SHORT");
  if (code.length > 20) return failed(["input", "code"], "Code is too long (maximum is 20 characters)", "TOO_LONG");
  if (!CODE.test(code)) return failed(["input", "code"], "Code can only contain letters and numbers", "INVALID");
  if ([...state(ctx).giftCards.values()].some((c) => c.code.toLowerCase() === code.toLowerCase()))
    return failed(["input", "code"], "Code has already been taken", "TAKEN");
  let customerId: number | null = null;
  if (input.customerId) {
    customerId = idOf(input.customerId, "Customer") ?? -1;
    if (!state(ctx).customers.has(customerId))
      return failed(["input", "customerId"], "Customer could not be found", "CUSTOMER_NOT_FOUND");
  }
  if (input.expiresOn && input.expiresOn < ctx.store.timestamp().slice(0, 10))
    return failed(["input", "expiresOn"], "Expires on must be in the future", "INVALID");
  const now = ctx.store.timestamp();
  const initial = decimal(cents(value));
  const card: GiftCardRecord = {
    id: ctx.store.nextId(),
    code,
    currencyCode,
    initialValue: initial,
    balance: initial,
    expiresOn: input.expiresOn ?? null,
    customerId,
    note: input.note ?? null,
    enabled: true,
    transactions: [],
    createdAt: now,
    updatedAt: now,
  };
  state(ctx).giftCards.set(card.id, card);
  return {
    __typename: "GiftCardCreatePayload",
    giftCard: giftCardView(ctx, card),
    giftCardCode: card.code,
    userErrors: [],
  };
}

function moveGiftCard(kind: "CREDIT" | "DEBIT") {
  const payloadName = kind === "CREDIT" ? "GiftCardCreditPayload" : "GiftCardDebitPayload";
  const field = kind === "CREDIT" ? "giftCardCreditTransaction" : "giftCardDebitTransaction";
  const inputName = kind === "CREDIT" ? "creditInput" : "debitInput";
  return (
    args: {
      id: string;
      creditInput?: { creditAmount: Money; note?: string | null; processedAt?: string | null };
      debitInput?: { debitAmount: Money; note?: string | null; processedAt?: string | null };
    },
    ctx: ResolverContext,
  ) => {
    const failed = (path: string[], message: string, code: string) => ({
      __typename: payloadName,
      [field]: null,
      userErrors: [userError("GiftCardTransactionUserError", path, message, code)],
    });
    const input = kind === "CREDIT" ? args.creditInput! : args.debitInput!;
    const amount = kind === "CREDIT" ? args.creditInput!.creditAmount : args.debitInput!.debitAmount;
    const amountField = [inputName, kind === "CREDIT" ? "creditAmount" : "debitAmount", "amount"];
    const card = state(ctx).giftCards.get(idOf(args.id, "GiftCard") ?? -1);
    if (!card) return failed(["id"], "The gift card could not be found.", "GIFT_CARD_NOT_FOUND");
    if (!(Number(amount.amount) > 0))
      return failed(amountField, "The amount must be greater than zero.", "NEGATIVE_OR_ZERO_AMOUNT");
    if (amount.currencyCode !== card.currencyCode)
      return failed(
        [inputName, amountField[1], "currencyCode"],
        "The currency provided does not match the currency of the gift card.",
        "MISMATCHING_CURRENCY",
      );
    const delta = cents(amount.amount) * (kind === "CREDIT" ? 1 : -1);
    if (cents(card.balance) + delta < 0)
      return failed(
        amountField,
        "The gift card does not have sufficient funds to satisfy the request.",
        "INSUFFICIENT_FUNDS",
      );
    card.balance = decimal(cents(card.balance) + delta);
    card.updatedAt = ctx.store.timestamp();
    const transaction: GiftCardTransactionRecord = {
      id: ctx.store.nextId(),
      kind,
      amount: decimal(cents(amount.amount) * (kind === "CREDIT" ? 1 : -1)),
      note: input.note ?? null,
      processedAt: input.processedAt ?? card.updatedAt,
    };
    card.transactions.push(transaction);
    return { __typename: payloadName, [field]: transactionView(ctx, card, transaction), userErrors: [] };
  };
}

const giftCardById = (ctx: ResolverContext, id: number) => {
  const card = state(ctx).giftCards.get(id);
  return card ? giftCardView(ctx, card) : null;
};

export const giftCardsModule: DomainModule = {
  query: {
    giftCards: (
      args: ConnectionArgs & { query?: string | null; sortKey?: string | null; savedSearchId?: string | null },
      ctx,
    ) => {
      if (args.savedSearchId) throw notImplemented("giftCards(savedSearchId:)");
      if (args.sortKey && args.sortKey !== "ID") throw notImplemented(`giftCards(sortKey: ${args.sortKey})`);
      const matches = matcher(args.query, "giftCards", ["code", "id", "customer_id", "status", "balance_status"]);
      const cards = [...state(ctx).giftCards.values()].filter((c) =>
        matches({
          default: c.code,
          code: c.code,
          id: c.id,
          customer_id: c.customerId,
          status: c.enabled ? "enabled" : "disabled",
          balance_status:
            cents(c.balance) === 0 ? "empty" : cents(c.balance) === cents(c.initialValue) ? "full" : "partial",
        }),
      );
      return connection(
        "GiftCardConnection",
        cards,
        args,
        (c) => c.id,
        (c) => giftCardView(ctx, c),
      );
    },
    giftCard: (args: { id: string }, ctx) => giftCardById(ctx, idOf(args.id, "GiftCard") ?? -1),
  },
  mutation: {
    giftCardCreate,
    giftCardCredit: moveGiftCard("CREDIT"),
    giftCardDebit: moveGiftCard("DEBIT"),
  },
  nodes: { GiftCard: giftCardById },
};
