// A system that holds money it owes customers (an ERP/POS): their electronic wallets (balances spendable
// in store) and their credit notes (amounts owed after a return, possibly partly spent). Read by e-mail
// for the customer service screens, and listed whole for the store-credit mirror.
import type { Said } from "../i18n/stored-words";

/** The customer as the system knows them. */
export interface CreditCustomer {
  /** The system's customer number. */
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone?: string;
}

/** An electronic wallet, issued in a physical store or on the web shop. Its balance may be negative. */
export interface Wallet {
  code: string;
  issuedIn: "store" | "web";
  balance: number;
}

/** A credit note with something left to spend. */
export interface CreditNote {
  id: string;
  amount: number;
  remaining: number;
  /** YYYY-MM-DD. */
  createdOn: string;
  expiresOn?: string;
}

/** What the system owes one customer. */
export interface CustomerCredit {
  email: string;
  currency: string;
  wallets: Wallet[];
  /** Open ones only: something left, not expired. */
  creditNotes: CreditNote[];
}

export interface CustomerCreditSource {
  /** The customer with this e-mail, or null when the system has none. */
  customerByEmail(email: string): Promise<CreditCustomer | null>;
  /** Their wallets and open credit notes (empty lists when they have none). */
  creditOf(email: string): Promise<CustomerCredit>;
  /** Every customer holding a wallet or an open credit note, by e-mail; rows the system gave that could not be read are in `skipped`. */
  allCredit(): Promise<{
    items: CustomerCredit[];
    /** `reason` in English; `words` its key and values when said with one (a run shows it in the reader's language). */
    skipped: { key: string; reason: string; words?: Said }[];
  }>;
}
