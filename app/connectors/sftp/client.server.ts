// One SFTP connection to the shop's photo folder (ssh2-sftp-client): a deadline on connecting and on each
// operation, the address checked against the connector policy, and the server's host key checked
// against the fingerprint pinned at the first connection (a changed key refuses to connect).
import { createHash } from "node:crypto";
import dns from "node:dns";
import type { Readable } from "node:stream";
import SftpClient from "ssh2-sftp-client";
import { ExternalSystemError, TransientError, errorMessage } from "../../lib/errors";
import { connectorUrlPolicy, isPrivateAddress } from "../../lib/http-url-policy.server";
import { said } from "../../i18n/stored-words";
import { connectionProblemOf, connectionProblemSaid } from "../../lib/merchant-messages.server";

export interface SftpLogin {
  host: string;
  port: number;
  username: string;
  password?: string;
  privateKey?: string;
  /** "SHA256:…" pinned at the first connection; null: take the one the server shows. */
  pinnedFingerprint: string | null;
  timeoutMs?: number;
}

export interface RemoteFile {
  name: string;
  size: number;
  modifiedAt: Date;
}

export class HostKeyChangedError extends ExternalSystemError {}

/** "SHA256:<base64>", as `ssh-keygen -lf` prints a key's fingerprint. */
export const fingerprintOf = (blob: Buffer) =>
  `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;

export class SftpFolder {
  private constructor(
    private readonly client: SftpClient,
    /** The host key's fingerprint the server proved itself with. */
    readonly fingerprint: string,
    private readonly timeoutMs: number,
  ) {}

  static async connect(login: SftpLogin): Promise<SftpFolder> {
    const timeoutMs = login.timeoutMs ?? 20_000;
    const address = await resolve(login.host);
    const client = new SftpClient("passerelle");
    let seen: string | null = null;
    try {
      await client.connect({
        host: address,
        port: login.port,
        username: login.username,
        password: login.password,
        privateKey: login.privateKey,
        readyTimeout: timeoutMs,
        retries: 0,
        hostVerifier: (key: Buffer) => {
          seen = fingerprintOf(key);
          return login.pinnedFingerprint === null || seen === login.pinnedFingerprint;
        },
      });
    } catch (error) {
      await client.end().catch(() => {});
      if (seen && login.pinnedFingerprint && seen !== login.pinnedFingerprint)
        throw new HostKeyChangedError(said("words7.sftp.hostKeyChanged", { seen, pinned: login.pinnedFingerprint }));
      throw describeConnectError(error, login);
    }
    return new SftpFolder(client, seen ?? "", timeoutMs);
  }

  /** The files (not folders) directly in `folder`: names, sizes and times only. */
  async list(folder: string): Promise<RemoteFile[]> {
    const entries = await this.deadline(this.client.list(folder), folder);
    return entries
      .filter((entry) => entry.type === "-")
      .map((entry) => ({ name: entry.name, size: entry.size, modifiedAt: new Date(entry.modifyTime) }));
  }

  /** The file's bytes as a stream, read as they are consumed. */
  read(path: string): Readable {
    return this.client.createReadStream(path, { autoClose: true }) as unknown as Readable;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }

  /** Lists `folder` within the deadline; a refusal or silence is said with its words (the images run shows them). */
  private async deadline<T>(work: Promise<T>, folder: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new TransientError(said("words7.sftp.noAnswerListing", { folder, seconds: this.timeoutMs / 1000 }))),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } catch (error) {
      if (error instanceof TransientError) throw error;
      throw new ExternalSystemError(said("words7.sftp.refusedListing", { folder, answer: plain(error) }), {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }
}

async function resolve(host: string): Promise<string> {
  let address: string;
  try {
    ({ address } = await dns.promises.lookup(host));
  } catch (error) {
    throw new TransientError(said("words7.sftp.nameNotFound", { host }), { cause: error });
  }
  if (!connectorUrlPolicy().allowLocal && isPrivateAddress(address))
    throw new ExternalSystemError(said("words7.sftp.privateAddress", { host }));
  return address;
}

const plain = (error: unknown) => errorMessage(error).replace(/^\w+: /, "");

function describeConnectError(error: unknown, login: SftpLogin): Error {
  const text = errorMessage(error);
  if (/authentication|All configured authentication methods failed/i.test(text))
    return new ExternalSystemError(said("words7.sftp.loginRefused", { user: login.username }), { cause: error });
  // Classified in plain words (never "connect ECONNREFUSED 10.0.0.5:22"); the library's text stays the cause.
  const problem = connectionProblemOf(error) ?? "unreachable";
  // Said with words: a run that stores it shows it in each reader's language (ADR 0021).
  const words = connectionProblemSaid(said("system.sftpServer"), problem);
  return problem === "credentials" || problem === "tls" || problem === "blocked"
    ? new ExternalSystemError(words, { cause: error })
    : new TransientError(words, { cause: error });
}
