// A Shopify order (as the Admin API gives it) turned into the draft a back office receives, or a
// clear reason why it cannot be: an order that cannot be exported is kept with that reason on the
// Orders page until someone fixes it and presses Retry.
import { parseSku } from "../../domain/catalog";
import type { ErpCustomerDraft, PostalAddress } from "../../domain/customers";
import type { ErpOrderDraft, ErpOrderLineDraft } from "../../domain/orders";
import { PermanentError } from "../../lib/errors";
import type { OrderForExport } from "../../shopify/operations/orders";

export type ShopifyOrderForExport = NonNullable<OrderForExport["order"]>;

/** The order cannot be exported as it is (unknown SKU, missing address…); retrying alone will not help. */
export class OrderNotExportableError extends PermanentError {}

/** Payment gateways as Fastmag payment codes; anything else is "CB" (card). */
const PAYMENT_CODES: Record<string, string> = {
  paypal: "PAYPAL",
  gift_card: "CADEAU",
  manual: "VIREMENT",
  bank_deposit: "VIREMENT",
  cash_on_delivery: "ESPECES",
};

const amount = (money: { shopMoney: { amount: string } }) => Number(money.shopMoney.amount);
const round = (n: number) => Math.round(n * 100) / 100;

export function paymentCodeOf(gateways: string[]): string {
  const known = gateways.map((g) => PAYMENT_CODES[g.toLowerCase()]).filter(Boolean);
  // A gift card plus a card payment: the card pays the rest, Fastmag's header takes one code.
  return known.find((c) => c !== "CADEAU") ?? known[0] ?? "CB";
}

export function orderDraftFrom(order: ShopifyOrderForExport): { draft: ErpOrderDraft; customer: ErpCustomerDraft } {
  const problems: string[] = [];
  if (!order.email) problems.push("the order has no customer email");
  const a = order.shippingAddress;
  if (!a || !a.address1 || !a.zip || !a.city)
    problems.push("the order has no complete shipping address (street, postcode, city)");

  const lines: ErpOrderLineDraft[] = [];
  const giftCards: string[] = [];
  for (const line of order.lineItems.nodes) {
    // Gift cards are sold and issued by Shopify; the back office only hears about them in the comment.
    if (line.isGiftCard) {
      giftCards.push(`${line.quantity} × ${line.name} (${amount(line.originalUnitPriceSet).toFixed(2)})`);
      continue;
    }
    if (!line.sku || !parseSku(line.sku)) {
      problems.push(`line "${line.name}" has SKU "${line.sku ?? ""}", not a Fastmag SKU (REFERENCE|COLOR|SIZE)`);
      continue;
    }
    lines.push({
      sku: line.sku,
      title: line.name,
      unitPrice: amount(line.originalUnitPriceSet),
      quantity: line.quantity,
      discount: round(amount(line.totalDiscountSet)) || undefined,
    });
  }
  if (lines.length === 0 && giftCards.length > 0 && problems.length === 0)
    problems.push("the order holds only gift cards: nothing to send to the back office");
  else if (lines.length === 0 && problems.length === 0) problems.push("the order has no lines");
  if (problems.length) throw new OrderNotExportableError(`Order ${order.name} cannot be sent: ${problems.join("; ")}.`);

  const shippingAddress: PostalAddress = {
    name: "LIVRAISON",
    firstName: a!.firstName ?? undefined,
    lastName: a!.lastName ?? undefined,
    company: a!.company ?? undefined,
    address1: a!.address1!,
    address2: a!.address2 ?? undefined,
    zip: a!.zip!,
    city: a!.city!,
    country: a!.countryCodeV2 ?? "FR",
    phone: a!.phone ?? undefined,
  };
  const comment =
    [order.note, giftCards.length ? `Gift cards: ${giftCards.join(", ")}` : null].filter(Boolean).join(" — ") ||
    undefined;
  const draft: ErpOrderDraft = {
    shopifyOrderId: order.id,
    shopifyOrderName: order.name,
    email: order.email!,
    shippingAddress,
    lines,
    shippingCost: round(amount(order.totalShippingPriceSet)),
    paymentCode: paymentCodeOf(order.paymentGatewayNames),
    comment,
  };
  const customer: ErpCustomerDraft = {
    email: order.email!,
    firstName: order.customer?.firstName ?? a!.firstName ?? "",
    lastName: order.customer?.lastName ?? a!.lastName ?? order.email!,
    phone: order.customer?.phone ?? a!.phone ?? undefined,
    address: shippingAddress,
    externalId: order.id,
  };
  return { draft, customer };
}
