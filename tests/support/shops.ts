import { randomBytes } from "node:crypto";

/** A shop domain no other test uses, so tests can share a database without cleaning it. */
export function uniqueShop(prefix = "test"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}.myshopify.com`;
}
