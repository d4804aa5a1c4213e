import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { constantTimeEqual, decryptSecret, encryptSecret } from "./crypto.server";

describe("secrets at rest", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = encryptSecret("motdepasse-été");
    expect(sealed).not.toContain("motdepasse");
    expect(sealed.startsWith("v1:")).toBe(true);
    expect(decryptSecret(sealed)).toBe("motdepasse-été");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same")).not.toBe(encryptSecret("same"));
  });

  it("refuses a tampered ciphertext or another key with a clear message", () => {
    const sealed = encryptSecret("secret");
    const parts = sealed.split(":");
    const tampered = [...parts.slice(0, 3), Buffer.from("XXXX").toString("base64url")].join(":");
    expect(() => decryptSecret(tampered)).toThrow(/APP_ENCRYPTION_KEY changed/);
    expect(() => decryptSecret(sealed, randomBytes(32))).toThrow(/cannot be decrypted/);
    expect(() => decryptSecret("plain")).toThrow(/unknown format/);
  });

  it("compares in constant time", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
  });
});
