// A shop's SFTP photo folder: address, login (password or private key, write-only), folder, the two
// name patterns, and the server's host key, pinned at the first successful connection and shown.
import ssh2 from "ssh2";
import { z } from "zod";
import { defineWords } from "../../i18n/define";
import type { Locale } from "../../i18n/locale";
import { merchantMessageOf, NotConfiguredError } from "../../lib/errors";
import { connectionProblemOf, connectionProblemSaid, failureInWords } from "../../lib/merchant-messages.server";
import { said, sayIn, type Message } from "../../i18n/stored-words";
import { connectorUrlPolicy, isLocalHostname, isPrivateAddress } from "../../lib/http-url-policy.server";
import type { ConnectionTest, SettingsSave, SettingsTest } from "../define";
import {
  loadConnectorSecrets,
  loadConnectorSettings,
  recordConnectionCheck,
  saveConnectorSettings,
} from "../settings.server";
import { SftpFolder, type SftpLogin } from "./client.server";
import { DEFAULT_FILE_PATTERN, DEFAULT_SKU_PATTERN, compilePattern } from "./file-names";

export const SFTP = "sftp";

const WORDS = defineWords({
  en: {
    server: "The SFTP server",
    notConfigured: "The SFTP photo folder is not set up for this shop yet: fill in Settings → SFTP photos.",
    fixFields: "Some fields need fixing; nothing was saved.",
    fixBeforeTest: "Some fields need fixing before the connection can be tested.",
    notPem:
      "Paste the private key in OpenSSH or PEM format, from -----BEGIN … PRIVATE KEY----- to its END line (not a public key nor a PuTTY .ppk file).",
    passphrase: "This private key is protected by a passphrase: paste a key without one.",
    unreadableKey:
      "This private key cannot be read: paste it whole, exactly as saved, from its BEGIN line to its END line.",
    enterHost: "Enter the SFTP server's name or address.",
    hostOnly: "Enter a host name only (no sftp:// or path).",
    publicHost: "The SFTP server must be public (not a local or private address).",
    port: "A port is a number from 1 to 65535.",
    enterUser: "Enter the SFTP user name.",
    enterSecret: "Enter a password or a private key.",
    connected: (files: number, folder: string, fingerprint: string) =>
      `Connected: ${files} file${files === 1 ? "" : "s"} in ${folder}. Host key ${fingerprint}.`,
    saveToKeep: "Save to keep these settings.",
  },
  fr: {
    server: "Le serveur SFTP",
    notConfigured:
      "Le dossier de photos SFTP n'est pas encore configuré pour cette boutique : remplissez Paramètres → Photos SFTP.",
    fixFields: "Certains champs sont à corriger ; rien n'a été enregistré.",
    fixBeforeTest: "Certains champs sont à corriger avant de pouvoir tester la connexion.",
    notPem:
      "Collez la clé privée au format OpenSSH ou PEM, de -----BEGIN … PRIVATE KEY----- à sa ligne END (ni une clé publique, ni un fichier PuTTY .ppk).",
    passphrase: "Cette clé privée est protégée par une phrase secrète : collez une clé sans phrase secrète.",
    unreadableKey:
      "Cette clé privée est illisible : collez-la en entier, exactement comme enregistrée, de sa ligne BEGIN à sa ligne END.",
    enterHost: "Saisissez le nom ou l'adresse du serveur SFTP.",
    hostOnly: "Saisissez seulement un nom d'hôte (sans sftp:// ni chemin).",
    publicHost: "Le serveur SFTP doit être public (pas une adresse locale ou privée).",
    port: "Un port est un nombre de 1 à 65535.",
    enterUser: "Saisissez le nom d'utilisateur SFTP.",
    enterSecret: "Saisissez un mot de passe ou une clé privée.",
    connected: (files: number, folder: string, fingerprint: string) =>
      `Connecté : ${files} fichier${files > 1 ? "s" : ""} dans ${folder}. Clé du serveur ${fingerprint}.`,
    saveToKeep: "Enregistrez pour garder ces paramètres.",
  },
});

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
  constructor(message = WORDS.en.notConfigured) {
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

/** Why a pasted private key cannot log in, in plain words; null when ssh2 reads it. */
function privateKeyProblem(text: string, w: SftpWords): string | null {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) return w.notPem;
  const parsed = ssh2.utils.parseKey(text);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key instanceof Error && /passphrase|encrypted/i.test(key.message)) return w.passphrase;
  if (!key || key instanceof Error) return w.unreadableKey;
  return null;
}

type SftpWords = (typeof WORDS)["en"];

type CheckedSftpFields =
  | { ok: true; settings: SftpSettings; secrets: Record<string, string>; before: SftpSettings | null }
  | { ok: false; fieldErrors: Record<string, string> };

/** Every field checked (the same rules for saving and for testing); a secret left blank keeps the stored one. */
async function checkSftpFields(shop: string, fields: SftpFormFields, w: SftpWords): Promise<CheckedSftpFields> {
  const current = await loadSftpSettings(shop);
  const before = current.settings;
  const errors: Record<string, string> = {};
  const host = (fields.host ?? before?.host ?? "").trim();
  if (!host) errors.host = w.enterHost;
  else if (!/^[a-z0-9.-]+$|^[0-9a-f:]+$/i.test(host)) errors.host = w.hostOnly;
  else if (!connectorUrlPolicy().allowLocal && (isLocalHostname(host) || isPrivateAddress(host)))
    errors.host = w.publicHost;
  const port = Number(fields.port ?? before?.port ?? 22);
  if (!Number.isInteger(port) || port < 1 || port > 65535) errors.port = w.port;
  const username = (fields.username ?? before?.username ?? "").trim();
  if (!username) errors.username = w.enterUser;
  const password = fields.password?.trim() ?? "";
  const privateKey = fields.privateKey?.trim() ?? "";
  if (!password && !privateKey && !current.passwordSet && !current.privateKeySet) errors.password = w.enterSecret;
  const keyProblem = privateKey ? privateKeyProblem(privateKey, w) : null;
  if (keyProblem) errors.privateKey = keyProblem;
  const folder = (fields.folder ?? before?.folder ?? "/").trim() || "/";
  const filePattern =
    (fields.filePattern ?? before?.filePattern ?? DEFAULT_FILE_PATTERN).trim() || DEFAULT_FILE_PATTERN;
  const skuPattern = (fields.skuPattern ?? before?.skuPattern ?? DEFAULT_SKU_PATTERN).trim() || DEFAULT_SKU_PATTERN;
  const files = compilePattern(filePattern, ["REF"]);
  if ("problem" in files) errors.filePattern = files.problem;
  const skus = compilePattern(skuPattern, ["REF"]);
  if ("problem" in skus) errors.skuPattern = skus.problem;
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
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
  return { ok: true, settings, secrets, before };
}

export async function saveSftpSettings(
  shop: string,
  fields: SftpFormFields,
  locale: Locale = "en",
): Promise<SettingsSave> {
  const checked = await checkSftpFields(shop, fields, WORDS[locale]);
  if (!checked.ok) return { ok: false, message: WORDS[locale].fixFields, fieldErrors: checked.fieldErrors };
  await saveConnectorSettings(shop, SFTP, checked.settings, checked.secrets);
  return { ok: true };
}

/**
 * "Test connection" on the form's values, saved or not: connects and lists the folder, saving
 * nothing (no key is pinned by a test of unsaved values). A blank password or key means the stored
 * one. Only a test of exactly the saved settings is recorded as the connection's state.
 */
export async function testSftpSettings(
  shop: string,
  fields: SftpFormFields,
  locale: Locale = "en",
): Promise<SettingsTest> {
  const w = WORDS[locale];
  const checked = await checkSftpFields(shop, fields, w);
  if (!checked.ok) return { ok: false, message: w.fixBeforeTest, fieldErrors: checked.fieldErrors };
  const { settings, secrets: typed, before } = checked;
  const stored = await loadConnectorSecrets(shop, SFTP);
  // A typed password or key replaces both stored ones, as saving would keep the other one alongside.
  const secrets = Object.keys(typed).length ? { ...stored, ...typed } : stored;
  const asSaved = Object.keys(typed).length === 0 && before !== null && sameSftpSettings(settings, before);
  if (asSaved) return { ...(await testSftpConnection(shop, locale)), fieldErrors: {} };
  let result: ConnectionTest;
  try {
    const folder = await SftpFolder.connect({
      host: settings.host,
      port: settings.port,
      username: settings.username,
      password: secrets.password,
      privateKey: secrets.privateKey,
      pinnedFingerprint: settings.hostKey?.fingerprint ?? null,
      timeoutMs: 15_000,
    });
    try {
      const files = await folder.list(settings.folder);
      result = {
        ok: true,
        message: `${w.connected(files.length, settings.folder, folder.fingerprint)} ${w.saveToKeep}`,
      };
    } finally {
      await folder.close();
    }
  } catch (error) {
    result = { ok: false, message: failureInWords(w.server, error, undefined, locale) };
  }
  return { ...result, fieldErrors: {} };
}

function sameSftpSettings(a: SftpSettings, b: SftpSettings): boolean {
  const { hostKey: _a, ...left } = a;
  const { hostKey: _b, ...right } = b;
  return JSON.stringify(left) === JSON.stringify(right);
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

export async function testSftpConnection(shop: string, locale: Locale = "en"): Promise<ConnectionTest> {
  let result: { ok: boolean; message: Message };
  try {
    const { folder, settings } = await openSftpFolder(shop, { timeoutMs: 15_000 });
    try {
      const files = await folder.list(settings.folder);
      result = {
        ok: true,
        message: said("check.sftp.connected", {
          files: files.length,
          folder: settings.folder,
          fingerprint: folder.fingerprint,
        }),
      };
    } finally {
      await folder.close();
    }
  } catch (error) {
    if (error instanceof SftpNotConfiguredError) return { ok: false, message: WORDS[locale].notConfigured };
    if (error instanceof NotConfiguredError) return { ok: false, message: error.message };
    result = { ok: false, message: sftpFailureSaid(error) };
  }
  // Stored in English with its words (the Dashboard and Settings say it again in the reader's language).
  await recordConnectionCheck(shop, SFTP, result.ok, result.message);
  return { ok: result.ok, message: sayIn(result.message, locale) };
}

/** An SFTP failure in plain words, said with its words: a classified connection problem, else our error's. */
function sftpFailureSaid(error: unknown): Message {
  const server = said("system.sftpServer");
  const problem = connectionProblemOf(error);
  return problem
    ? connectionProblemSaid(server, problem)
    : (merchantMessageOf(error) ?? connectionProblemSaid(server, "unreachable"));
}
