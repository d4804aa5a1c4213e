import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newSigningSecret, signatureHeader, verifySignature } from "./signature";

describe("Standard Webhooks signature", () => {
  it("is HMAC-SHA256 of id.timestamp.body keyed with the secret's base64 part", () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const body = Buffer.from('{"id":820982911946154508}');
    const mac = createHmac("sha256", Buffer.from("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "base64"))
      .update(`msg_1.1700000000.${body.toString()}`)
      .digest("base64");
    expect(signatureHeader([secret], "msg_1", 1700000000, body)).toBe(`v1,${mac}`);
  });

  it("carries one signature per secret during a rotation, and either verifies", () => {
    const [a, b] = [newSigningSecret(), newSigningSecret()];
    const body = Buffer.from("{}");
    const header = signatureHeader([b, a], "id", 5, body);
    expect(header.split(" ")).toHaveLength(2);
    expect(verifySignature(a, { id: "id", timestamp: "5", signature: header }, body)).toBe(true);
    expect(verifySignature(b, { id: "id", timestamp: "5", signature: header }, body)).toBe(true);
    expect(verifySignature(newSigningSecret(), { id: "id", timestamp: "5", signature: header }, body)).toBe(false);
    expect(verifySignature(a, { id: "id", timestamp: "6", signature: header }, body)).toBe(false);
  });
});
