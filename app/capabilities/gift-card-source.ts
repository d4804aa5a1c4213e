// A system that sells gift cards (an ERP/POS): whether a card exists and is activated, what is left on
// it, the cards sold since a moment, and — where its API allows — the spending made online.
import type { ErpGiftCard } from "../domain/payments";
import type { ReadResult } from "../domain/results";
import type { Message } from "../i18n/stored-words";

export type { ErpGiftCard };

/** Online spending told to the system, or why it cannot be (the merchant reads the reason). */
export type OnlineSpendingReport =
  | { supported: true; record(code: string, amount: number, currency: string, reference: string): Promise<void> }
  | { supported: false; reason: Message };

export interface GiftCardSource {
  /** The card with this code, or null when the system has none. */
  giftCard(code: string): Promise<ErpGiftCard | null>;
  /** Cards sold at or after `since`, oldest first. */
  soldSince(since: Date): Promise<ReadResult<ErpGiftCard>>;
  onlineSpending: OnlineSpendingReport;
}
