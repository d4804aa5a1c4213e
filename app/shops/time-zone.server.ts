// The shop's own time zone, which every screen uses to show dates (UTC until the shop record has one).
import { db } from "../db.server";

export async function shopTimeZone(shop: string): Promise<string> {
  const row = await db.shop.findUnique({ where: { domain: shop }, select: { ianaTimezone: true } });
  return row?.ianaTimezone ?? "UTC";
}
