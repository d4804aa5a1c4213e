// Files the emulator serves like Shopify's storage: staged uploads (the JSONL variables of a bulk
// mutation) and bulk operation results. Addressed as https://<shop>/_emulator-files/<path>, which the
// app's origin override sends to the emulator, so the app fetches them as it would Google Cloud Storage.
const files = new Map<string, string>();

export const FILES_PREFIX = "/_emulator-files/";

export function fileUrl(shopDomain: string, path: string): string {
  return `https://${shopDomain}${FILES_PREFIX}${path}`;
}

export function putFile(shopDomain: string, path: string, content: string): void {
  files.set(`${shopDomain}|${path}`, content);
}

export function getFile(shopDomain: string, path: string): string | undefined {
  return files.get(`${shopDomain}|${path}`);
}
