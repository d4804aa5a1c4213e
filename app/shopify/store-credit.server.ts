// Shopify's store credit as the customer-credit mirror and the admin block use it: a customer's e-mail
// by id, a customer's store credit by e-mail, and moving it. The only caller of ./operations/store-credit.
import { assertNoUserErrors, type ShopifyAdminClient } from "./admin-client.server";
import {
  CUSTOMER_EMAIL,
  CUSTOMER_STORE_CREDIT,
  STORE_CREDIT_CREDIT,
  STORE_CREDIT_DEBIT,
} from "./operations/store-credit";

export interface ShopifyStoreCredit {
  customerId: string;
  /** The account in the currency asked, once it exists (a first credit opens it). */
  accountId: string | null;
  balanceCents: number;
}

const toCents = (amount: string | number) => Math.round(Number(amount) * 100);
const fromCents = (cents: number) => (cents / 100).toFixed(2);
/** Search syntax quoting: an e-mail may hold anything. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, "")}"`;

export function shopifyStoreCredit(client: ShopifyAdminClient) {
  return {
    /** The e-mail of a Shopify customer (gid or number); null when there is no such customer or no e-mail. */
    async customerEmail(id: string): Promise<string | null> {
      const gid = /^\d+$/.test(id) ? `gid://shopify/Customer/${id}` : id;
      const { data } = await client.request(CUSTOMER_EMAIL, { id: gid });
      return data.customer?.email ?? null;
    },
    /** The customer with this e-mail and their store credit in `currency`; null when Shopify has no such customer. */
    async ofEmail(email: string, currency: string): Promise<ShopifyStoreCredit | null> {
      const { data } = await client.request(CUSTOMER_STORE_CREDIT, { query: `email:${quoted(email)}` });
      const customer = data.customers.nodes.find((c) => c.email?.toLowerCase() === email.toLowerCase());
      if (!customer) return null;
      const account = customer.storeCreditAccounts.nodes.find((a) => a.balance.currencyCode === currency);
      return {
        customerId: customer.id,
        accountId: account?.id ?? null,
        balanceCents: account ? toCents(account.balance.amount) : 0,
      };
    },
    /** Moves the balance by `deltaCents` (negative: debit); answers the balance after it, in cents. */
    async move(credit: ShopifyStoreCredit, deltaCents: number, currency: string): Promise<number> {
      const money = { amount: fromCents(Math.abs(deltaCents)), currencyCode: currency };
      if (deltaCents < 0) {
        const { data } = await client.request(STORE_CREDIT_DEBIT, {
          id: credit.accountId ?? credit.customerId,
          debitInput: { debitAmount: money },
        });
        const payload = assertNoUserErrors("storeCreditAccountDebit", data.storeCreditAccountDebit);
        return toCents(payload.storeCreditAccountTransaction!.balanceAfterTransaction.amount);
      }
      const { data } = await client.request(STORE_CREDIT_CREDIT, {
        id: credit.accountId ?? credit.customerId,
        creditInput: { creditAmount: money },
      });
      const payload = assertNoUserErrors("storeCreditAccountCredit", data.storeCreditAccountCredit);
      return toCents(payload.storeCreditAccountTransaction!.balanceAfterTransaction.amount);
    },
  };
}

export type ShopifyStoreCreditApi = ReturnType<typeof shopifyStoreCredit>;
