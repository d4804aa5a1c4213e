// Orders as back offices report them, and the draft we send them when exporting a Shopify order.
import type { Sku } from "./catalog";
import type { PostalAddress } from "./customers";
import type { PaymentMethod } from "./payments";

export interface ErpOrder {
  id: string;
  shopifyOrderId?: string;
  shopifyOrderName?: string;
  /** The status as the system numbers it (stored, and compared to see a change). */
  status: number;
  /** The status in words, as the system names it. */
  statusLabel: string;
  /** True once the back office says the parcel left; the connector decides which statuses mean it. */
  shipped: boolean;
  /** Shipped in part only: the rest leaves later, so the order is followed until it does. */
  partlyShipped?: boolean;
  carrier?: string;
  trackingNumber?: string;
  total?: number;
  createdAt?: Date;
}

export interface ErpOrderLineDraft {
  sku: Sku;
  title: string;
  /** Unit price including tax, before the line discount. */
  unitPrice: number;
  quantity: number;
  /** Discount on the whole line, in currency units. */
  discount?: number;
}

export interface ErpOrderDraft {
  shopifyOrderId: string;
  shopifyOrderName: string;
  email: string;
  shippingAddress?: PostalAddress;
  lines: ErpOrderLineDraft[];
  shippingCost?: number;
  /** How it was paid, in the order the payments were made; each destination names them its own way. */
  paymentMethods: PaymentMethod[];
  comment?: string;
}

export const orderLinesTotal = (draft: Pick<ErpOrderDraft, "lines" | "shippingCost">): number =>
  Math.round(
    (draft.lines.reduce((sum, line) => sum + line.unitPrice * line.quantity - (line.discount ?? 0), 0) +
      (draft.shippingCost ?? 0)) *
      100,
  ) / 100;
