// Orders as back offices report them, and the draft we send them when exporting a Shopify order.
import type { Sku } from "./catalog";
import type { PostalAddress } from "./customers";

export interface ErpOrder {
  id: string;
  shopifyOrderId?: string;
  shopifyOrderName?: string;
  status: number;
  statusLabel: string;
  /** True once the back office says the parcel left (Fastmag: statuses 300 and 305). */
  shipped: boolean;
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
  /** The back office's code for how it was paid (e.g. "CB", "PAYPAL"). */
  paymentCode: string;
  comment?: string;
}

export const orderLinesTotal = (draft: Pick<ErpOrderDraft, "lines" | "shippingCost">): number =>
  Math.round(
    (draft.lines.reduce((sum, line) => sum + line.unitPrice * line.quantity - (line.discount ?? 0), 0) +
      (draft.shippingCost ?? 0)) *
      100,
  ) / 100;
