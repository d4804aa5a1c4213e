// Storage of a connector's settings for a shop. Plain settings are JSON; secrets are encrypted at rest
// and never leave the server in clear: screens get only the names of the secrets that are set.
import type { Locale } from "../i18n/locale";
import { type Message, said, storedText, textOf, wordsJson } from "../i18n/stored-words";
import { db } from "../db.server";
import { decryptSecret, encryptSecret } from "../lib/crypto.server";
import { recordAppEvent } from "../alerts/app-events.server";

export type ConnectionState = "not-configured" | "untested" | "connected" | "failing" | "disabled";

export interface ConnectorSummary {
  connector: string;
  name: string;
  kind: string;
  enabled: boolean;
  state: ConnectionState;
  lastCheckAt: Date | null;
  lastCheckMessage: string | null;
}

export interface PublicConnectorSettings<TConfig> {
  config: TConfig;
  /** Names of the secrets that are set (e.g. ["motpasse"]); their values are never returned. */
  secretsSet: string[];
  enabled: boolean;
}

type Secrets = Record<string, string>;

export async function saveConnectorSettings<TConfig extends object>(
  shop: string,
  connector: string,
  config: TConfig,
  /** Secrets to set; a key absent keeps the stored value, an empty string clears it. */
  secrets: Secrets = {},
): Promise<void> {
  const existing = await db.connectorSetting.findUnique({ where: { shop_connector: { shop, connector } } });
  const merged: Secrets = { ...(existing?.secretsCiphertext ? readSecrets(existing.secretsCiphertext) : {}) };
  for (const [name, value] of Object.entries(secrets)) {
    if (value === "") delete merged[name];
    else merged[name] = value;
  }
  const data = {
    configJson: JSON.stringify(config),
    secretsCiphertext: Object.keys(merged).length ? encryptSecret(JSON.stringify(merged)) : null,
    // Changed settings have not been tested yet.
    lastCheckAt: null,
    lastCheckOk: null,
    lastCheckMessage: null,
    lastCheckWords: null,
  };
  await db.connectorSetting.upsert({
    where: { shop_connector: { shop, connector } },
    create: { shop, connector, ...data },
    update: data,
  });
  await recordAppEvent(shop, {
    kind: "settings-changed",
    message: said("event.connectorSaved", { connector: await connectorName(connector) }),
    link: `/app/settings/${connector}`,
  });
}

/** The name merchants know a connector by (the registry imports this file: read it lazily). */
async function connectorName(connector: string): Promise<string> {
  const { connectorById } = await import("./registry.server");
  return connectorById(connector)?.name ?? connector;
}

/** A connection test's outcome for the Logs screen (the tested values may not be the saved ones). */
export async function noteConnectionTest(
  shop: string,
  connector: string,
  ok: boolean,
  message: Message,
): Promise<void> {
  const name = await connectorName(connector);
  await recordAppEvent(shop, {
    kind: "connection-test",
    message: said(ok ? "event.connectionWorks" : "event.connectionFailed", { connector: name, message }),
    link: `/app/settings/${connector}`,
  });
}

export async function loadConnectorSettings<TConfig>(
  shop: string,
  connector: string,
): Promise<PublicConnectorSettings<TConfig> | null> {
  const row = await db.connectorSetting.findUnique({ where: { shop_connector: { shop, connector } } });
  if (!row) return null;
  return {
    config: JSON.parse(row.configJson) as TConfig,
    secretsSet: row.secretsCiphertext ? Object.keys(readSecrets(row.secretsCiphertext)) : [],
    enabled: row.enabled,
  };
}

/** Server-only: the decrypted secrets, for the connector client. */
export async function loadConnectorSecrets(shop: string, connector: string): Promise<Secrets> {
  const row = await db.connectorSetting.findUnique({ where: { shop_connector: { shop, connector } } });
  return row?.secretsCiphertext ? readSecrets(row.secretsCiphertext) : {};
}

/** A check of the saved settings: its outcome stays for the Dashboard and Settings, in English with its words. */
export async function recordConnectionCheck(
  shop: string,
  connector: string,
  ok: boolean,
  message: Message,
): Promise<void> {
  await db.connectorSetting.update({
    where: { shop_connector: { shop, connector } },
    data: {
      lastCheckAt: new Date(),
      lastCheckOk: ok,
      lastCheckMessage: textOf(message),
      lastCheckWords: wordsJson(message),
    },
  });
  await noteConnectionTest(shop, connector, ok, message);
}

/**
 * Every saved connection of the shop with its state, named by `describe` (the registry's manifests); the
 * last check's message said again in `locale` when stored with words.
 */
export async function listConnectorSummaries(
  shop: string,
  describe: (id: string) => { name: string; kind: string } | undefined,
  locale: Locale = "en",
): Promise<ConnectorSummary[]> {
  const rows = await db.connectorSetting.findMany({ where: { shop }, orderBy: { connector: "asc" } });
  return rows.flatMap((row) => {
    const description = describe(row.connector);
    // Settings of a system this build does not know are kept, not shown.
    if (!description) return [];
    return {
      connector: row.connector,
      name: description.name,
      kind: description.kind,
      enabled: row.enabled,
      state: connectionState(row),
      lastCheckAt: row.lastCheckAt,
      lastCheckMessage:
        row.lastCheckMessage === null ? null : storedText(row.lastCheckMessage, row.lastCheckWords, locale),
    };
  });
}

function connectionState(row: { enabled: boolean; lastCheckOk: boolean | null }): ConnectionState {
  if (!row.enabled) return "disabled";
  if (row.lastCheckOk === null) return "untested";
  return row.lastCheckOk ? "connected" : "failing";
}

function readSecrets(ciphertext: string): Secrets {
  return JSON.parse(decryptSecret(ciphertext)) as Secrets;
}
