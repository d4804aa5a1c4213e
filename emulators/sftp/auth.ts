// Who may log in: configured users with a password, public keys, or both; and the host key the server
// proves itself with, with the fingerprint a client pins ("SHA256:<base64>", as OpenSSH prints it).
import { createHash, timingSafeEqual } from "node:crypto";
import ssh2, { type ParsedKey } from "ssh2";

export interface SftpUser {
  username: string;
  password?: string;
  /** OpenSSH public key lines ("ssh-ed25519 AAAA... comment"). */
  publicKeys?: string[];
}

export interface CheckedUser {
  username: string;
  password?: string;
  keys: ParsedKey[];
}

export interface HostKey {
  /** The private key in OpenSSH format, as the server loads it. */
  privateKey: string;
  algorithm: string;
  /** "ssh-ed25519 AAAA...": the line a known_hosts file would hold. */
  publicKey: string;
  /** "SHA256:..." over the key blob, the way `ssh-keygen -lf` shows it. */
  fingerprint: string;
}

export function parseOneKey(text: string, what: string): ParsedKey {
  const parsed = ssh2.utils.parseKey(text);
  const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey | undefined) : parsed;
  if (!key || key instanceof Error) throw new Error(`${what} is not a key ssh2 can read`);
  return key;
}

export function checkUsers(users: SftpUser[]): CheckedUser[] {
  return users.map((user) => {
    if (!user.username) throw new Error("an SFTP user needs a username");
    if (user.password === undefined && !user.publicKeys?.length)
      throw new Error(`SFTP user ${user.username} needs a password or a public key`);
    return {
      username: user.username,
      password: user.password,
      keys: (user.publicKeys ?? []).map((line) => parseOneKey(line, `a public key of ${user.username}`)),
    };
  });
}

/**
 * A fresh ed25519 key pair in OpenSSH format. ssh2 writes about 1 key in 200 with its leading zero byte
 * dropped, which it then cannot read back: such keys are drawn again.
 */
export function generateSshKeyPair(): { private: string; public: string } {
  for (let attempt = 0; ; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync("ed25519");
    if (!(ssh2.utils.parseKey(pair.private) instanceof Error) || attempt >= 20) return pair;
  }
}

/** A host key given in OpenSSH format, or a fresh ed25519 one. */
export function hostKeyFrom(privateKey?: string): HostKey {
  const text = privateKey ?? generateSshKeyPair().private;
  const key = parseOneKey(text, "the host key");
  if (!key.isPrivateKey()) throw new Error("the host key must be a private key");
  const blob = key.getPublicSSH();
  return {
    privateKey: text,
    algorithm: key.type,
    publicKey: `${key.type} ${blob.toString("base64")}`,
    fingerprint: hostKeyFingerprint(blob),
  };
}

/** The fingerprint of a host key blob (what ssh2's hostVerifier receives). */
export function hostKeyFingerprint(blob: Buffer): string {
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

export function passwordMatches(user: CheckedUser | undefined, given: string): boolean {
  if (!user || user.password === undefined) return false;
  const expected = Buffer.from(user.password);
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The user's key matching the one offered, if any. */
export function knownKey(user: CheckedUser | undefined, offered: Buffer): ParsedKey | undefined {
  return user?.keys.find((key) => key.getPublicSSH().equals(offered));
}
