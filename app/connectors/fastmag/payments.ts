// How Fastmag names payments: one code in the order's header (ENTETE), from the neutral payment methods.
import type { PaymentMethod } from "../../domain/payments";

const PAYMENT_CODES: Record<PaymentMethod, string> = {
  card: "CB",
  paypal: "PAYPAL",
  "gift-card": "CADEAU",
  "bank-transfer": "VIREMENT",
  "cash-on-delivery": "ESPECES",
  // Most gateways the app does not name are card processors.
  other: "CB",
};

/** The header's payment code. A gift card plus another payment: the other pays the rest, so it names the order. */
export function fastmagPaymentCode(methods: readonly PaymentMethod[]): string {
  const codes = methods.map((m) => PAYMENT_CODES[m]);
  return codes.find((c) => c !== "CADEAU") ?? codes[0] ?? "CB";
}
