// The Standard Webhooks signature scheme: HMAC-SHA256, keyed with the base64 part of a "whsec_…"
// secret, over "<webhook-id>.<webhook-timestamp>.<body>", sent as "v1,<base64>" (space-separated when
// a rotated secret still signs during its overlap). No vendor shape: any Standard Webhooks verifier
// (or the dozen lines in docs/api.md) checks it.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const PREFIX = "whsec_";

/** A new signing secret, shown to the merchant once. */
export function newSigningSecret(): string {
  return PREFIX + randomBytes(24).toString("base64");
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
}

/** "v1,<base64 HMAC>" for one secret. */
export function signatureOf(secret: string, id: string, timestamp: number, body: Uint8Array): string {
  const mac = createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.`).update(body).digest("base64");
  return `v1,${mac}`;
}

/** The webhook-signature header: one signature per secret still valid. */
export function signatureHeader(secrets: string[], id: string, timestamp: number, body: Uint8Array): string {
  return secrets.map((secret) => signatureOf(secret, id, timestamp, body)).join(" ");
}

/** The receiver's side (tests, the emulated ERP): true when one of the header's signatures matches. */
export function verifySignature(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: Uint8Array,
): boolean {
  const expected = Buffer.from(signatureOf(secret, headers.id, Number(headers.timestamp), body));
  return headers.signature.split(" ").some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
