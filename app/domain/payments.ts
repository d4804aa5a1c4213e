// Stored value a customer can spend: gift cards, e-wallets (PME, "porte-monnaie électronique") and
// credit notes (avoirs); and how an order was paid, in words every back office can map to its codes.

/** How (part of) an order was paid. "other" is a payment the app does not recognise (most are cards). */
export type PaymentMethod = "card" | "paypal" | "gift-card" | "bank-transfer" | "cash-on-delivery" | "other";

export interface ErpGiftCard {
  /** The card's code, as printed on it and typed at a till. */
  id: string;
  activated: boolean;
  balance: number;
  /** What it was sold for (absent when the system does not say). */
  initialValue?: number;
  currency: string;
  customerEmail?: string;
  /** YYYY-MM-DD. */
  expiresOn?: string;
  /** When it was sold. */
  soldAt?: Date;
}

/** An e-wallet, issued in a physical store or on the web shop. */
export interface Pme {
  code: string;
  kind: "store" | "web";
  balance: number;
  customerId?: string;
  customerEmail?: string;
}

/** A credit note: an amount owed to a customer (after a return), possibly partly spent. */
export interface Avoir {
  id: string;
  customerId?: string;
  customerEmail?: string;
  amount: number;
  remaining: number;
  createdOn: string;
  expiresOn?: string;
}
