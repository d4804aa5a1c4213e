// Storage of a shop's carrier settings (one row per shop in CarrierSettings). Plain settings are JSON;
// the TNT password is encrypted at rest and only its presence leaves the server.
import { db } from "../../db.server";
import { decryptSecret, encryptSecret } from "../../lib/crypto.server";

export interface CarrierSecrets {
  tntPassword?: string;
}

export interface StoredCarrierSettings<TConfig> {
  config: TConfig;
  /** Names of the secrets that are set; their values are never returned. */
  secretsSet: (keyof CarrierSecrets)[];
}

export async function loadCarrierSettings<TConfig>(shop: string): Promise<StoredCarrierSettings<TConfig> | null> {
  const row = await db.carrierSettings.findUnique({ where: { shop } });
  if (!row) return null;
  return {
    config: JSON.parse(row.configJson) as TConfig,
    secretsSet: Object.keys(readSecrets(row.secretsCiphertext)) as (keyof CarrierSecrets)[],
  };
}

/** Server-only: the decrypted secrets, for the carrier clients. */
export async function loadCarrierSecrets(shop: string): Promise<CarrierSecrets> {
  const row = await db.carrierSettings.findUnique({ where: { shop }, select: { secretsCiphertext: true } });
  return readSecrets(row?.secretsCiphertext ?? null);
}

/** Saves the settings; a secret absent from `secrets` keeps its stored value, an empty string clears it. */
export async function saveCarrierSettings<TConfig extends object>(
  shop: string,
  config: TConfig,
  secrets: CarrierSecrets = {},
): Promise<void> {
  const merged: Record<string, string> = { ...(await loadCarrierSecrets(shop)) };
  for (const [name, value] of Object.entries(secrets)) {
    if (value === undefined) continue;
    if (value === "") delete merged[name];
    else merged[name] = value;
  }
  const data = {
    configJson: JSON.stringify(config),
    secretsCiphertext: Object.keys(merged).length ? encryptSecret(JSON.stringify(merged)) : null,
  };
  await db.carrierSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
}

function readSecrets(ciphertext: string | null): CarrierSecrets {
  return ciphertext ? (JSON.parse(decryptSecret(ciphertext)) as CarrierSecrets) : {};
}
