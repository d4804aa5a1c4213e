// Transaction records for ediwebsrv.ips, built as the Fastmag EDI description shows: one line per
// record, `|`-separated, the transaction name first, free text escaped ({CR}{LF}, {PIPE}).
// Field orders not given by the public description (delivery address, transfer, VSHOPSTATUS) are
// our choice and documented in README.md; the emulator reads the same layout.
import { parseSku } from "../../domain/catalog";
import type { ErpCustomerDraft, PostalAddress } from "../../domain/customers";
import type { StockTransfer } from "../../domain/inventory";
import { orderLinesTotal, type ErpOrderDraft } from "../../domain/orders";
import { recordLine } from "./protocol";

/** Fastmag's names for the two stocks our domain calls A and B. */
export const STOCK_NAMES = { A: "GENERAL", B: "WEB" } as const;

function sku(value: string) {
  const parts = parseSku(value);
  if (!parts) throw new Error(`"${value}" is not a Fastmag SKU (REFERENCE|COLOR|SIZE)`);
  return parts;
}

/** CLIENT|WEB|email|lastname|firstname|civility|address1|address2|zip|city|country|phone|mobile|birthDay|birthMonth|loyaltyCard|discount|ORIGIN|notes|password|company|externalId */
export function customerRecord(customer: ErpCustomerDraft): string {
  const a = customer.address;
  return recordLine("CLIENT", [
    "WEB",
    customer.email,
    customer.lastName,
    customer.firstName,
    customer.civility ?? "",
    a?.address1,
    a?.address2,
    a?.zip,
    a?.city,
    a?.country,
    customer.phone ?? a?.phone,
    "",
    "",
    "",
    "",
    "",
    "SHOPIFY",
    customer.notes,
    "",
    customer.company ?? a?.company,
    customer.externalId,
  ]);
}

/** ADRESSECLIENT|email|addressName|lastname|firstname|company|address1|address2|zip|city|country|phone */
export function deliveryAddressRecord(email: string, address: PostalAddress): string {
  return recordLine("ADRESSECLIENT", [
    email,
    address.name ?? "LIVRAISON",
    address.lastName,
    address.firstName,
    address.company,
    address.address1,
    address.address2,
    address.zip,
    address.city,
    address.country,
    address.phone,
  ]);
}

/**
 * ENTETE|store|total|quantity|COMMANDE|seller|email|addressName|status|comment|paymentCode|shopifyOrderId|shopifyOrderName|shippingCost
 * then one LIGNE|reference|size|color|designation|unitPrice|quantity|discount|lineTotal|reason|comment|pme per line.
 * The Shopify order id rides in the header so orderByShopifyId finds the order (exactly-once export).
 */
export function orderRecords(magasin: string, draft: ErpOrderDraft): string[] {
  if (draft.lines.length === 0) throw new Error(`order ${draft.shopifyOrderName} has no lines to send to Fastmag`);
  const quantity = draft.lines.reduce((sum, line) => sum + line.quantity, 0);
  const header = recordLine("ENTETE", [
    magasin,
    orderLinesTotal(draft),
    quantity,
    "COMMANDE",
    "WEB",
    draft.email,
    draft.shippingAddress ? (draft.shippingAddress.name ?? "LIVRAISON") : "",
    "",
    draft.comment,
    draft.paymentCode,
    draft.shopifyOrderId,
    draft.shopifyOrderName,
    draft.shippingCost ?? 0,
  ]);
  const lines = draft.lines.map((line) => {
    const { reference, color, size } = sku(line.sku);
    const discount = line.discount ?? 0;
    const total = Math.round((line.unitPrice * line.quantity - discount) * 100) / 100;
    return recordLine("LIGNE", [
      reference,
      size,
      color,
      line.title,
      line.unitPrice,
      line.quantity,
      discount,
      total,
      "",
      "",
      "",
    ]);
  });
  return [header, ...lines];
}

/** TRANSFER|reference|color|size|quantity|fromStock|toStock|reason, one line per variant. */
export function transferRecords(transfers: StockTransfer[], reason: string): string[] {
  return transfers.map((t) => {
    if (!(t.quantity > 0) || !Number.isInteger(t.quantity))
      throw new Error(`cannot transfer ${t.quantity} of ${t.sku}`);
    if (t.from === t.to) throw new Error(`transfer of ${t.sku} goes from and to the same stock`);
    const { reference, color, size } = sku(t.sku);
    return recordLine("TRANSFER", [reference, color, size, t.quantity, STOCK_NAMES[t.from], STOCK_NAMES[t.to], reason]);
  });
}

/** VSHOPSTATUS|orderId|status|carrier|trackingNumber — the web order's status as the shop sees it. */
export function orderStatusRecord(orderId: string, status: number, carrier?: string, trackingNumber?: string): string {
  return recordLine("VSHOPSTATUS", [orderId, status, carrier, trackingNumber]);
}
