// Shopify's gift cards as the gift-card sync uses them: find by code or id, create with a given code,
// move the balance, and the customer of an e-mail. The only caller of ./operations/gift-cards.
import { assertNoUserErrors, type ShopifyAdminClient } from "./admin-client.server";
import {
  CUSTOMER_BY_EMAIL,
  GIFT_CARD_BY_ID,
  GIFT_CARD_CREATE,
  GIFT_CARD_CREDIT,
  GIFT_CARD_DEBIT,
  GIFT_CARDS_BY_CODE,
  type GiftCardCreateInput,
  type ShopifyGiftCardNode,
} from "./operations/gift-cards";

export interface ShopifyGiftCard {
  id: string;
  lastCharacters: string;
  enabled: boolean;
  expiresOn: string | null;
  balanceCents: number;
  initialCents: number;
  currency: string;
  customerId: string | null;
}

export const toCents = (amount: string | number) => Math.round(Number(amount) * 100);
export const fromCents = (cents: number) => (cents / 100).toFixed(2);

const view = (node: ShopifyGiftCardNode): ShopifyGiftCard => ({
  id: node.id,
  lastCharacters: node.lastCharacters,
  enabled: node.enabled,
  expiresOn: node.expiresOn,
  balanceCents: toCents(node.balance.amount),
  initialCents: toCents(node.initialValue.amount),
  currency: node.balance.currencyCode,
  customerId: node.customer?.id ?? null,
});

/** Search syntax quoting: the code is letters and digits only, but an e-mail may hold anything. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, "")}"`;

export function shopifyGiftCards(client: ShopifyAdminClient) {
  return {
    async findByCode(code: string): Promise<ShopifyGiftCard | null> {
      const { data } = await client.request(GIFT_CARDS_BY_CODE, { query: `code:${quoted(code)}` });
      const node = data.giftCards.nodes[0];
      return node ? view(node) : null;
    },
    async byId(id: string): Promise<ShopifyGiftCard | null> {
      const { data } = await client.request(GIFT_CARD_BY_ID, { id });
      return data.giftCard ? view(data.giftCard) : null;
    },
    /** The new card, or "taken" when a card with this code exists already (another worker made it). */
    async create(input: GiftCardCreateInput): Promise<ShopifyGiftCard | "taken"> {
      const { data } = await client.request(GIFT_CARD_CREATE, { input });
      const errors = data.giftCardCreate?.userErrors ?? [];
      if (errors.some((e) => e.code === "TAKEN")) return "taken";
      const payload = assertNoUserErrors("giftCardCreate", data.giftCardCreate);
      return view(payload.giftCard!);
    },
    /** Moves the balance by `deltaCents` (negative: debit); answers the new balance in cents. */
    async move(id: string, deltaCents: number, currency: string, note: string): Promise<number> {
      const money = { amount: fromCents(Math.abs(deltaCents)), currencyCode: currency };
      if (deltaCents < 0) {
        const { data } = await client.request(GIFT_CARD_DEBIT, { id, debitInput: { debitAmount: money, note } });
        const payload = assertNoUserErrors("giftCardDebit", data.giftCardDebit);
        return toCents(payload.giftCardDebitTransaction!.giftCard.balance.amount);
      }
      const { data } = await client.request(GIFT_CARD_CREDIT, { id, creditInput: { creditAmount: money, note } });
      const payload = assertNoUserErrors("giftCardCredit", data.giftCardCredit);
      return toCents(payload.giftCardCreditTransaction!.giftCard.balance.amount);
    },
    async customerIdByEmail(email: string): Promise<string | null> {
      const { data } = await client.request(CUSTOMER_BY_EMAIL, { query: `email:${quoted(email)}` });
      return data.customers.nodes.find((c) => c.email?.toLowerCase() === email.toLowerCase())?.id ?? null;
    },
  };
}

export type ShopifyGiftCards = ReturnType<typeof shopifyGiftCards>;
