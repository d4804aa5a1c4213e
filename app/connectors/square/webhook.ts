// Square's webhook signature: base64(HMAC-SHA256(signature key, notification URL + raw body)) in
// x-square-hmacsha256-signature, compared in constant time.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SQUARE_SIGNATURE_HEADER = "x-square-hmacsha256-signature";

export function verifySquareSignature(
  signatureKey: string,
  notificationUrl: string,
  rawBody: string,
  signature: string | null,
): boolean {
  if (!signatureKey || !signature) return false;
  const expected = Buffer.from(
    createHmac("sha256", signatureKey)
      .update(notificationUrl + rawBody)
      .digest("base64"),
  );
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The location ids whose counts an inventory.count.updated notification says moved (empty for another event). */
export function squareCountEventLocations(body: unknown): string[] {
  const event = body as { type?: unknown; data?: { object?: { inventory_counts?: { location_id?: unknown }[] } } };
  if (event?.type !== "inventory.count.updated") return [];
  const counts = event.data?.object?.inventory_counts ?? [];
  return [...new Set(counts.map((count) => count.location_id).filter((id): id is string => typeof id === "string"))];
}
