// Which addresses a merchant may point a connector at. A settings field that takes a URL is a way to
// make the server call anything it can reach (its own admin ports, a cloud metadata service, the
// database), so connector URLs must be https and public; plain http and local addresses are only
// for the demo and the emulators (ALLOW_LOCAL_CONNECTORS=on). Checked when settings are saved, and
// again when connecting (a public name may resolve to a private address).
import dns from "node:dns";
import net from "node:net";
import { Agent } from "undici";
import { env } from "../env.server";
import type { Locale } from "../i18n/locale";
import { said, sayIn, type Said } from "../i18n/stored-words";
import { BlockedAddressError } from "./http-outbound.server";

export interface ConnectorUrlPolicy {
  /** Plain http and loopback/private addresses allowed (demo and emulators only). */
  allowLocal: boolean;
}

/** The policy this process runs with. */
export function connectorUrlPolicy(): ConnectorUrlPolicy {
  return { allowLocal: env().ALLOW_LOCAL_CONNECTORS === "on" };
}

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata services
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked.addSubnet(prefix, bits, "ipv4");
for (const [prefix, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
  ["2001:db8::", 32], // documentation
  ["100::", 64], // discard
] as const)
  blocked.addSubnet(prefix, bits, "ipv6");

/** True for loopback, private, link-local, reserved and other non-public addresses (v4 and v6). */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, "");
  const family = net.isIP(ip);
  if (family === 4) return blocked.check(ip, "ipv4");
  if (family !== 6) return false;
  const embedded = embeddedIpv4(ip);
  if (embedded) return blocked.check(embedded, "ipv4");
  return blocked.check(ip, "ipv6");
}

/** The IPv4 address inside an IPv4-mapped, IPv4-compatible or NAT64 IPv6 address, if any. */
function embeddedIpv4(ip: string): string | null {
  const lower = ip.toLowerCase();
  const match = /^(?:::ffff:(?:0:)?|::|64:ff9b::)(.+)$/.exec(lower);
  if (!match) return null;
  const tail = match[1]!;
  if (net.isIPv4(tail)) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(tail);
  if (!hex) return null;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa|localdomain)$/i;

/** True for names that only mean something on the local network. */
export function isLocalHostname(hostname: string): boolean {
  const name = hostname.replace(/\.$/, "");
  return LOCAL_NAMES.test(name) || (!name.includes(".") && net.isIP(name) === 0);
}

export type ConnectorUrlCheck =
  | { ok: true; url: URL }
  /** `problem` in the asked language (a settings form); `said` keeps its words for an error a run stores. */
  | { ok: false; problem: string; said: Said };

/** Whether a connector address may be saved and called, with the problem in the merchant's words. */
export function checkConnectorUrl(value: string, policy: ConnectorUrlPolicy, locale: Locale = "en"): ConnectorUrlCheck {
  const refuse = (problem: Said): ConnectorUrlCheck => ({ ok: false, problem: sayIn(problem, locale), said: problem });
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return refuse(said("url.full"));
  }
  if (url.username || url.password) return refuse(said("url.login"));
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const local = net.isIP(host) ? isPrivateAddress(host) : isLocalHostname(host);
  // Plain http never crosses a network: secrets travel in the requests.
  if (url.protocol !== "https:" && !(policy.allowLocal && local && url.protocol === "http:"))
    return refuse(said("url.https"));
  if (local && !policy.allowLocal) return refuse(said("url.public"));
  return { ok: true, url };
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: unknown, family?: number) => void;

/**
 * dns.lookup that refuses private answers: the name is checked as it is resolved for the
 * connection itself, so an answer that changes between a check and the connection cannot slip by.
 */
export function publicOnlyLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, undefined);
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad || list.length === 0)
      return callback(
        new BlockedAddressError(`${hostname} resolves to a private address`) as unknown as NodeJS.ErrnoException,
        undefined,
      );
    if (options.all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

let guarded: Agent | undefined;

/** Connections for merchant-configured addresses: only public IPs, decided at connect time. */
export function connectorDispatcher(policy: ConnectorUrlPolicy): Agent | undefined {
  if (policy.allowLocal) return undefined;
  guarded ??= new Agent({ connect: { lookup: publicOnlyLookup as never } });
  return guarded;
}
