// Use-cases behind Settings → SFTP photos: the saved settings (secrets by whether they are set), the
// pinned host key, the connection state, which system photos come from, saving and testing.
import { connectionSummaries } from "../connectors/registry.server";
import {
  SFTP,
  loadSftpSettings,
  saveSftpSettings,
  testSftpConnection,
  testSftpSettings,
  type SftpFormFields,
} from "../connectors/sftp/settings.server";
import { DEFAULT_FILE_PATTERN, DEFAULT_SKU_PATTERN } from "../connectors/sftp/file-names";
import { db } from "../db.server";
import type { Locale } from "../i18n/locale";
import {
  chooseImageSource,
  chosenImageSource,
  imageSourceOptions,
  imageSourceSettings,
  saveImageSourceSettings,
} from "../sync/images/settings.server";

export async function sftpSettingsScreen(shop: string, locale: Locale = "en") {
  const [{ settings, passwordSet, privateKeySet }, summaries, imageSource] = await Promise.all([
    loadSftpSettings(shop),
    connectionSummaries(shop, locale),
    chosenImageSource(db, shop),
  ]);
  const summary = summaries.find((s) => s.connector === SFTP);
  return {
    settings,
    defaults: { filePattern: DEFAULT_FILE_PATTERN, skuPattern: DEFAULT_SKU_PATTERN },
    passwordSet,
    privateKeySet,
    imageSource,
    imageSources: imageSourceOptions(),
    connection: { state: summary?.state ?? ("not-configured" as const), message: summary?.lastCheckMessage ?? null },
  };
}

export const saveSftpSettingsForm = (shop: string, fields: SftpFormFields, locale: Locale = "en") =>
  saveSftpSettings(shop, fields, locale);
export const testSftp = (shop: string, locale: Locale = "en") => testSftpConnection(shop, locale);
/** "Test connection": the form's values, unsaved (a blank password or key means the saved one). */
export const testSftpForm = (shop: string, fields: SftpFormFields, locale: Locale = "en") =>
  testSftpSettings(shop, fields, locale);
export const chooseShopImageSource = (shop: string, id: string | null) => chooseImageSource(db, shop, id);
export const shopImageSource = (shop: string) => imageSourceSettings(db, shop);
export const saveShopImageSource = (shop: string, body: Record<string, unknown>) =>
  saveImageSourceSettings(db, shop, body);
