// The test certificate is well-formed DER whatever its serial number (random at every start).
import { X509Certificate } from "node:crypto";
import { createSecureContext } from "node:tls";
import { describe, expect, it } from "vitest";
import { makeTestCertificate } from "./certificate";

const now = new Date("2026-11-30T12:00:00Z");

describe("test certificate", () => {
  it.each([
    ["random", undefined],
    ["with leading zero bytes", Buffer.from([0, 0, 0x12, 0x34])],
    ["with its high bit set", Buffer.from([0x80, 0x01])],
    ["zero", Buffer.from([0, 0])],
  ])("is a valid self-signed certificate for localhost and 127.0.0.1, serial %s", (_name, serial) => {
    const { cert, key } = makeTestCertificate(["localhost"], ["127.0.0.1"], now, serial);
    expect(() => createSecureContext({ cert, key })).not.toThrow();
    const x509 = new X509Certificate(cert);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkHost("localhost")).toBe("localhost");
    expect(x509.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(new Date(x509.validFrom).getTime()).toBeLessThan(now.getTime());
    expect(new Date(x509.validTo).getTime()).toBeGreaterThan(now.getTime());
  });
});
