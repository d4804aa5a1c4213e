import net from "node:net";
import { describe, expect, it } from "vitest";
import { classifyOutboundFailure, describeOutboundFailure, outboundFetch } from "./http-outbound.server";
import {
  checkConnectorUrl,
  connectorDispatcher,
  isLocalHostname,
  isPrivateAddress,
  publicOnlyLookup,
} from "./http-url-policy.server";

const production = { allowLocal: false };
const demo = { allowLocal: true };

describe("connector address policy", () => {
  it("knows private, loopback, link-local and reserved addresses, v4 and v6", () => {
    for (const ip of [
      "127.0.0.1",
      "127.8.9.10",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.0.10",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "[::1]",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:a9fe:a9fe",
      "64:ff9b::10.0.0.1",
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of [
      "8.8.8.8",
      "172.32.0.1",
      "192.169.0.1",
      "100.128.0.1",
      "2a00:1450:4007:80e::200e",
      "::ffff:8.8.8.8",
    ])
      expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it("knows names that only mean something on a local network", () => {
    for (const name of [
      "localhost",
      "app.localhost",
      "printer.local",
      "db.internal",
      "nas.home.arpa",
      "fastmag",
      "localhost.",
    ])
      expect(isLocalHostname(name), name).toBe(true);
    for (const name of ["maboutique.fastmag.fr", "example.com"]) expect(isLocalHostname(name), name).toBe(false);
  });

  it("accepts public https addresses only, unless the demo mode allows local plain http", () => {
    expect(checkConnectorUrl("https://maboutique.fastmag.fr/", production)).toMatchObject({ ok: true });
    const refused = [
      "http://maboutique.fastmag.fr",
      "https://127.0.0.1:8443",
      "http://127.0.0.1:4200",
      "https://localhost/",
      "https://[::1]/",
      "https://[::ffff:127.0.0.1]/",
      "https://2130706433/", // 127.0.0.1 written as one number
      "https://0x7f.1/",
      "https://169.254.169.254/latest/meta-data",
      "https://user:secret@maboutique.fastmag.fr",
      "ftp://maboutique.fastmag.fr",
      "not a url",
    ];
    for (const url of refused) expect(checkConnectorUrl(url, production), url).toMatchObject({ ok: false });
    expect(checkConnectorUrl("http://127.0.0.1:4200", demo)).toMatchObject({ ok: true });
    expect(checkConnectorUrl("http://localhost:4200", demo)).toMatchObject({ ok: true });
    // Plain http to another machine is refused even in the demo mode: the password travels in it.
    expect(checkConnectorUrl("http://maboutique.fastmag.fr", demo)).toMatchObject({ ok: false });
  });

  it("refuses, while connecting, a name that resolves to a private address", async () => {
    const lookup = (hostname: string, all: boolean) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
        publicOnlyLookup(hostname, { all }, (error, address) => resolve({ error, address })),
      );
    for (const all of [false, true]) {
      const { error } = await lookup("localhost", all);
      expect(error).not.toBeNull();
      expect(classifyOutboundFailure(new TypeError("fetch failed", { cause: error }))).toBe("blocked");
      expect(describeOutboundFailure(new TypeError("fetch failed", { cause: error }), { host: "localhost" })).toBe(
        "the address localhost is on a private or local network, which the app may not call",
      );
    }
  });
});

describe("connections for merchant-configured addresses", () => {
  it("are refused when the name resolves to a private address, before connecting", async () => {
    const dispatcher = connectorDispatcher({ allowLocal: false });
    expect(connectorDispatcher({ allowLocal: true })).toBeUndefined();
    // A port nothing listens on: without the guard this is "refused", with it "blocked" before connecting.
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const url = `http://localhost:${port}/`;
    const error = await outboundFetch(url, {}, { timeoutMs: 5_000, dispatcher }).catch((e: unknown) => e);
    expect(classifyOutboundFailure(error)).toBe("blocked");
    const unguarded = await outboundFetch(url, {}, { timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(classifyOutboundFailure(unguarded)).toBe("refused");
  });
});

describe("outbound failures in plain words", () => {
  const failed = (code: string) => new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) });

  it("names DNS, TLS, refused, reset, timeout and malformed answers", () => {
    expect(describeOutboundFailure(failed("ENOTFOUND"), { host: "nope.example" })).toBe(
      "the address nope.example was not found (DNS)",
    );
    expect(classifyOutboundFailure(failed("CERT_HAS_EXPIRED"))).toBe("tls");
    expect(classifyOutboundFailure(failed("DEPTH_ZERO_SELF_SIGNED_CERT"))).toBe("tls");
    expect(classifyOutboundFailure(failed("ERR_TLS_CERT_ALTNAME_INVALID"))).toBe("tls");
    expect(describeOutboundFailure(failed("ECONNREFUSED"), { host: "h.example" })).toBe(
      "the connection to h.example was refused",
    );
    expect(classifyOutboundFailure(failed("ECONNRESET"))).toBe("reset");
    expect(classifyOutboundFailure(failed("UND_ERR_SOCKET"))).toBe("reset");
    expect(classifyOutboundFailure(failed("HPE_INVALID_CONSTANT"))).toBe("malformed");
    expect(describeOutboundFailure(new DOMException("timed out", "TimeoutError"), { timeoutMs: 15_000 })).toBe(
      "no answer within 15 s",
    );
    expect(classifyOutboundFailure(new DOMException("aborted", "AbortError"))).toBe("aborted");
    expect(classifyOutboundFailure(new Error("something else"))).toBe("network");
  });
});
