// Transaction records for ediwebsrv.ips, built as the Fastmag EDI description shows: one line per
// record, `|`-separated, the transaction name first, free text escaped ({CR}{LF}, {PIPE}).
// Field orders not given by the public description (delivery address, transfer, VSHOPSTATUS) are
// our choice and documented in README.md; the emulator reads the same layout. Every text field goes
// through text.ts: free text is transliterated into the code page, identities are sent exactly or refused.
import { said } from "../../i18n/stored-words";
import { ValidationError } from "../../lib/errors";
import { parseSku } from "./sku";
import type { ErpCustomerDraft, PostalAddress } from "../../domain/customers";
import type { StockTransfer } from "./stock";
import { orderLinesTotal, type ErpOrderDraft } from "../../domain/orders";
import { recordLine } from "./protocol";
import { exactText, freeText, transliterate } from "./text";
import { fastmagPaymentCode } from "./payments";

/** Fastmag's names for the two stocks our domain calls A and B. */
export const STOCK_NAMES = { A: "GENERAL", B: "WEB" } as const;

function sku(value: string) {
  const parts = parseSku(value);
  if (!parts) throw new ValidationError(said("fastmag.notASku", { sku: value }));
  for (const part of [parts.reference, parts.color, parts.size]) exactText(part, `SKU "${value}" part`);
  return parts;
}

const email = (value: string) => exactText(value, "customer e-mail");

/** The delivery address's fields as Fastmag stores them (transliterated, or refused). */
function addressFields(a: PostalAddress | undefined) {
  return {
    firstName: freeText(a?.firstName, "first name of the delivery address"),
    lastName: freeText(a?.lastName, "last name of the delivery address"),
    company: freeText(a?.company, "company of the delivery address"),
    address1: freeText(a?.address1, "delivery address"),
    address2: freeText(a?.address2, "delivery address (line 2)"),
    zip: freeText(a?.zip, "postcode of the delivery address"),
    city: freeText(a?.city, "city of the delivery address"),
    country: freeText(a?.country, "country of the delivery address"),
    phone: freeText(a?.phone, "phone number of the delivery address"),
  };
}

/** The name a delivery address is stored under; an identity, since the order header points at it. */
const addressName = (address: PostalAddress) => exactText(address.name ?? "LIVRAISON", "delivery address name");

/** CLIENT|WEB|email|lastname|firstname|civility|address1|address2|zip|city|country|phone|mobile|birthDay|birthMonth|loyaltyCard|discount|ORIGIN|notes|password|company|externalId */
export function customerRecord(customer: ErpCustomerDraft): string {
  const a = addressFields(customer.address);
  return recordLine("CLIENT", [
    "WEB",
    email(customer.email),
    freeText(customer.lastName, "customer's last name"),
    freeText(customer.firstName, "customer's first name"),
    customer.civility ?? "",
    a.address1,
    a.address2,
    a.zip,
    a.city,
    a.country,
    freeText(customer.phone, "customer's phone number") ?? a.phone,
    "",
    "",
    "",
    "",
    "",
    "SHOPIFY",
    freeText(customer.notes, "customer note"),
    "",
    freeText(customer.company, "customer's company") ?? a.company,
    customer.externalId === undefined ? undefined : exactText(customer.externalId, "customer's Shopify id"),
  ]);
}

/** ADRESSECLIENT|email|addressName|lastname|firstname|company|address1|address2|zip|city|country|phone */
export function deliveryAddressRecord(customerEmail: string, address: PostalAddress): string {
  const a = addressFields(address);
  return recordLine("ADRESSECLIENT", [
    email(customerEmail),
    addressName(address),
    a.lastName,
    a.firstName,
    a.company,
    a.address1,
    a.address2,
    a.zip,
    a.city,
    a.country,
    a.phone,
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
    email(draft.email),
    draft.shippingAddress ? addressName(draft.shippingAddress) : "",
    "",
    freeText(draft.comment, "order note"),
    exactText(fastmagPaymentCode(draft.paymentMethods), "payment code"),
    exactText(draft.shopifyOrderId, "Shopify order id"),
    freeText(draft.shopifyOrderName, "order name"),
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
      designation(line.title, reference),
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

/** The line's label: Fastmag knows the article by its reference, so a title with no Latin form gives way to it. */
function designation(title: string, reference: string): string {
  const { text, unwritable } = transliterate(title);
  return unwritable.length > 0 ? reference : text;
}

/** TRANSFER|reference|color|size|quantity|fromStock|toStock|reason, one line per variant. */
export function transferRecords(transfers: StockTransfer[], reason: string): string[] {
  return transfers.map((t) => {
    if (!(t.quantity > 0) || !Number.isInteger(t.quantity))
      throw new Error(`cannot transfer ${t.quantity} of ${t.sku}`);
    if (t.from === t.to) throw new Error(`transfer of ${t.sku} goes from and to the same stock`);
    const { reference, color, size } = sku(t.sku);
    const because = exactText(reason, "transfer reason");
    return recordLine("TRANSFER", [
      reference,
      color,
      size,
      t.quantity,
      STOCK_NAMES[t.from],
      STOCK_NAMES[t.to],
      because,
    ]);
  });
}

/** VSHOPSTATUS|orderId|status|carrier|trackingNumber — the web order's status as the shop sees it. */
export function orderStatusRecord(orderId: string, status: number, carrier?: string, trackingNumber?: string): string {
  return recordLine("VSHOPSTATUS", [orderId, status, carrier, trackingNumber]);
}
