// Per-shop tokens for the JSON API. A token is shown once at creation; we keep only its SHA-256.
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db.server";
import { ValidationError } from "../lib/errors";

const PREFIX = "psk_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(PREFIX);
}

export async function createApiToken(shop: string, name: string): Promise<{ id: string; token: string }> {
  const label = name.trim();
  if (!label || label.length > 80)
    throw new ValidationError("Give the token a name (80 characters at most).", { name: "required" });
  const token = `${PREFIX}${randomBytes(24).toString("base64url")}`;
  const row = await db.apiToken.create({
    data: { shop, name: label, tokenHash: hashToken(token), lastFour: token.slice(-4) },
  });
  return { id: row.id, token };
}

export async function revokeApiToken(shop: string, id: string): Promise<void> {
  await db.apiToken.updateMany({ where: { id, shop, revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function listApiTokens(shop: string) {
  const rows = await db.apiToken.findMany({ where: { shop, revokedAt: null }, orderBy: { createdAt: "desc" } });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    lastFour: r.lastFour,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
  }));
}

/** The shop a token belongs to, or null when unknown or revoked. */
export async function shopForApiToken(token: string): Promise<string | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt) return null;
  // Coarse on purpose: one write per token per minute at most.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return row.shop;
}
