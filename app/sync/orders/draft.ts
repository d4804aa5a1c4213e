// A Shopify order (as the Admin API gives it) turned into the draft a back office receives, or a
// clear reason why it cannot be: an order that cannot be exported is kept with that reason on the
// Orders page until someone fixes it and presses Retry.
import type { ErpCustomerDraft, PostalAddress } from "../../domain/customers";
import type { ErpOrderDraft, ErpOrderLineDraft } from "../../domain/orders";
import type { PaymentMethod } from "../../domain/payments";
import { said, type Message, type Said } from "../../i18n/stored-words";
import { PermanentError } from "../../lib/errors";
import type { OrderForExport } from "../../shopify/operations/orders";
import type { SkuResolution } from "../unmatched/decisions.server";

export type ShopifyOrderForExport = NonNullable<OrderForExport["order"]>;

/** The order cannot be exported as it is (unknown SKU, missing address…); retrying alone will not help. */
export class OrderNotExportableError extends PermanentError {}

/** Shopify's payment gateway names as neutral payment methods; the destination maps them to its codes. */
const PAYMENT_METHODS: Record<string, PaymentMethod> = {
  shopify_payments: "card",
  paypal: "paypal",
  gift_card: "gift-card",
  manual: "bank-transfer",
  bank_deposit: "bank-transfer",
  cash_on_delivery: "cash-on-delivery",
};

const amount = (money: { shopMoney: { amount: string } }) => Number(money.shopMoney.amount);
const round = (n: number) => Math.round(n * 100) / 100;

/** How the order was paid, one method per gateway in Shopify's order; a gateway the app does not know is "other". */
export function paymentMethodsOf(gateways: string[]): PaymentMethod[] {
  return gateways.map((g) => PAYMENT_METHODS[g.toLowerCase()] ?? "other");
}

/**
 * The name the order's delivery address is stored under in the back office, one per order: under one
 * shared name a customer's second order rewrote the address of the first.
 */
export function deliveryAddressName(shopifyOrderId: string): string {
  return `SHOPIFY-${shopifyOrderId.replace(/^gid:\/\/shopify\/Order\//, "")}`;
}

/** No decision taken on the Unmatched screen: every line goes with the SKU Shopify has. */
const AS_IN_SHOPIFY: Pick<SkuResolution, "sourceSkuOf"> = { sourceSkuOf: (sku) => sku };

/**
 * `skus` applies the merchant's Unmatched decisions (ADR 0022): a line whose Shopify SKU is linked goes with
 * the back office's SKU; a line whose SKU is ignored is not one the back office knows, so it is named in the
 * comment, like a gift card, instead of holding the whole order.
 */
export function orderDraftFrom(
  order: ShopifyOrderForExport,
  destination: { skuProblem(sku: string): Message | null },
  skus: Pick<SkuResolution, "sourceSkuOf"> = AS_IN_SHOPIFY,
): { draft: ErpOrderDraft; customer: ErpCustomerDraft } {
  const problems: Said[] = [];
  if (!order.email) problems.push(said("words5.order.noEmail"));
  const a = order.shippingAddress;
  if (!a || !a.address1 || !a.zip || !a.city) problems.push(said("words5.order.noAddress"));

  // Never send part of an order: one with more lines than a query reads is held for a person.
  if (order.lineItems.pageInfo?.hasNextPage) problems.push(said("words5.order.tooManyLines"));
  const lines: ErpOrderLineDraft[] = [];
  const giftCards: string[] = [];
  const ignored: string[] = [];
  for (const line of order.lineItems.nodes) {
    // Gift cards are sold and issued by Shopify; the back office only hears about them in the comment.
    if (line.isGiftCard) {
      giftCards.push(`${line.quantity} × ${line.name} (${amount(line.originalUnitPriceSet).toFixed(2)})`);
      continue;
    }
    const sku = line.sku ? skus.sourceSkuOf(line.sku) : null;
    if (line.sku && sku === null) {
      ignored.push(`${line.quantity} × ${line.name} (${line.sku})`);
      continue;
    }
    const skuProblem = sku ? destination.skuProblem(sku) : said("words5.order.noSku");
    if (!sku || skuProblem) {
      problems.push(said("words5.order.lineSku", { line: line.name, sku: line.sku ?? "", problem: skuProblem ?? "" }));
      continue;
    }
    lines.push({
      sku,
      title: line.name,
      unitPrice: amount(line.originalUnitPriceSet),
      quantity: line.quantity,
      discount: round(amount(line.totalDiscountSet)) || undefined,
    });
  }
  if (lines.length === 0 && giftCards.length > 0 && problems.length === 0)
    problems.push(said("words5.order.onlyGiftCards"));
  else if (lines.length === 0 && ignored.length > 0 && problems.length === 0)
    problems.push(said("unmatched.order.onlyIgnored"));
  else if (lines.length === 0 && problems.length === 0) problems.push(said("words5.order.noLines"));
  if (problems.length)
    throw new OrderNotExportableError(
      said("words5.order.cannotBeSent", {
        order: order.name,
        problems: problems.reduceRight((rest, first) => said("words5.order.problems", { first, rest })),
      }),
    );

  const shippingAddress: PostalAddress = {
    name: deliveryAddressName(order.id),
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
    [
      order.note,
      giftCards.length ? `Gift cards: ${giftCards.join(", ")}` : null,
      ignored.length ? `Not in the back office (ignored SKUs): ${ignored.join(", ")}` : null,
    ]
      .filter(Boolean)
      .join(" — ") || undefined;
  const draft: ErpOrderDraft = {
    shopifyOrderId: order.id,
    shopifyOrderName: order.name,
    email: order.email!,
    shippingAddress,
    lines,
    shippingCost: round(amount(order.totalShippingPriceSet)),
    paymentMethods: paymentMethodsOf(order.paymentGatewayNames),
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
