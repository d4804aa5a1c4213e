// A shop's SFTP photo folder: address, login (password or private key, write-only), folder, the two
// name patterns, and the server's host key, pinned at the first successful connection and shown.
import ssh2 from "ssh2";
import { z } from "zod";
import { ExternalSystemError, NotConfiguredError, errorMessage } from "../../lib/errors";
import { connectorUrlPolicy, isLocalHostname, isPrivateAddress } from "../../lib/http-url-policy.server";
import type { ConnectionTest, SettingsSave } from "../define";
import {
  loadConnectorSecrets,
  loadConnectorSettings,
  recordConnectionCheck,
  saveConnectorSettings,
} from "../settings.server";
import { SftpFolder, type SftpLogin } from "./client.server";
import { DEFAULT_FILE_PATTERN, DEFAULT_SKU_PATTERN, compilePattern } from "./file-names";

export const SFTP = "sftp";

export interface SftpSettings {
  host: string;
  port: number;
  username: string;
  /** The folder photos are in ("/" the login's root). */
  folder: string;
  filePattern: string;
  skuPattern: string;
  /** The server's host key, pinned at the first connection. */
  hostKey: { fingerprint: string; pinnedAt: string } | null;
}

export const sftpFormFields = z
  .object({
    host: z.string(),
    port: z.union([z.number(), z.string()]),
    username: z.string(),
    password: z.string(),
    privateKey: z.string(),
    folder: z.string(),
    filePattern: z.string(),
    skuPattern: z.string(),
    /** true: forget the pinned host key (the server was really replaced). */
    clearHostKey: z.union([z.boolean(), z.literal("on"), z.literal("")]),
  })
  .partial()
  .strict();

export type SftpFormFields = z.infer<typeof sftpFormFields>;

export class SftpNotConfiguredError extends NotConfiguredError {
  constructor(message = "The SFTP photo folder is not set up for this shop yet: fill in Settings → SFTP photos.") {
    super("SFTP photos", "/app/settings/sftp", message);
  }
}

export async function loadSftpSettings(shop: string) {
  const stored = await loadConnectorSettings<SftpSettings>(shop, SFTP);
  return {
    settings: stored?.config ?? null,
    passwordSet: stored?.secretsSet.includes("password") ?? false,
    privateKeySet: stored?.secretsSet.includes("privateKey") ?? false,
  };
}

const FAILED = "Some fields need fixing; nothing was saved.";

/** Why a pasted private key cannot log in, in plain words; null when ssh2 reads it. */
function privateKeyProblem(text: string): string | null {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text))
    return "Paste the private key in OpenSSH or PEM format, from -----BEGIN … PRIVATE KEY----- to its END line (not a public key nor a PuTTY .ppk file).";
  const parsed = ssh2.utils.parseKey(text);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key instanceof Error && /passphrase|encrypted/i.test(key.message))
    return "This private key is protected by a passphrase: paste a key without one.";
  if (!key || key instanceof Error)
    return "This private key cannot be read: paste it whole, exactly as saved, from its BEGIN line to its END line.";
  return null;
}

export async function saveSftpSettings(shop: string, fields: SftpFormFields): Promise<SettingsSave> {
  const current = await loadSftpSettings(shop);
  const before = current.settings;
  const errors: Record<string, string> = {};
  const host = (fields.host ?? before?.host ?? "").trim();
  if (!host) errors.host = "Enter the SFTP server's name or address.";
  else if (!/^[a-z0-9.-]+$|^[0-9a-f:]+$/i.test(host)) errors.host = "Enter a host name only (no sftp:// or path).";
  else if (!connectorUrlPolicy().allowLocal && (isLocalHostname(host) || isPrivateAddress(host)))
    errors.host = "The SFTP server must be public (not a local or private address).";
  const port = Number(fields.port ?? before?.port ?? 22);
  if (!Number.isInteger(port) || port < 1 || port > 65535) errors.port = "A port is a number from 1 to 65535.";
  const username = (fields.username ?? before?.username ?? "").trim();
  if (!username) errors.username = "Enter the SFTP user name.";
  const password = fields.password?.trim() ?? "";
  const privateKey = fields.privateKey?.trim() ?? "";
  if (!password && !privateKey && !current.passwordSet && !current.privateKeySet)
    errors.password = "Enter a password or a private key.";
  const keyProblem = privateKey ? privateKeyProblem(privateKey) : null;
  if (keyProblem) errors.privateKey = keyProblem;
  const folder = (fields.folder ?? before?.folder ?? "/").trim() || "/";
  const filePattern =
    (fields.filePattern ?? before?.filePattern ?? DEFAULT_FILE_PATTERN).trim() || DEFAULT_FILE_PATTERN;
  const skuPattern = (fields.skuPattern ?? before?.skuPattern ?? DEFAULT_SKU_PATTERN).trim() || DEFAULT_SKU_PATTERN;
  const files = compilePattern(filePattern, ["REF"]);
  if ("problem" in files) errors.filePattern = files.problem;
  const skus = compilePattern(skuPattern, ["REF"]);
  if ("problem" in skus) errors.skuPattern = skus.problem;
  if (Object.keys(errors).length) return { ok: false, message: FAILED, fieldErrors: errors };
  // Another server (host or port) is another key: the pin starts again.
  const sameServer = before && before.host === host && before.port === port;
  const clear = fields.clearHostKey === true || fields.clearHostKey === "on";
  const settings: SftpSettings = {
    host,
    port,
    username,
    folder,
    filePattern,
    skuPattern,
    hostKey: sameServer && !clear ? before.hostKey : null,
  };
  const secrets: Record<string, string> = {};
  if (password) secrets.password = password;
  if (privateKey) secrets.privateKey = privateKey;
  await saveConnectorSettings(shop, SFTP, settings, secrets);
  return { ok: true };
}

/** Connects with the shop's settings, pinning the host key on the first connection. */
export async function openSftpFolder(
  shop: string,
  options: { timeoutMs?: number } = {},
): Promise<{ folder: SftpFolder; settings: SftpSettings }> {
  const [{ settings }, secrets] = await Promise.all([loadSftpSettings(shop), loadConnectorSecrets(shop, SFTP)]);
  if (!settings || (!secrets.password && !secrets.privateKey)) throw new SftpNotConfiguredError();
  const login: SftpLogin = {
    host: settings.host,
    port: settings.port,
    username: settings.username,
    password: secrets.password,
    privateKey: secrets.privateKey,
    pinnedFingerprint: settings.hostKey?.fingerprint ?? null,
    timeoutMs: options.timeoutMs,
  };
  const folder = await SftpFolder.connect(login);
  if (!settings.hostKey) {
    settings.hostKey = { fingerprint: folder.fingerprint, pinnedAt: new Date().toISOString() };
    await saveConnectorSettings(shop, SFTP, settings);
  }
  return { folder, settings };
}

export async function testSftpConnection(shop: string): Promise<ConnectionTest> {
  let result: ConnectionTest;
  try {
    const { folder, settings } = await openSftpFolder(shop, { timeoutMs: 15_000 });
    try {
      const files = await folder.list(settings.folder);
      result = {
        ok: true,
        message: `Connected: ${files.length} file${files.length === 1 ? "" : "s"} in ${settings.folder}. Host key ${folder.fingerprint}.`,
      };
    } finally {
      await folder.close();
    }
  } catch (error) {
    if (error instanceof NotConfiguredError) return { ok: false, message: error.message };
    result = {
      ok: false,
      message: error instanceof ExternalSystemError || error instanceof Error ? errorMessage(error) : "Failed",
    };
  }
  await recordConnectionCheck(shop, SFTP, result.ok, result.message);
  return result;
}
